// The reading side of XapianIndex: search() and similar().
#include <algorithm>

#include "core/messages.h"
#include "core/text.h"
#include "search/plain_text.h"
#include "search/query_params.h"
#include "search/xapian/facets.h"
#include "search/xapian/fast_match.h"
#include "search/xapian/index_impl.h"
#include "search/xapian/stored_doc.h"

namespace gezondin::search {

namespace {

constexpr std::size_t snippet_chars = 260;
// Terms of an item that describe it best, for "similar items"; fewer terms is a faster query.
constexpr Xapian::termcount similar_terms = 12;
// Candidates for those terms: the best ones that are not in most items.
constexpr Xapian::termcount similar_candidates = 24;
// In an index of at least this many items, a term in more than a quarter of them says little
// about similarity and makes the query match nearly everything (slow): it is left out.
constexpr Xapian::doccount common_term_min_docs = 1000;
constexpr std::size_t max_filter_value_bytes = 64;
constexpr int max_similar = 50;
constexpr std::size_t min_spelling_word_bytes = 4;

using Flags = unsigned;
constexpr Flags parse_flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
constexpr Flags plain_flags = Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

bool is_word_byte(char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// `text` with everything but words replaced by spaces: always parseable.
std::string words_only(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (!is_word_byte(c)) c = ' ';
    return out;
}

// Parses the user's text; a query Xapian rejects is retried without operators, then as plain words.
Xapian::Query parse_text(Reader& r, const std::string& text) {
    try {
        return r.parser.parse_query(text, parse_flags);
    } catch (const Xapian::QueryParserError&) {
    }
    try {
        return r.parser.parse_query(text, plain_flags);
    } catch (const Xapian::QueryParserError&) {
    }
    return r.parser.parse_query(words_only(text), plain_flags);
}

core::Status validate(const SearchQuery& q) {
    std::vector<core::FieldProblem> problems;
    if (!core::is_valid_utf8(q.text)) problems.push_back({"q", std::string(core::msg("search.not_utf8")), 0});
    if (q.text.size() > SearchLimits::max_query_bytes)
        problems.push_back({"q", core::msg("search.query_too_long", {std::to_string(SearchLimits::max_query_bytes)}), 0});
    if (q.page < 1 || q.page > SearchLimits::max_page)
        problems.push_back({"pagina", core::msg("search.page_too_large", {std::to_string(SearchLimits::max_page)}), 0});
    if (q.page_size < 1 || q.page_size > SearchLimits::max_page_size)
        problems.push_back({"per_pagina", core::msg("search.page_size_too_large", {std::to_string(SearchLimits::max_page_size)}), 0});
    std::size_t values = 0;
    for (const auto& [facet, list] : q.filters)
        for (const auto& v : list) {
            ++values;
            if (v.empty() || v.size() > max_filter_value_bytes)
                problems.push_back({facet_key(facet), std::string(core::msg("search.bad_filter")), 0});
        }
    if (values > SearchLimits::max_filter_values)
        problems.push_back({"filters", core::msg("search.too_many_filters", {std::to_string(SearchLimits::max_filter_values)}), 0});
    if (!problems.empty())
        return core::fail(core::Error::invalid_input(std::string(core::msg("search.bad_params")), std::move(problems)));
    return {};
}

Xapian::Query filter_query(const SearchQuery& q) {
    std::vector<Xapian::Query> per_facet;
    for (const auto& [facet, values] : q.filters) {
        if (values.empty()) continue;
        std::vector<Xapian::Query> any;
        for (const auto& v : values) any.emplace_back(facet_term(facet, v));
        per_facet.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
    }
    return Xapian::Query(Xapian::Query::OP_AND, per_facet.begin(), per_facet.end());
}


bool is_operator(std::string_view w) {
    return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

bool in_spelling_table(const Xapian::Database& db, const std::string& word) {
    auto it = db.spellings_begin();
    it.skip_to(word);
    return it != db.spellings_end() && *it == word;
}

}  // namespace

// True when `lower` needs no spelling suggestion: it occurs in the index as typed, or the
// query found something and the word is a correct form of an indexed word (its index term
// occurs and the dictionary knows it: "wijk" when the documents say "wijken"). The dictionary
// check keeps suggestions for misspellings that Snowball happens to stem onto an indexed term
// ("gezondheidsverschilen" -> Zgezondheidsverschil). Without a dictionary the term decides.
static bool looks_fine(const XapianIndex::Impl& impl, Reader& r, const std::string& lower, bool found_something) {
    if (in_spelling_table(r.db, lower)) return true;
    if (!found_something) return false;
    if (!r.db.term_exists("Z" + r.stem(lower))) return false;
    return !impl.lemmas || impl.lemmas->knows(lower);
}

// Replaces each word that looks misspelt (see looks_fine) by the closest word in the index.
static std::optional<std::string> spelling_suggestion(const XapianIndex::Impl& impl, Reader& r, const std::string& text,
                                                      bool found_something) {
    std::string out;
    bool changed = false;
    for (std::size_t i = 0; i < text.size();) {
        if (!is_word_byte(text[i])) { out.push_back(text[i++]); continue; }
        std::size_t end = i;
        while (end < text.size() && is_word_byte(text[end])) ++end;
        std::string word = text.substr(i, end - i);
        i = end;
        std::string lower = Xapian::Unicode::tolower(word);
        bool check = lower.size() >= min_spelling_word_bytes && !is_operator(word) &&
                     lower.find_first_not_of("0123456789") != std::string::npos &&
                     !impl.synonym_words.count(core::fold_diacritics_lower(lower));
        if (check && !looks_fine(impl, r, lower, found_something)) {
            std::string fix = r.db.get_spelling_suggestion(lower, 2);
            if (!fix.empty() && fix != lower) {
                out += fix;
                changed = true;
                continue;
            }
        }
        out += word;
    }
    if (!changed) return std::nullopt;
    return out;
}

// Facet counts of `matches`: document by document from the FacetTable, or, for many matches,
// as the size of the intersection with each facet term's bitmap (which takes about as long
// for any number of matches).
static void count_facets(const FacetTable& table, const FastMatch& fast, const PostingsSource& postings, FacetSpy& spy) {
    constexpr double ns_per_document = 40, ns_per_word = 1;   // measured on the benchmark machine
    const auto& terms = table.facet_terms();
    const double by_term = static_cast<double>(terms.size()) * static_cast<double>(fast.matches.words().size()) * ns_per_word;
    if (static_cast<double>(fast.total) * ns_per_document <= by_term) {
        fast.matches.for_each([&](Xapian::docid did) { spy.count(did); });
        return;
    }
    for (const auto& term : terms) spy.count_term(term, static_cast<long>(fast.matches.count_common(postings(term)->docs())));
}

static SearchResult run_search(const XapianIndex::Impl& impl, Reader& r, const SearchQuery& q) {
    auto text = std::string(core::trim(q.text));
    Xapian::Query query = text.empty() ? Xapian::Query() : parse_text(r, text);
    bool has_text = !query.empty();
    if (!has_text) query = Xapian::Query::MatchAll;
    if (auto filter = filter_query(q); !filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);

    Xapian::Enquire enquire(r.db);
    enquire.set_query(query);
    if (q.sort == SortOrder::Date || !has_text) enquire.set_sort_by_value_then_relevance(date_slot, true);
    if (!has_text) enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Without text the counts depend only on the filters and the index contents: cached.
    std::string revision, filters;
    std::optional<FacetCountCache::Counts> cached;
    if (!has_text) {
        revision = std::to_string(r.files) + "." + std::to_string(r.db.get_revision());
        filters = filters_key(q.filters);
        cached = impl.empty_text_counts.find(revision, filters);
    }
    const FacetTable& table = r.facets(impl.facet_tables);
    FacetSpy spy(r.facet_slugs(), &table);
    auto offset = static_cast<Xapian::doccount>((q.page - 1) * q.page_size);
    auto page_size = static_cast<Xapian::doccount>(q.page_size);

    // The fast matcher finds the matches and the page's candidates; Xapian ranks only those.
    const auto revision_now = r.db.get_revision();
    const PostingsSource postings = [&](const std::string& term) { return impl.postings.get(r.db, r.files, revision_now, term); };
    std::optional<FastMatch> fast;
    if (impl.fast_matching)
        fast = fast_match({&query, has_text, q.sort == SortOrder::Date || !has_text, offset, page_size}, r.db, table, postings);
    Xapian::MSet mset;
    if (fast) {
        enquire.set_query(restrict_to(query, std::move(fast->candidates)));
        mset = enquire.get_mset(offset, page_size);
        if (!cached) count_facets(table, *fast, postings, spy);
    } else {
        if (!cached) enquire.add_matchspy(&spy);
        // checkatleast = every document: exact totals and exact facet counts.
        mset = enquire.get_mset(offset, page_size, cached ? 0 : r.db.get_doccount());
    }

    SearchResult result;
    result.total = cached ? cached->total : fast ? fast->total : static_cast<long>(mset.get_matches_estimated());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        auto stored = decode_stored_doc(it.get_document().get_data());
        if (!stored) continue;
        SearchHit hit = std::move(stored->hit);
        const int percent = fast ? xapian_percent(it.get_weight(), mset.get_max_attained(), fast->matched_fraction) : it.get_percent();
        hit.score = has_text ? percent / 100.0 : 0.0;
        std::string source = hit.summary + (hit.summary.empty() ? "" : " ") + stored->excerpt;
        // Not SNIPPET_EXHAUSTIVE: Xapian may stop at a window that already holds every query
        // term instead of scoring the rest of the text (a fifth of the search time).
        hit.snippet_html = mset.snippet(source, snippet_chars, r.stem, 0, "<mark>", "</mark>", "…");
        result.hits.push_back(std::move(hit));
    }
    if (cached) {
        result.facets = std::move(cached->facets);
    } else {
        result.facets = spy.counts();
        if (!has_text) impl.empty_text_counts.store(revision, filters, {result.total, result.facets});
    }
    if (!text.empty()) result.suggestion = spelling_suggestion(impl, r, text, result.total > 0);
    return result;
}

core::Result<SearchResult> XapianIndex::search(const SearchQuery& query) const {
    if (auto ok = validate(query); !ok) return core::fail(ok.error());
    return with_reader(*m_impl, [&](Reader& r) { return run_search(*m_impl, r, query); });
}

static std::vector<SearchHit> run_similar(Reader& r, domain::ItemId id, int count) {
    std::string id_term = "Q" + std::to_string(id);
    auto postings = r.db.postlist_begin(id_term);
    if (postings == r.db.postlist_end(id_term)) return {};
    Xapian::RSet rset;
    rset.add_document(*postings);

    struct TextTerms : Xapian::ExpandDecider {
        bool operator()(const std::string& term) const override {
            return (term.size() > 4 && term[0] == 'Z') || term.starts_with("XC");
        }
    } decider;
    Xapian::Enquire enquire(r.db);
    enquire.set_query(Xapian::Query(id_term));
    auto eset = enquire.get_eset(similar_candidates, rset, &decider);
    if (eset.empty()) return {};
    const Xapian::doccount docs = r.db.get_doccount();
    const Xapian::doccount max_docs = docs >= common_term_min_docs ? docs / 4 : docs;
    std::vector<std::string> terms;
    for (auto it = eset.begin(); it != eset.end() && terms.size() < similar_terms; ++it)
        if (r.db.get_termfreq(*it) <= max_docs) terms.push_back(*it);
    if (terms.empty()) return {};   // the item has only common words: nothing is really like it
    Xapian::Query like(Xapian::Query::OP_OR, terms.begin(), terms.end());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(id_term)));
    auto mset = enquire.get_mset(0, static_cast<Xapian::doccount>(count));
    std::vector<SearchHit> hits;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        auto stored = decode_stored_doc(it.get_document().get_data());
        if (!stored || stored->hit.id == id) continue;
        stored->hit.score = it.get_percent() / 100.0;
        stored->hit.snippet_html.clear();
        hits.push_back(std::move(stored->hit));
    }
    return hits;
}

core::Result<std::vector<SearchHit>> XapianIndex::similar(domain::ItemId id, int count) const {
    count = std::clamp(count, 0, max_similar);
    if (count == 0) return std::vector<SearchHit>{};
    return with_reader(*m_impl, [&](Reader& r) { return run_similar(r, id, count); });
}

}  // namespace gezondin::search
