#pragma once
// Turning domain values into template views: dates in Dutch, item cards, taxonomy links.

#include <string>
#include <string_view>

#include "core/date.h"
#include "domain/item.h"
#include "search/search_index.h"
#include "services/kennisbank.h"
#include "web/render/view.h"

namespace gezondin::web {

// "12 maart 2024"
std::string dutch_date(const core::Date& date);
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

}  // namespace gezondin::web
