#pragma once
// The fast matcher: finds every document a query matches from in-memory posting bitmaps
// (doc_sets.h) instead of Xapian's matcher, which decodes each posting of every word. Internal
// to the Xapian adapter.
//
// It evaluates the query's tree (AND, OR, AND_NOT, XOR, AND_MAYBE, FILTER, SYNONYM; terms,
// MatchAll, MatchNothing) into the set of matching documents, which gives the exact total and
// the facet counts. It also scores each match with Xapian's BM25 formula (default parameters)
// to pick the candidates for the requested page: the best `first + count` documents and a
// margin, plus the best-scoring one (percentages are relative to it). Xapian then ranks only
// the candidates (restrict_to()), so the page, its order, weights and snippets are Xapian's
// own; percentages follow Xapian's formula. Where the scores here are estimates (a SYNONYM's term frequency),
// the margin is wider. Anything else (phrases, NEAR, value ranges, a term twice, pages far
// down) is left to Xapian's matcher: fast_match() then returns nothing.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/xapian/doc_sets.h"
#include "search/xapian/facets.h"

namespace gezondin::search {

struct FastMatch {
    DocSet matches;
    long total = 0;
    std::vector<Xapian::docid> candidates;   // increasing docids
    // Of the query's weighted subqueries, the share the best match matches (for percentages).
    double matched_fraction = 0;
};

struct FastMatchRequest {
    const Xapian::Query* query = nullptr;
    bool weighted = true;     // false: every match weighs 0 (Xapian::BoolWeight)
    bool by_date = false;     // newest first, then by relevance
    Xapian::doccount first = 0;
    Xapian::doccount count = 0;
};

using PostingsSource = std::function<std::shared_ptr<const TermPostings>(const std::string& term)>;

// Pages beyond this many documents from the top go to Xapian's matcher.
constexpr Xapian::doccount fast_match_max_window = 200;

// `docs` must be of the revision of `db` and of `postings`.
std::optional<FastMatch> fast_match(const FastMatchRequest& request, const Xapian::Database& db, const FacetTable& docs,
                                    const PostingsSource& postings);

// `query` limited to the documents `ids` (increasing). Xapian's percentages of such a query
// are not those of `query` (it counts the restriction as a matching subquery): use
// xapian_percent() with the weight of the best match (MSet::get_max_attained()).
Xapian::Query restrict_to(const Xapian::Query& query, std::vector<Xapian::docid> ids);
// The percentage Xapian's MSet gives a match of `weight`.
int xapian_percent(double weight, double max_weight, double matched_fraction);

}  // namespace gezondin::search
