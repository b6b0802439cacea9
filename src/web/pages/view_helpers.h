#pragma once
// Turning domain values into template views: dates in Dutch, item cards, taxonomy links.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"
#include "domain/item.h"
#include "search/search_index.h"
#include "services/kennisbank.h"
#include "web/render/view.h"

namespace gezondin::web {

// "12 maart 2024"
std::string dutch_date(const core::Date& date);
// A database id from a path segment or form field: decimal digits only, greater than 0.
std::optional<std::int64_t> positive_id(std::string_view text);
// "24 november 2026, 15:40 (UTC)" from seconds since 1970-01-01 UTC.
std::string dutch_time(std::int64_t unix_seconds);
// "12 maart 2024" from "2024-03-12" or an ISO timestamp; the input when it is not a date.
std::string dutch_date(std::string_view iso);

View card_view(const search::SearchHit& hit, services::Kennisbank& kb);
View card_view(const domain::Item& item, services::Kennisbank& kb);

std::string theme_url(std::string_view slug);
std::string goal_url(int number);
std::string track_url(std::string_view slug);
std::string municipality_url(std::string_view code);

// "Pagina 2 van 7" with previous/next links built from `base_params` plus pagina=N.
View pagination_view(const std::string& path, const std::vector<std::pair<std::string, std::string>>& base_params,
                     long page, long page_size, long total);

// The label of a facet value for people ("doel" 3 -> the goal's label, "type" -> type label...).
std::string facet_value_label(search::Facet facet, const std::string& value, services::Kennisbank& kb);

// A field of a form: its name in the service's problems, the id of its input and the view
// key of its message.
struct FormField {
    std::string_view service;
    std::string_view id;
    std::string_view key;
};
// The problems of a failed form: a list at the top ("errors", each linking to its input) and
// each message beside its field (several of one field joined); "message" when no problem
// names a listed field.
void add_form_errors(View& view, const core::Error& error, std::initializer_list<FormField> fields);

}  // namespace gezondin::web
