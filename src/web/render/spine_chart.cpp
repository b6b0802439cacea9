#include "web/render/spine_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gezondin::web {

namespace {

constexpr double width = 760, chart_left = 320, chart_right = 640, value_left = 652;
constexpr double row_height = 26, top = 64;

void escape_into(std::string& out, const std::string& text) {
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
        }
    }
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string shorten(const std::string& label, std::size_t max_bytes = 44) {
    if (label.size() <= max_bytes) return label;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;   // not inside a UTF-8 sequence
    return label.substr(0, cut) + "\xE2\x80\xA6";
}

struct Scale {
    double lo = 0, hi = 1;
    bool flip = false;
    double x(double v) const {
        double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        if (flip) t = 1 - t;
        return chart_left + t * (chart_right - chart_left);
    }
};

Scale scale_for(const SpineRow& r) {
    std::vector<double> v;
    if (r.has_value) v.push_back(r.value);
    if (r.has_gemeente) v.push_back(r.gemeente);
    if (r.has_country) v.push_back(r.country);
    if (r.has_spread) v.insert(v.end(), {r.low, r.high});
    Scale s;
    if (v.empty()) return s;
    auto [mn, mx] = std::minmax_element(v.begin(), v.end());
    double pad = (*mx - *mn) * 0.05 + (std::fabs(*mx) + 1e-9) * 1e-6;
    s.lo = *mn - pad;
    s.hi = *mx + pad;
    s.flip = r.direction < 0;
    return s;
}

void legend(std::string& out, const SpineChartOptions& o) {
    out += "<g class=\"spine-legend\" font-size=\"13\">";
    out += "<rect x=\"0\" y=\"8\" width=\"22\" height=\"12\" fill=\"#dde4ec\"/><text x=\"28\" y=\"19\">";
    escape_into(out, o.spread_label);
    out += "</text><rect x=\"0\" y=\"30\" width=\"22\" height=\"12\" fill=\"#9db2c9\"/><text x=\"28\" y=\"41\">";
    escape_into(out, o.middle_label);
    out += "</text><circle cx=\"392\" cy=\"14\" r=\"6\" fill=\"#1d3f6e\"/><text x=\"404\" y=\"19\">";
    escape_into(out, o.area_label);
    out += "</text><line x1=\"392\" y1=\"29\" x2=\"392\" y2=\"43\" stroke=\"#000000\" stroke-width=\"3\"/><text x=\"404\" y=\"41\">";
    escape_into(out, o.gemeente_label);
    out += "</text><path d=\"M572 8 l6 6 l-6 6 l-6 -6 z\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"1.5\"/><text x=\"584\" y=\"19\">";
    escape_into(out, o.country_label);
    out += "</text></g>";
}

void row(std::string& out, const SpineRow& r, double y) {
    Scale s = scale_for(r);
    double mid = y + row_height / 2;
    out += "<g class=\"spine-row\"><title>";
    escape_into(out, r.label + ": " + r.value_text);
    out += "</title><text x=\"0\" y=\"" + num(mid + 4) + "\" font-size=\"13\">";
    escape_into(out, shorten(r.label));
    out += "</text>";
    out += "<rect x=\"" + num(chart_left) + "\" y=\"" + num(y + 5) + "\" width=\"" + num(chart_right - chart_left) +
           "\" height=\"" + num(row_height - 10) + "\" fill=\"#f3f5f8\"/>";
    if (r.has_spread) {
        double a = s.x(r.low), b = s.x(r.high), c = s.x(r.q1), d = s.x(r.q3);
        out += "<rect x=\"" + num(std::min(a, b)) + "\" y=\"" + num(y + 5) + "\" width=\"" + num(std::fabs(b - a)) +
               "\" height=\"" + num(row_height - 10) + "\" fill=\"#dde4ec\"/>";
        out += "<rect x=\"" + num(std::min(c, d)) + "\" y=\"" + num(y + 5) + "\" width=\"" + num(std::fabs(d - c)) +
               "\" height=\"" + num(row_height - 10) + "\" fill=\"#9db2c9\"/>";
    }
    if (r.has_gemeente) {
        double x = s.x(r.gemeente);
        out += "<line x1=\"" + num(x) + "\" y1=\"" + num(y + 2) + "\" x2=\"" + num(x) + "\" y2=\"" + num(y + row_height - 2) +
               "\" stroke=\"#000000\" stroke-width=\"3\"/>";
    }
    if (r.has_country) {
        double x = s.x(r.country);
        out += "<path d=\"M" + num(x) + " " + num(mid - 6) + " l6 6 l-6 6 l-6 -6 z\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"1.5\"/>";
    }
    if (r.has_value)
        out += "<circle cx=\"" + num(s.x(r.value)) + "\" cy=\"" + num(mid) + "\" r=\"6\" fill=\"#1d3f6e\" stroke=\"#ffffff\" stroke-width=\"1\"/>";
    out += "<text x=\"" + num(value_left) + "\" y=\"" + num(mid + 4) + "\" font-size=\"13\">";
    escape_into(out, r.value_text);
    out += "</text></g>";
}

}  // namespace

std::string render_spine_chart(const std::vector<SpineRow>& rows, const SpineChartOptions& o) {
    double height = top + row_height * static_cast<double>(rows.size()) + 8;
    std::string out;
    out.reserve(600 + rows.size() * 700);
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spine-chart\" role=\"img\" viewBox=\"0 0 " + num(width) + " " +
           num(height) + "\" aria-labelledby=\"" + o.id_prefix + "-title " + o.id_prefix + "-desc\">";
    out += "<title id=\"" + o.id_prefix + "-title\">";
    escape_into(out, o.title);
    out += "</title><desc id=\"" + o.id_prefix + "-desc\">";
    escape_into(out, o.description);
    out += "</desc>";
    legend(out, o);
    for (std::size_t i = 0; i < rows.size(); ++i) row(out, rows[i], top + row_height * static_cast<double>(i));
    out += "</svg>";
    return out;
}

}  // namespace gezondin::web
