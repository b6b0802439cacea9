#pragma once
// Internal to the ongelijk pages: reading a request into place, data and choices, the shared
// form, and the map of one number per area.

#include <optional>
#include <string>
#include <vector>

#include "web/pages/ongelijk_pages.h"
#include "web/pages/ongelijk_params.h"
#include "web/render/view.h"

namespace gezondin::web::ongelijk {

enum class Page { Kansenindex, Verdeling, Robuustheid, Ongelijkheid };

struct Prepared {
    Place place;
    services::OngelijkData data;
    Choices choices;
    std::optional<core::Error> input_error;   // choices that do not parse: show the form and this
    std::string query;                        // canonical query string
};

// Fails (to be shown with error_response) for a bad year/level or an unknown gemeente.
[[nodiscard]] core::Result<Prepared> prepare(const OngelijkContext& ctx);

// The page's base view: title, gemeente, links to the other pages, the form (raw HTML in
// "form") and, when the choices did not parse, "error" with the message.
View page_view(const OngelijkContext& ctx, const Prepared& p, Page page, const std::string& title);

// Renders a page; status 400 when the input did not parse.
Response render(const OngelijkContext& ctx, const Prepared& p, std::string_view tmpl, const View& v);

// An accessible SVG map (role group) of one value per area; "" without boundaries.
// NaN values are drawn as "geen gegevens".
std::string area_map(const Prepared& p, const std::vector<double>& values, const std::string& title, const std::string& unit,
                     int decimals, const std::string& id_prefix);

std::string area_url(const Prepared& p, std::size_t area);

}  // namespace gezondin::web::ongelijk
