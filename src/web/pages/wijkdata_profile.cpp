// The area profile: spine chart, table, trend, downloads and the municipality's practice examples.

#include <cmath>
#include <cstdio>

#include "core/messages.h"
#include "search/search_index.h"
#include "web/errors.h"
#include "web/pages/view_helpers.h"
#include "web/pages/wijkdata_format.h"
#include "web/pages/wijkdata_pages.h"
#include "web/render/spine_chart.h"
#include "web/render/table_export.h"

namespace gezondin::web {

namespace {

using services::Shown;
using stats::ValueStatus;

int row_decimals(const services::ProfileRow& r) {
    std::vector<double> v;
    for (const Shown* s : {&r.area, &r.gemeente, &r.country.value})
        if (s->status == ValueStatus::Value) v.push_back(s->value);
    for (const auto& [_, s] : r.trend)
        if (s.status == ValueStatus::Value) v.push_back(s.value);
    return wijk::decimals_for(v);
}

int direction_of(const storage::IndicatorMeta& m) {
    if (m.direction == storage::IndicatorDirection::HigherIsBetter) return 1;
    if (m.direction == storage::IndicatorDirection::HigherIsWorse) return -1;
    return 0;
}

SpineRow spine_row(const services::ProfileRow& r, int decimals) {
    SpineRow s;
    s.label = r.indicator.label;
    s.value_text = wijk::shown_text(r.area, decimals, r.indicator.unit);
    s.has_value = r.area.status == ValueStatus::Value;
    s.value = r.area.value;
    s.has_gemeente = r.gemeente.status == ValueStatus::Value;
    s.gemeente = r.gemeente.value;
    s.has_country = r.country.value.status == ValueStatus::Value;
    s.country = r.country.value.value;
    s.has_spread = r.peers > 1 && std::isfinite(r.low) && s.has_value;
    s.low = r.low, s.q1 = r.q1, s.q3 = r.q3, s.high = r.high;
    s.direction = direction_of(r.indicator);
    return s;
}

View area_link(const services::AreaRef& a, int year) {
    return View::object().set("url", wijk::profile_url(a.code, year)).set("name", a.name).set("code", a.code)
        .set("level", services::level_label(a.level));
}

std::string trend_text(const services::ProfileRow& r, int decimals) {
    std::string out;
    for (const auto& [year, v] : r.trend) {
        if (!out.empty()) out += "; ";
        out += std::to_string(year) + ": " + wijk::shown_text(v, decimals, r.indicator.unit);
    }
    return out;
}

View examples_view(const WijkdataContext& ctx, const std::string& gemeente) {
    search::SearchQuery q;
    q.filters[search::Facet::Municipality] = {gemeente};
    q.sort = search::SortOrder::Date;
    q.page_size = 5;
    View list = View::list();
    if (auto r = ctx.base.kb.search(q))
        for (const auto& hit : r->hits) list.push(card_view(hit, ctx.base.kb));
    return list;
}

View rows_view(const services::Profile& p, std::string& chart_out) {
    View rows = View::list();
    std::vector<SpineRow> spine;
    for (const auto& r : p.rows) {
        int d = row_decimals(r);
        spine.push_back(spine_row(r, d));
        bool trend = r.trend.size() > 1;
        std::string spread = r.peers > 1 && std::isfinite(r.low)
                                 ? wijk::number_nl(r.low, d) + " \xE2\x80\x93 " + wijk::number_nl(r.high, d)
                                 : std::string(core::msg("wijkdata.missing"));
        rows.push(View::object().set("label", r.indicator.label).set("unit", r.indicator.unit)
                      .set("area", wijk::shown_text(r.area, d, r.indicator.unit))
                      .set("secret", r.area.status == ValueStatus::Secret)
                      .set("gemeente", wijk::shown_text(r.gemeente, d, r.indicator.unit))
                      .set("country", wijk::shown_text(r.country.value, d, r.indicator.unit))
                      .set("spread", spread).set("trend", trend ? trend_text(r, d) : std::string()));
    }
    SpineChartOptions o;
    o.title = core::msg("wijkdata.chart_title", {p.area.name, std::to_string(p.year)});
    o.description = std::string(core::msg("wijkdata.chart_desc"));
    o.id_prefix = "profiel";
    o.area_label = p.area.name;
    o.gemeente_label = p.gemeente ? p.gemeente->name : std::string(core::msg("wijkdata.level.gemeente"));
    o.country_label = std::string(core::msg("wijkdata.country"));
    o.spread_label = std::string(core::msg("wijkdata.chart_spread"));
    o.middle_label = std::string(core::msg("wijkdata.chart_middle"));
    chart_out = render_spine_chart(spine, o);
    return rows;
}

// The rows of a profile as a table of strings, for CSV and XLSX.
std::vector<std::vector<std::string>> profile_table(const services::Profile& p) {
    std::vector<std::vector<std::string>> out;
    out.push_back({"jaar", "code", "naam", "indicator", "label", "eenheid", "waarde", "gemeente", "nederland",
                   "nederland_bron", "bron"});
    for (const auto& r : p.rows)
        out.push_back({std::to_string(p.year), p.area.code, p.area.name, r.indicator.key, r.indicator.label,
                       r.indicator.unit, wijk::shown_plain(r.area), wijk::shown_plain(r.gemeente),
                       wijk::shown_plain(r.country.value), wijk::country_note(r.country), r.indicator.source});
    return out;
}


core::Result<services::Profile> load_profile(const WijkdataContext& ctx, std::string_view code) {
    auto year = wijk::year_param(ctx.base.request);
    if (!year) return core::fail(year.error());
    return ctx.wd.profile(std::string(code), *year);
}

}  // namespace

Response wijkdata_profile_page(const WijkdataContext& ctx, std::string_view code) {
    auto p = load_profile(ctx, code);
    if (!p) return error_response(ctx.base.request, ctx.base.renderer, p.error());
    View v = View::object();
    v.set("title", core::msg("wijkdata.profile_title", {p->area.name, std::to_string(p->year)}));
    v.set("name", p->area.name).set("code", p->area.code).set("level", services::level_label(p->area.level));
    v.set("year", std::to_string(p->year)).set("fictitious", p->fictitious);
    View parents = View::list(), children = View::list(), years = View::list(), sources = View::list();
    for (const auto& a : p->parents) parents.push(area_link(a, p->year));
    for (const auto& a : p->children) children.push(area_link(a, p->year));
    for (int y : p->years)
        years.push(View::object().set("year", std::to_string(y)).set("url", wijk::profile_url(p->area.code, y)).set("current", y == p->year));
    for (const auto& s : p->sources) sources.push(View(s));
    v.set("has_parents", !p->parents.empty()).set("parents", std::move(parents));
    v.set("has_children", !p->children.empty()).set("children", std::move(children));
    v.set("has_years", p->years.size() > 1).set("years", std::move(years)).set("sources", std::move(sources));
    std::string chart;
    v.set("rows", rows_view(*p, chart));
    v.set("has_rows", !p->rows.empty()).set("chart", chart);
    v.set("has_trend", std::any_of(p->rows.begin(), p->rows.end(), [](const auto& r) { return r.trend.size() > 1; }));
    v.set("gemeente_name", p->gemeente ? p->gemeente->name : p->area.name);
    v.set("country_note", p->rows.empty() ? std::string() : wijk::country_note(p->rows.front().country));
    std::string base = wijk::profile_url(p->area.code);
    std::string query = "?jaar=" + std::to_string(p->year);
    v.set("csv_url", base + "/profiel.csv" + query).set("xlsx_url", base + "/profiel.xlsx" + query);
    std::string gemeente = p->area.level == stats::AreaLevel::Gemeente ? p->area.code : p->gemeente ? p->gemeente->code : "";
    if (!gemeente.empty()) {
        std::string key = p->rows.empty() ? "" : p->rows.front().indicator.key;
        v.set("map_url", "/wijkdata/kaart?gemeente=" + gemeente + "&niveau=wijk&indicator=" + wijk::url_encode(key) + "&jaar=" + std::to_string(p->year));
        v.set("compare_url", "/wijkdata/vergelijk?gemeente=" + gemeente + "&jaar=" + std::to_string(p->year));
        auto examples = examples_view(ctx, gemeente);
        v.set("has_examples", !examples.items().empty()).set("examples", std::move(examples));
        v.set("kennisbank_url", municipality_url(gemeente));
    }
    auto r = Response::html(ctx.base.renderer.render_page("wijkdata_profile", v));
    r.set_header("Cache-Control", "no-cache");
    return r;
}

Response wijkdata_profile_download(const WijkdataContext& ctx, std::string_view code, std::string_view file) {
    auto p = load_profile(ctx, code);
    if (!p) return error_response(ctx.base.request, ctx.base.renderer, p.error());
    ExportTable table{profile_table(*p), p->fictitious ? std::string(core::msg("wijkdata.fictitious_short")) : std::string(),
                      [](std::size_t column) { return column >= 6 && column <= 8; }};
    std::string name = "profiel-" + p->area.code + "-" + std::to_string(p->year);
    Response r;
    if (file == "profiel.csv") {
        r = Response::text(table_to_csv(table), "text/csv; charset=utf-8");
        name += ".csv";
    } else {
        auto bytes = table_to_xlsx(table, "Profiel");
        if (!bytes) return error_response(ctx.base.request, ctx.base.renderer, bytes.error());
        r = Response::text(std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        name += ".xlsx";
    }
    r.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return r;
}

}  // namespace gezondin::web
