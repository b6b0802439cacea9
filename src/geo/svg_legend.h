#pragma once
// Internal to the choropleth renderer: the <defs> patterns and the legend of the map SVG.

#include <string>
#include <string_view>
#include <vector>

#include "geo/choropleth.h"

namespace gezondin::geo::detail {

constexpr double kLegendWidth = 240;  // viewBox units right of the map

// <defs> with the hatch pattern "<prefix>-geheim" and the dotted grey "<prefix>-ontbreekt",
// sized for use inside the scale(0.1) group of the map.
void append_pattern_defs(std::string& out, std::string_view prefix);

// What the legend shows.
struct LegendInput {
    const ClassBreaks* breaks = nullptr;
    const std::vector<std::string>* colours = nullptr;
    bool has_secret = false;
    bool has_missing = false;
};

// The legend as <g class="legenda">, left edge at `x`. Returns the height it needs.
double append_legend(std::string& out, double x, const LegendInput& legend,
                     const ChoroplethOptions& options);

// Height append_legend() will need, to size the canvas before writing.
double legend_height(const LegendInput& legend);

// "12,3 %" (value, space, unit) or "12,3" without a unit.
std::string value_text(double value, const ChoroplethOptions& options);

}  // namespace gezondin::geo::detail
