#include "geo/choropleth.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "core/messages.h"
#include "geo/svg_legend.h"
#include "geo/svg_text.h"

namespace gezondin::geo {

namespace {

using core::FieldProblem;

core::Error bad_option(std::string field, std::string reason) {
    return core::Error::invalid_input(std::string(core::msg("geo.bad_map_options")),
                                      {FieldProblem{std::move(field), std::move(reason), 0}});
}

bool is_valid_prefix(std::string_view p) {
    if (p.empty() || p.size() > 40 || !std::isalpha(static_cast<unsigned char>(p[0]))) return false;
    return std::all_of(p.begin(), p.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    });
}

core::Status check_options(const ChoroplethOptions& o) {
    if (o.classes < kMinClasses || o.classes > kMaxClasses) {
        return core::fail(bad_option("classes", core::msg("geo.bad_classes", {std::to_string(kMinClasses),
                                                                              std::to_string(kMaxClasses)})));
    }
    if (o.decimals < 0 || o.decimals > 6) return core::fail(bad_option("decimals", "0..6"));
    if (!is_valid_prefix(o.id_prefix)) return core::fail(bad_option("id_prefix", o.id_prefix));
    return {};
}

std::string expand_template(std::string_view tpl, std::string_view code) {
    std::string out;
    for (std::size_t i = 0; i < tpl.size(); ++i) {
        if (tpl.compare(i, 6, "{code}") == 0) {
            out += code;
            i += 5;
        } else {
            out += tpl[i];
        }
    }
    return out;
}

// One area with what it needs for drawing: its class (or status) and its link.
struct Entry {
    ValueStatus status = ValueStatus::Missing;
    double value = 0;
    std::string href;
};

core::Result<std::vector<Entry>> match_values(const PreparedMap& map, std::span<const AreaValue> values,
                                              const ChoroplethOptions& options, Choropleth& out) {
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < map.codes.size(); ++i) index.emplace(map.codes[i], i);
    std::vector<Entry> entries(map.codes.size());
    std::vector<bool> seen(map.codes.size(), false);
    for (std::size_t v = 0; v < values.size(); ++v) {
        const auto& value = values[v];
        auto it = index.find(value.code);
        if (it == index.end()) {
            out.unknown_codes.push_back(value.code);
            continue;
        }
        std::string field = "values[" + std::to_string(v) + "]";
        if (seen[it->second]) return core::fail(bad_option(field + ".code", value.code));
        seen[it->second] = true;
        Entry& e = entries[it->second];
        e.status = value.status;
        if (e.status == ValueStatus::Value) {
            e.value = value.value;
            if (!std::isfinite(e.value)) e.status = ValueStatus::Missing;
        }
        e.href = value.href;
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].href.empty() && !options.href_template.empty()) {
            entries[i].href = expand_template(options.href_template, map.codes[i]);
        }
        if (!entries[i].href.empty() && !is_safe_href(entries[i].href)) {
            return core::fail(bad_option("href", core::msg("geo.bad_href", {entries[i].href})));
        }
    }
    return entries;
}

void append_area(std::string& out, const PreparedMap& map, std::size_t i, const Entry& e,
                 const ChoroplethOptions& options) {
    if (!e.href.empty()) {
        out += "<a href=\"";
        append_xml_escaped(out, e.href);
        out += "\">";
    }
    out += "<path d=\"";
    out += map.paths[i];
    out += "\"><title>";
    append_xml_escaped(out, map.names[i].empty() ? map.codes[i] : map.names[i]);
    out += ": ";
    if (e.status == ValueStatus::Value) {
        append_xml_escaped(out, detail::value_text(e.value, options));
    } else {
        out += core::msg(e.status == ValueStatus::Secret ? "geo.secret" : "geo.missing");
    }
    out += "</title></path>";
    if (!e.href.empty()) out += "</a>";
}

void append_group(std::string& out, const char* css_class, const std::string& fill,
                  const std::vector<std::size_t>& members, const PreparedMap& map,
                  const std::vector<Entry>& entries, const ChoroplethOptions& options) {
    if (members.empty()) return;
    out += "<g class=\"";
    out += css_class;
    out += "\" fill=\"" + fill + "\">";
    for (auto i : members) append_area(out, map, i, entries[i], options);
    out += "</g>";
}

std::string fmt(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    return buffer;
}

// Thinner borders when there are many small areas, so colours stay visible.
std::string stroke_width(std::size_t areas) {
    double px = areas > 2000 ? 0.2 : areas > 300 ? 0.4 : 0.8;
    return fmt(px * kGridPerUnit);
}

void append_header(std::string& out, double width, double height, std::size_t drawn,
                   const ChoroplethOptions& o) {
    const std::string& p = o.id_prefix;
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + fmt(width) + " " + fmt(height) +
           "\" width=\"" + fmt(width) + "\" height=\"" + fmt(height) + "\" class=\"kaart\" role=\"" +
           (o.role == SvgRole::Img ? "img" : "group") + "\" aria-labelledby=\"" + p + "-titel " + p +
           "-beschrijving\"><title id=\"" + p + "-titel\">";
    append_xml_escaped(out, o.title);
    out += "</title><desc id=\"" + p + "-beschrijving\">";
    append_xml_escaped(out, core::msg("geo.map_desc", {std::to_string(drawn)}));
    out += ' ';
    append_xml_escaped(out, core::msg(o.direction == Direction::HigherIsWorse ? "geo.higher_is_worse"
                                                                               : "geo.higher_is_better"));
    if (!o.description.empty()) {
        out += ' ';
        append_xml_escaped(out, o.description);
    }
    out += "</desc>";
}

}  // namespace

core::Result<Choropleth> render_choropleth(const PreparedMap& map, std::span<const AreaValue> values,
                                           const ChoroplethOptions& options) {
    if (auto ok = check_options(options); !ok) return core::fail(ok.error());
    Choropleth out;
    auto entries = match_values(map, values, options, out);
    if (!entries) return core::fail(entries.error());

    std::vector<double> shown;
    for (const auto& e : *entries) {
        if (e.status == ValueStatus::Value) shown.push_back(e.value);
    }
    out.breaks = class_breaks(shown, options.method, options.classes);
    for (auto c : sequential_palette(out.breaks.class_count(), options.direction)) out.colours.emplace_back(c);

    int classes = out.breaks.class_count();
    std::vector<std::vector<std::size_t>> groups(static_cast<std::size_t>(classes) + 2);
    std::size_t drawn = 0;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const Entry& e = (*entries)[i];
        AreaClass ac{map.codes[i], map.names[i], e.status, -1, !map.paths[i].empty()};
        std::size_t group = static_cast<std::size_t>(classes) + (e.status == ValueStatus::Secret ? 0 : 1);
        if (e.status == ValueStatus::Value) {
            ac.class_index = out.breaks.class_of(e.value);
            group = static_cast<std::size_t>(ac.class_index);
        }
        if (ac.drawn) {
            groups[group].push_back(i);
            ++drawn;
        }
        out.areas.push_back(std::move(ac));
    }

    detail::LegendInput legend{&out.breaks, &out.colours, !groups[static_cast<std::size_t>(classes)].empty(),
                               !groups[static_cast<std::size_t>(classes) + 1].empty()};
    double width = map.width + detail::kLegendWidth;
    double height = std::max(map.height, detail::legend_height(legend));
    std::string& svg = out.svg;
    std::size_t path_bytes = 0;
    for (const auto& p : map.paths) path_bytes += p.size();
    svg.reserve(path_bytes + drawn * 120 + 4096);
    append_header(svg, width, height, drawn, options);
    detail::append_pattern_defs(svg, options.id_prefix);
    svg += "<g class=\"gebieden\" transform=\"scale(0.1)\" stroke=\"#5c5c5c\" stroke-width=\"" +
           stroke_width(drawn) + "\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">";
    for (int c = 0; c < classes; ++c) {
        std::string css = "klasse-" + std::to_string(c + 1);
        append_group(svg, css.c_str(), out.colours[static_cast<std::size_t>(c)],
                     groups[static_cast<std::size_t>(c)], map, *entries, options);
    }
    append_group(svg, "geheim", "url(#" + options.id_prefix + "-geheim)",
                 groups[static_cast<std::size_t>(classes)], map, *entries, options);
    append_group(svg, "ontbreekt", "url(#" + options.id_prefix + "-ontbreekt)",
                 groups[static_cast<std::size_t>(classes) + 1], map, *entries, options);
    svg += "</g>";
    detail::append_legend(svg, map.width + 12, legend, options);
    svg += "</svg>";
    return out;
}

}  // namespace gezondin::geo
