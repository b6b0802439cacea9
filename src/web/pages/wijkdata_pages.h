#pragma once
// HTML pages of wijkdata (neighbourhood data): choose, area profile (with CSV and XLSX
// downloads), choropleth map and comparison. Each reads as parse -> service -> render; every
// figure comes from services::Wijkdata, which has applied disclosure control already.

#include <string_view>
#include <vector>

#include "services/wijkdata.h"
#include "web/context.h"
#include "web/http/message.h"

namespace gezondin::web {

struct WijkdataContext {
    const Context& base;
    services::Wijkdata& wd;
};

Response wijkdata_index(const WijkdataContext& ctx);
Response wijkdata_profile_page(const WijkdataContext& ctx, std::string_view code);
// `file` is "profiel.csv" or "profiel.xlsx".
Response wijkdata_profile_download(const WijkdataContext& ctx, std::string_view code, std::string_view file);
Response wijkdata_map_page(const WijkdataContext& ctx);
Response wijkdata_compare_page(const WijkdataContext& ctx);

// The administration of wijkdata under /wijkdata/beheer (wijkdata_admin.cpp): the list of
// indicators and the form that edits their Dutch label, unit, direction and source
// (redacteur and beheerder), and the page where a beheerder uploads CBS/RIVM tables and
// boundaries (multipart/form-data). Anonymous visitors are sent to the login page; others
// without the right role get 403. POSTs need the CSRF field.
inline constexpr std::string_view wijkdata_upload_path = "/wijkdata/beheer/importeren";
Response wijkdata_admin_route(const WijkdataContext& ctx, const std::vector<std::string_view>& seg);

Response api_wijk_areas(const WijkdataContext& ctx);
Response api_wijk_indicators(const WijkdataContext& ctx);
Response api_wijk_values(const WijkdataContext& ctx);

}  // namespace gezondin::web
