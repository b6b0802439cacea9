#pragma once
// Shared helpers of the wijkdata pages, downloads and API: Dutch numbers, "geheim", query
// parameters.

#include <optional>
#include <string>
#include <vector>

#include "services/wijkdata.h"
#include "web/http/message.h"

namespace gezondin::web::wijk {

// Fewest decimals (0..3) that show every finite value of `values` exactly enough.
int decimals_for(const std::vector<double>& values);
// "12,3", "1.234", with " %" for a percentage unit; "geheim" or "-" without a value.
std::string shown_text(const services::Shown& v, int decimals, const std::string& unit);
// The same for machines (CSV): "12.3", or "geheim" / "" without a value.
std::string shown_plain(const services::Shown& v);
std::string number_nl(double v, int decimals);

// ?jaar=2019: nullopt when absent; InvalidInput when not a year.
core::Result<std::optional<int>> year_param(const Request& req);
std::vector<std::string> params(const Request& req, std::string_view name);
std::string profile_url(const std::string& code, std::optional<int> year = std::nullopt);
std::string country_note(const services::CountryFigure& f);
std::string url_encode(std::string_view s);

}  // namespace gezondin::web::wijk
