#include "geo/svg_legend.h"

#include "core/messages.h"
#include "geo/map_geometry.h"
#include "geo/svg_text.h"

namespace gezondin::geo::detail {

namespace {

constexpr double kRowHeight = 24;
constexpr double kTop = 20;
constexpr double kSwatchWidth = 20;
constexpr double kSwatchHeight = 14;

std::string num(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    return buffer;
}

std::string range_text(const ClassBreaks& breaks, int i, const ChoroplethOptions& options) {
    double lo = breaks.bounds[static_cast<std::size_t>(i)];
    double hi = breaks.bounds[static_cast<std::size_t>(i) + 1];
    std::string lo_text = format_number_nl(lo, options.decimals);
    std::string hi_text = format_number_nl(hi, options.decimals);
    // Without the catalogue text (not yet merged, or a translation lacking it) the numbers
    // must still show, so fall back to a language-neutral dash.
    std::string text = lo_text == hi_text                  ? lo_text
                       : core::has_msg("geo.class_range") ? core::msg("geo.class_range", {lo_text, hi_text})
                                                          : lo_text + " \u2013 " + hi_text;
    return options.unit.empty() ? text : text + " " + options.unit;
}

void append_row_text(std::string& out, double x, double y, std::string_view text) {
    out += "<text x=\"" + num(x + kSwatchWidth + 8) + "\" y=\"" + num(y + kSwatchHeight - 2) + "\">";
    append_xml_escaped(out, text);
    out += "</text>";
}

void append_colour_row(std::string& out, double x, double y, std::string_view colour,
                       std::string_view text) {
    out += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(kSwatchWidth) +
           "\" height=\"" + num(kSwatchHeight) + "\" fill=\"" + std::string(colour) + "\"/>";
    append_row_text(out, x, y, text);
}

// Pattern swatches are drawn at grid scale so the pattern looks as it does on the map.
void append_pattern_row(std::string& out, double x, double y, std::string_view pattern_id,
                        std::string_view text) {
    const double g = kGridPerUnit;
    out += "<rect transform=\"scale(0.1)\" x=\"" + num(x * g) + "\" y=\"" + num(y * g) +
           "\" width=\"" + num(kSwatchWidth * g) + "\" height=\"" + num(kSwatchHeight * g) +
           "\" fill=\"url(#" + std::string(pattern_id) + ")\"/>";
    append_row_text(out, x, y, text);
}

}  // namespace

void append_pattern_defs(std::string& out, std::string_view prefix) {
    std::string p(prefix);
    out += "<defs>";
    out += "<pattern id=\"" + p + "-geheim\" patternUnits=\"userSpaceOnUse\" width=\"60\" "
           "height=\"60\" patternTransform=\"rotate(45)\"><rect width=\"60\" height=\"60\" "
           "fill=\"#ffffff\"/><rect width=\"22\" height=\"60\" fill=\"#3a3a3a\"/></pattern>";
    out += "<pattern id=\"" + p + "-ontbreekt\" patternUnits=\"userSpaceOnUse\" width=\"40\" "
           "height=\"40\"><rect width=\"40\" height=\"40\" fill=\"#d9d9d9\"/><circle cx=\"20\" "
           "cy=\"20\" r=\"9\" fill=\"#6e6e6e\"/></pattern>";
    out += "</defs>";
}

double legend_height(const LegendInput& legend) {
    int rows = 1 + legend.breaks->class_count() + (legend.has_secret ? 1 : 0) + (legend.has_missing ? 1 : 0);
    return kTop + rows * kRowHeight + 8;
}

double append_legend(std::string& out, double x, const LegendInput& legend,
                     const ChoroplethOptions& options) {
    out += "<g class=\"legenda\" font-family=\"sans-serif\" font-size=\"13\" fill=\"#1a1a1a\">";
    double y = kTop;
    out += "<text class=\"legenda-titel\" x=\"" + num(x) + "\" y=\"" + num(y + 10) +
           "\" font-weight=\"bold\">";
    append_xml_escaped(out, core::msg("geo.legend_title"));
    out += "</text>";
    y += kRowHeight;
    const auto& breaks = *legend.breaks;
    // Highest values on top, as in most Dutch statistical maps.
    for (int k = 0; k < breaks.class_count(); ++k) {
        int i = breaks.class_count() - 1 - k;
        append_colour_row(out, x, y, (*legend.colours)[static_cast<std::size_t>(i)],
                          range_text(breaks, i, options));
        y += kRowHeight;
    }
    if (legend.has_secret) {
        append_pattern_row(out, x, y, options.id_prefix + "-geheim", core::msg("geo.secret_legend"));
        y += kRowHeight;
    }
    if (legend.has_missing) {
        append_pattern_row(out, x, y, options.id_prefix + "-ontbreekt", core::msg("geo.missing"));
        y += kRowHeight;
    }
    out += "</g>";
    return y + 8;
}

std::string value_text(double value, const ChoroplethOptions& options) {
    std::string text = format_number_nl(value, options.decimals);
    return options.unit.empty() ? text : text + " " + options.unit;
}

}  // namespace gezondin::geo::detail
