#pragma once
// A spine chart as a standalone SVG string: one line per indicator showing where an area
// stands among its peers (the range and the middle half of the peers' values), with markers
// for the municipality and the country. Scales are per line, so lines with different units can
// share a chart. When the direction is known, the favourable side is always on the right.
//
// No style attributes (the site's Content-Security-Policy forbids them): presentation
// attributes and classes only. All text is XML-escaped. The chart has role="img" with a
// <title> and <desc>; the page must show the same figures in a table.

#include <string>
#include <vector>

namespace gezondin::web {

struct SpineRow {
    std::string label;          // indicator label
    std::string value_text;     // the area's value as shown in the table ("12,3 %" or "geheim")
    bool has_value = false;     // false: secret or missing; nothing of the area is drawn
    double value = 0;
    bool has_gemeente = false;
    double gemeente = 0;
    bool has_country = false;
    double country = 0;
    bool has_spread = false;    // low, q1, q3, high of the peers
    double low = 0, q1 = 0, q3 = 0, high = 0;
    int direction = 0;          // 1 higher is better, -1 higher is worse, 0 unknown
};

struct SpineChartOptions {
    std::string title;
    std::string description;
    std::string id_prefix = "spine";   // letters, digits and '-'
    std::string area_label;            // legend texts
    std::string gemeente_label;
    std::string country_label;
    std::string spread_label;
    std::string middle_label;
};

std::string render_spine_chart(const std::vector<SpineRow>& rows, const SpineChartOptions& options);

}  // namespace gezondin::web
