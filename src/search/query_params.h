#pragma once
// Turns the URL query parameters of /kennisbank and /api/v1/search into a SearchQuery.
//
// Parameters (each may be repeated; unknown parameters are ignored so that tracking or
// framework parameters do not break a search):
//   q          free text; repeated values are joined with a space
//   type       item type slug (praktijkvoorbeeld, instrument, ...)
//   doel       GALA goal, "1".."7" or "doel-1".."doel-7"; stored as "1".."7"
//   spoor      track slug
//   thema      theme slug from the taxonomy
//   niveau     lokaal | regionaal | landelijk
//   provincie  CBS province code "PV27" (case-insensitive; stored upper case)
//   gemeente   CBS municipality code "GM0363" (case-insensitive; stored upper case)
//   jaar       four digits
//   sort       relevantie | datum
//   pagina     1..max_page
//   per_pagina 1..max_page_size
// Empty values (an unselected <select>) are ignored. Filter values are de-duplicated.
//
// Errors: one core::Error::invalid_input listing a FieldProblem per bad parameter (field = the
// parameter name). A query text over max_query_bytes is also InvalidInput (field "q"), not
// TooLarge: it is a form field the user can shorten, so it belongs with the other field
// problems and maps to 400. Messages never echo invalid UTF-8 or more than a few dozen bytes of
// the user's input.

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "domain/taxonomy.h"
#include "search/search_index.h"

namespace gezondin::search {

struct SearchLimits {
    static constexpr std::size_t max_query_bytes = 1000;
    static constexpr long max_page = 1000;          // deep pages are not useful; keeps offsets small
    static constexpr long max_page_size = 100;
    static constexpr std::size_t max_filter_values = 100;  // over all facets together
};

core::Result<SearchQuery> parse_search_params(const std::vector<std::pair<std::string, std::string>>& params,
                                              const domain::Taxonomy& taxonomy);

}  // namespace gezondin::search
