#include "search/xapian/document_builder.h"

#include <algorithm>

#include "search/plain_text.h"
#include "search/xapian/facets.h"
#include "search/xapian/stored_doc.h"

namespace gezondin::search {

namespace {

constexpr Xapian::termcount title_wdf = 3;
constexpr Xapian::termcount summary_wdf = 2;
constexpr Xapian::termpos field_gap = 10;   // no phrase spans two fields

// A Xapian::Stem that counts the words it stems (for the spelling table and the stored terms).
class CountingStem : public Xapian::StemImplementation {
public:
    explicit CountingStem(std::shared_ptr<const DutchLemmatizer> lemmas) : m_stemmer(std::move(lemmas), CountWords::Yes) {}
    std::string operator()(const std::string& word) override { return m_stemmer.term(word); }
    std::string get_description() const override { return "gezondin-dutch-counting"; }
    DutchStemmer& stemmer() { return m_stemmer; }

private:
    DutchStemmer m_stemmer;
};

std::string date_key(const domain::Item& item) {
    auto date = item.date.to_string();
    std::erase(date, '-');
    return date;
}

}  // namespace

std::string id_term(domain::ItemId id) { return "Q" + std::to_string(id); }

DocumentBuilder::DocumentBuilder(const XapianIndex::Impl& impl) : m_impl(impl) {
    auto* stem = new CountingStem(impl.lemmas);
    m_stemmer = &stem->stemmer();
    m_indexer.set_stemmer(Xapian::Stem(stem));
    m_indexer.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
}

Xapian::Document DocumentBuilder::build(const IndexedItem& in) {
    const auto& item = in.item;
    std::string body = markdown_to_plain(item.body);
    Xapian::Document doc;
    m_indexer.set_document(doc);
    m_indexer.index_text(item.title, title_wdf);
    m_indexer.increase_termpos(field_gap);
    m_indexer.index_text(item.summary, summary_wdf);
    m_indexer.index_text_without_positions(body);
    // Attachment text counts like the body; it is not stored, so snippets stay the item's own.
    if (!in.attachment_text.empty()) m_indexer.index_text_without_positions(in.attachment_text);
    auto words = folded_words(item.title + "\n" + item.summary + "\n" + body);
    for (auto g : m_impl.matcher.groups_in(words)) doc.add_term(m_impl.concept_terms[g]);
    for (const auto& t : facet_terms(in)) doc.add_boolean_term(t);
    doc.add_boolean_term(id_term(item.id));
    doc.add_value(facets_slot, pack_facets(in));
    doc.add_value(date_slot, date_key(item));
    doc.set_data(encode_stored_doc(in, body));
    return doc;
}

void DocumentBuilder::flush_spelling(Xapian::WritableDatabase& db) {
    // Xapian ignores one-letter words in the spelling table; so does this.
    // Each word's index term goes into the index once, for the readers (DutchStemmer::KnownTerms).
    m_stemmer->drain_counts([&](const std::string& word, const std::string& term, unsigned n, bool first) {
        if (word.size() > 1) db.add_spelling(word, n);
        if (first && !word.empty() && word.size() <= max_known_term_word_bytes) db.set_metadata(known_term_key(word), term);
    });
}

std::size_t DocumentBuilder::pending_spelling_words() const { return m_stemmer->counted_words(); }

}  // namespace gezondin::search
