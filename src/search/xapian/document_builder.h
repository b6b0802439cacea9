#pragma once
// Turns an item into its Xapian document: text terms, synonym concept terms, facet terms and
// values, stored data. Internal to the Xapian adapter.
//
// Terms: title and summary with positions (phrase search), the body without positions (it is
// most of the text, and positions were about half of the index and of the build time); the
// text of the item's attachments (IndexedItem::attachment_text) likewise, not stored. Spelling
// data (Xapian's spelling table) is kept for every word of all three fields: the stemmer counts
// the words, and flush_spelling() adds each distinct word once with its count.
//
// Text without positions is indexed by distinct chunk: the text is cut at ASCII white space
// (where Xapian's tokeniser always ends a word), punctuation that cannot be part of a word is
// trimmed from the ends, and each distinct chunk goes through the term generator once with its
// number of occurrences as wdf increment (and as count step for the spelling data). The terms
// and their wdf are those of indexing word by word, for a fraction of the stemmer calls.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search/search_index.h"
#include "search/xapian/index_impl.h"

namespace gezondin::search {

// The unique term that identifies the document of an item ("Q42").
std::string id_term(domain::ItemId id);

// Not thread-safe: one per writing thread. Reads only the immutable parts of `impl` (lemmas,
// synonym matcher, concept terms), which must outlive the builder.
class DocumentBuilder {
public:
    explicit DocumentBuilder(const XapianIndex::Impl& impl);
    DocumentBuilder(const DocumentBuilder&) = delete;
    DocumentBuilder& operator=(const DocumentBuilder&) = delete;

    Xapian::Document build(const IndexedItem& item);

    // Adds the words counted since the last call to `db`'s spelling table.
    void flush_spelling(Xapian::WritableDatabase& db);
    // Distinct words waiting for flush_spelling().
    std::size_t pending_spelling_words() const;

private:
    void index_by_chunk(Xapian::Document& doc, std::string_view text);

    const XapianIndex::Impl& m_impl;
    DutchStemmer* m_stemmer;   // owned by m_indexer's Xapian::Stem
    Xapian::TermGenerator m_indexer;
    std::unordered_map<std::string_view, unsigned> m_chunks;   // of the text being indexed
};

// The chunks of `text` as index_by_chunk cuts them (for tests): white-space separated, with
// the punctuation trimmed from their ends that Xapian never makes part of a word.
std::vector<std::string_view> text_chunks(std::string_view text);

}  // namespace gezondin::search
