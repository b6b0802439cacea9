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

bool is_ascii_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Characters Xapian never makes part of a word at the start or end of one. '.' only goes at
// the end of a chunk without other dots: "I.B.M." keeps its dots for Xapian's acronym rule.
// '+' and '#' stay ("C++", "C#").
bool trimmable(char c) {
    return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')' || c == '"' || c == '\'' ||
           c == '[' || c == ']' || c == '*';
}

// A chunk the TermGenerator would take as one word as it stands: lower-case ASCII letters,
// not longer than its maximum word length (64 bytes by default; longer words are dropped).
bool is_plain_word(std::string_view chunk) {
    constexpr std::size_t max_word_bytes = 64;
    if (chunk.empty() || chunk.size() > max_word_bytes) return false;
    return std::all_of(chunk.begin(), chunk.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

template <typename Fn>
void for_each_chunk(std::string_view text, Fn&& fn) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_ascii_space(text[i])) ++i;
        std::size_t end = i;
        while (end < text.size() && !is_ascii_space(text[end])) ++end;
        std::string_view chunk = text.substr(i, end - i);
        i = end;
        while (!chunk.empty() && trimmable(chunk.front())) chunk.remove_prefix(1);
        while (!chunk.empty() && trimmable(chunk.back())) chunk.remove_suffix(1);
        if (chunk.size() > 1 && chunk.back() == '.' && chunk.find('.') == chunk.size() - 1) chunk.remove_suffix(1);
        if (!chunk.empty()) fn(chunk);
    }
}

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
    index_by_chunk(doc, body);
    // Attachment text counts like the body; it is not stored, so snippets stay the item's own.
    if (!in.attachment_text.empty()) index_by_chunk(doc, in.attachment_text);
    for (auto g : m_impl.matcher.groups_in_text(item.title + "\n" + item.summary + "\n" + body))
        doc.add_term(m_impl.concept_terms[g]);
    for (const auto& t : facet_terms(in)) doc.add_boolean_term(t);
    doc.add_boolean_term(id_term(item.id));
    doc.add_value(facets_slot, pack_facets(in));
    doc.add_value(date_slot, date_key(item));
    doc.set_data(encode_stored_doc(in, body));
    return doc;
}

std::vector<std::string_view> text_chunks(std::string_view text) {
    std::vector<std::string_view> out;
    for_each_chunk(text, [&](std::string_view chunk) { out.push_back(chunk); });
    return out;
}

void DocumentBuilder::index_by_chunk(Xapian::Document& doc, std::string_view text) {
    m_chunks.clear();
    for_each_chunk(text, [&](std::string_view chunk) { ++m_chunks[chunk]; });
    std::string chunk_text, term;
    for (const auto& [chunk, n] : m_chunks) {
        chunk_text.assign(chunk);
        m_stemmer->set_count_step(n);
        if (!is_plain_word(chunk)) {
            m_indexer.index_text_without_positions(chunk_text, n);
            continue;
        }
        // What the TermGenerator does with such a word under STEM_ALL_Z, without its tokeniser.
        const std::string stem = m_stemmer->term(chunk_text);
        if (stem.empty()) continue;
        term.assign("Z").append(stem);
        doc.add_term(term, n);
    }
    m_stemmer->set_count_step(1);
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
