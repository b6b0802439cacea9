#pragma once
// Pages and API of "ongelijk investeren" (/ongelijk-investeren/..., /api/v1/ongelijk/...):
// need index, allocation (with CSV and XLSX), robustness, inequality and similar gemeenten.
// Each handler reads as parse -> services::Ongelijk -> render; every figure comes from the
// disclosed wijkdata, so no "geheim" value can reach a page.

#include <string_view>
#include <vector>

#include "services/ongelijk/ongelijk.h"
#include "services/ongelijk/ongelijk_scenarios.h"
#include "web/context.h"
#include "web/http/message.h"

namespace gezondin::web {

struct OngelijkContext {
    const Context& base;
    const services::Wijkdata& wd;
    const services::Ongelijk& ongelijk;
    services::OngelijkScenarios* scenarios = nullptr;  // null: members cannot save scenarios
};

// Routes /ongelijk-investeren[/page] and /api/v1/ongelijk/<name>; a 404 page otherwise.
Response ongelijk_route(const OngelijkContext& ctx, const std::vector<std::string_view>& seg);

Response ongelijk_index(const OngelijkContext& ctx);
Response ongelijk_kansenindex(const OngelijkContext& ctx);
// `file`: "" for the page, "csv" or "xlsx" for a download.
Response ongelijk_verdeling(const OngelijkContext& ctx, std::string_view file);
Response ongelijk_robuustheid(const OngelijkContext& ctx);
Response ongelijk_ongelijkheid(const OngelijkContext& ctx);
Response ongelijk_vergelijkbaar(const OngelijkContext& ctx);

// /ongelijk-investeren/scenarios (list; POST saves), /scenarios/<id> (opens the allocation
// page), POST /scenarios/<id>/verwijderen, /scenarios/vergelijk?a=<id>&b=<id>. Only for a
// logged-in visitor (others are sent to the login page); POST forms need the CSRF field.
Response ongelijk_scenarios(const OngelijkContext& ctx, const std::vector<std::string_view>& seg);

// The "save as scenario" form for a logged-in visitor, or for an anonymous one the line that
// asks to log in (the same for every anonymous visitor, so the page can be cached); "" when
// scenarios are off.
std::string scenario_box(const OngelijkContext& ctx, const std::string& gemeente, const std::string& query);

// GET /api/v1/ongelijk/kansenindex and /verdeling: format=json (default) or csv.
Response api_ongelijk(const OngelijkContext& ctx, std::string_view name);

}  // namespace gezondin::web
