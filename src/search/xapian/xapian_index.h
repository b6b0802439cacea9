#pragma once
// XapianIndex: the SearchIndex on a Xapian (glass) database in a folder. This header does not
// include Xapian.
//
// What it does with Dutch text: see dutch_stemmer.h (word forms, diacritics) and synonyms.h
// (abbreviations). Query syntax: words (all must match), "phrases", -word / +word,
// AND/OR/NOT/( ); a query the Xapian parser rejects is retried as plain words, so a search
// never fails on syntax. Facet counts are exact and computed under the current text and *all*
// current filters. An empty text lists the matching items newest first.
//
// Matching: where the query allows, the matches are found on in-memory posting bitmaps
// (fast_match.h) and Xapian ranks only the candidates for the page; the results equal those of
// Xapian's matcher (a test compares them). Phrases and deep pages use Xapian's matcher.
//
// Phrases match within the title and the summary; the body is indexed without positions.
// A word gets a spelling suggestion only when it looks misspelt: it does not occur in the
// index as typed, and either the search found nothing, or no indexed word has its index
// term, or the dictionary does not know it (so "wijk" is fine when documents say "wijken").
//
// Threads: search(), similar(), document_count() and applied_seq() may be called from any
// number of threads at once; each call borrows a database reader from a small pool and reopens
// it when the index has changed. put(), remove() and commit() are serialised by a mutex; one
// process at a time may have an index open (Xapian's write lock): a second open() of the same
// folder fails with Unavailable.
//
// Writes into an empty index (a full reindex) run as a bulk load (bulk_load.h): put() queues
// the item for one of a few worker threads, each building a shard, and commit() compacts the
// shards into the index folder. An error of a queued write is returned by a later put(),
// remove() or commit(). Once the index holds documents, put() writes directly.
//
// Changing the synonym groups or the dictionary changes which terms documents get: open()
// then reports needs_rebuild() and the caller should run a full reindex.

#include <memory>
#include <string>
#include <vector>

#include "search/search_index.h"
#include "search/synonyms.h"

namespace gezondin::search {

struct IndexOptions {
    std::vector<SynonymGroup> synonyms;                       // from parse_synonyms(data/synonyms.txt)
    std::string hunspell_aff = "/usr/share/hunspell/nl.aff";  // both empty: Snowball stemming only
    std::string hunspell_dic = "/usr/share/hunspell/nl.dic";
    // Match from in-memory posting bitmaps where the query allows (fast_match.h); false: always
    // Xapian's matcher (the tests compare the two).
    bool fast_matching = true;
};

class XapianIndex final : public SearchIndex {
public:
    // Opens the index in `dir`, creating the folder and an empty index when missing.
    // Unavailable when the dictionary cannot be loaded, the index is locked by another process
    // or cannot be opened.
    static core::Result<std::unique_ptr<XapianIndex>> open(const std::string& dir, const IndexOptions& options);
    ~XapianIndex() override;

    core::Status put(const IndexedItem& item) override;
    core::Status remove(domain::ItemId id) override;
    core::Status commit(std::int64_t applied_seq) override;
    core::Result<std::int64_t> applied_seq() const override;
    core::Result<long> document_count() const override;

    core::Result<SearchResult> search(const SearchQuery& query) const override;
    core::Result<std::vector<SearchHit>> similar(domain::ItemId id, int count) const override;

    // True when the index holds documents made with other synonyms or another term scheme.
    bool needs_rebuild() const;

    struct Impl;

private:
    explicit XapianIndex(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace gezondin::search
