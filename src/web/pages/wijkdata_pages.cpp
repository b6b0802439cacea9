// Wijkdata pages: choose (index), map and compare. The profile is in wijkdata_profile.cpp.

#include "web/pages/wijkdata_pages.h"

#include "core/messages.h"
#include "geo/choropleth.h"
#include "geo/map_geometry.h"
#include "web/errors.h"
#include "web/pages/wijkdata_format.h"

namespace gezondin::web {

namespace {

using stats::ValueStatus;

Response fail(const WijkdataContext& ctx, const core::Error& e) {
    return error_response(ctx.base.request, ctx.base.renderer, e);
}

View year_options(const services::Wijkdata& wd, int selected) {
    View list = View::list();
    for (int y : wd.years())
        list.push(View::object().set("value", std::to_string(y)).set("label", std::to_string(y)).set("selected", y == selected));
    return list;
}

View gemeente_options(const services::Wijkdata& wd, int year, const std::string& selected) {
    View list = View::list();
    for (const auto& g : wd.gemeenten(year))
        list.push(View::object().set("value", g.code).set("label", g.name + " (" + g.code + ")").set("selected", g.code == selected)
                      .set("url", wijk::profile_url(g.code, year)));
    return list;
}

View indicator_options(const services::Wijkdata& wd, int year, const std::string& selected) {
    View list = View::list();
    for (const auto& m : wd.indicators(year))
        list.push(View::object().set("value", m.key).set("label", m.label + (m.unit.empty() ? "" : " (" + m.unit + ")"))
                      .set("selected", m.key == selected));
    return list;
}

View choice(const std::string& value, std::string_view label_key, bool selected) {
    return View::object().set("value", value).set("label", std::string(core::msg(label_key))).set("selected", selected);
}

geo::ValueStatus to_geo(ValueStatus s) {
    return s == ValueStatus::Value ? geo::ValueStatus::Value : s == ValueStatus::Secret ? geo::ValueStatus::Secret : geo::ValueStatus::Missing;
}

}  // namespace

Response wijkdata_index(const WijkdataContext& ctx) {
    const auto& req = ctx.base.request;
    auto wanted = wijk::year_param(req);
    if (!wanted) return fail(ctx, wanted.error());
    if (auto g = req.param("gemeente"); !g.empty()) return Response::redirect(wijk::profile_url(std::string(g), *wanted));
    View v = View::object();
    v.set("title", std::string(core::msg("wijkdata.index_title")));
    auto year = ctx.wd.resolve_year(*wanted);
    v.set("has_data", bool(year));
    if (year) {
        v.set("year", std::to_string(*year)).set("years", year_options(ctx.wd, *year));
        v.set("gemeenten", gemeente_options(ctx.wd, *year, "")).set("indicators", indicator_options(ctx.wd, *year, ""));
        v.set("fictitious", ctx.wd.fictitious(*year));
    }
    return Response::html(ctx.base.renderer.render_page("wijkdata_index", v));
}

Response wijkdata_map_page(const WijkdataContext& ctx) {
    const auto& req = ctx.base.request;
    auto wanted = wijk::year_param(req);
    if (!wanted) return fail(ctx, wanted.error());
    std::string niveau = req.param("niveau").empty() ? "wijk" : std::string(req.param("niveau"));
    auto level = services::level_from_slug(niveau);
    if (!level || *level == stats::AreaLevel::Land)
        return fail(ctx, core::Error::invalid_input(core::msg("wijkdata.bad_level", {niveau})));
    const bool national = *level == stats::AreaLevel::Gemeente;
    bool equal = req.param("indeling") == "gelijk";
    std::string gemeente(req.param("gemeente")), key(req.param("indicator"));
    auto year = ctx.wd.resolve_year(*wanted);
    if (!year) return fail(ctx, year.error());
    if (key.empty()) {
        auto list = ctx.wd.indicators(*year);
        if (!list.empty()) key = list.front().key;
    }
    if (!national && gemeente.empty()) {
        // Coming from the gemeente map, nobody has chosen a gemeente yet: start with the first.
        auto all = ctx.wd.gemeenten(*year);
        if (!all.empty()) gemeente = all.front().code;
    }
    auto data = ctx.wd.map_data(*level, key, gemeente, *year);
    if (!data) return fail(ctx, data.error());

    std::vector<double> numbers;
    for (const auto& mv : data->values)
        if (mv.value.status == ValueStatus::Value) numbers.push_back(mv.value.value);
    int decimals = wijk::decimals_for(numbers);
    const auto& meta = data->indicator;
    View v = View::object();
    std::string title = national ? core::msg("wijkdata.map_title_gemeenten", {meta.label, std::to_string(data->year)})
                                 : core::msg("wijkdata.map_title", {meta.label, data->gemeente.name, std::to_string(data->year)});
    v.set("title", title).set("heading", title).set("fictitious", data->fictitious);
    v.set("national", national).set("single_gemeente", national && data->values.size() == 1);
    if (!national) v.set("gemeente_name", data->gemeente.name).set("profile_url", wijk::profile_url(data->gemeente.code, data->year));
    v.set("gemeenten", gemeente_options(ctx.wd, data->year, national ? gemeente : data->gemeente.code));
    v.set("years", year_options(ctx.wd, data->year)).set("indicators", indicator_options(ctx.wd, data->year, key));
    View levels = View::list();
    levels.push(choice("gemeente", "wijkdata.level.gemeente", national));
    levels.push(choice("wijk", "wijkdata.level.wijk", *level == stats::AreaLevel::Wijk));
    levels.push(choice("buurt", "wijkdata.level.buurt", *level == stats::AreaLevel::Buurt));
    View methods = View::list();
    methods.push(choice("kwantielen", "wijkdata.method_quantiles", !equal));
    methods.push(choice("gelijk", "wijkdata.method_equal", equal));
    v.set("levels", std::move(levels)).set("methods", std::move(methods));

    std::vector<int> classes(data->values.size(), -1);
    if (data->map) {
        std::vector<geo::AreaValue> values;
        for (const auto& mv : data->values)
            values.push_back({mv.area.code, to_geo(mv.value.status), mv.value.value, wijk::profile_url(mv.area.code, data->year)});
        geo::ChoroplethOptions o;
        o.title = title;
        o.description = std::string(core::msg("wijkdata.map_desc"));
        o.unit = meta.unit == "%" ? "%" : "";
        o.method = equal ? geo::ClassMethod::EqualIntervals : geo::ClassMethod::Quantiles;
        o.direction = meta.direction == storage::IndicatorDirection::HigherIsBetter ? geo::Direction::HigherIsBetter
                                                                                   : geo::Direction::HigherIsWorse;
        o.decimals = decimals;
        o.role = geo::SvgRole::Group;
        auto map = geo::render_choropleth(*data->map, values, o);
        if (!map) return fail(ctx, map.error());
        v.set("map", map->svg).set("has_map", true);
        for (std::size_t i = 0; i < map->areas.size(); ++i)
            for (std::size_t j = 0; j < data->values.size(); ++j)
                if (data->values[j].area.code == map->areas[i].code) classes[j] = map->areas[i].class_index;
    }
    View rows = View::list();
    for (std::size_t j = 0; j < data->values.size(); ++j) {
        const auto& mv = data->values[j];
        rows.push(View::object().set("code", mv.area.code).set("name", mv.area.name)
                      .set("url", wijk::profile_url(mv.area.code, data->year))
                      .set("value", wijk::shown_text(mv.value, decimals, meta.unit))
                      .set("class", classes[j] >= 0 ? std::to_string(classes[j] + 1) : std::string("\xE2\x80\x93")));
    }
    v.set("rows", std::move(rows)).set("level_label", services::level_label(*level)).set("unit", meta.unit);
    return Response::html(ctx.base.renderer.render_page("wijkdata_map", v));
}

Response wijkdata_compare_page(const WijkdataContext& ctx) {
    const auto& req = ctx.base.request;
    auto wanted = wijk::year_param(req);
    if (!wanted) return fail(ctx, wanted.error());
    std::string gemeente(req.param("gemeente"));
    auto others = wijk::params(req, "met");
    auto year = ctx.wd.resolve_year(*wanted);
    if (!year) return fail(ctx, year.error());
    View v = View::object();
    v.set("title", std::string(core::msg("wijkdata.compare_title")));
    v.set("years", year_options(ctx.wd, *year)).set("gemeenten", gemeente_options(ctx.wd, *year, gemeente));
    View others_view = View::list();
    for (const auto& g : ctx.wd.gemeenten(*year))
        others_view.push(View::object().set("value", g.code).set("label", g.name + " (" + g.code + ")")
                             .set("selected", std::find(others.begin(), others.end(), g.code) != others.end()));
    v.set("others", std::move(others_view));
    if (gemeente.empty()) return Response::html(ctx.base.renderer.render_page("wijkdata_compare", v));

    auto c = ctx.wd.compare(gemeente, others, *year);
    if (!c) return fail(ctx, c.error());
    View heads = View::list();
    for (const auto& a : c->areas) heads.push(View::object().set("name", a.area.name).set("url", wijk::profile_url(a.area.code, c->year)));
    View rows = View::list();
    for (std::size_t i = 0; i < c->indicators.size(); ++i) {
        std::vector<double> numbers;
        for (const auto& a : c->areas)
            if (a.values[i].status == ValueStatus::Value) numbers.push_back(a.values[i].value);
        if (c->country[i].value.status == ValueStatus::Value) numbers.push_back(c->country[i].value.value);
        int d = wijk::decimals_for(numbers);
        const auto& unit = c->indicators[i].unit;
        View cells = View::list();
        for (const auto& a : c->areas) cells.push(View::object().set("text", wijk::shown_text(a.values[i], d, unit)));
        rows.push(View::object().set("label", c->indicators[i].label).set("cells", std::move(cells))
                      .set("country", wijk::shown_text(c->country[i].value, d, unit)));
    }
    View unknown = View::list();
    for (const auto& u : c->unknown) unknown.push(View(u));
    v.set("has_result", true).set("heads", std::move(heads)).set("rows", std::move(rows));
    v.set("has_unknown", !c->unknown.empty()).set("unknown", std::move(unknown));
    v.set("year", std::to_string(c->year)).set("gemeente_name", c->areas.front().area.name);
    v.set("country_note", c->country.empty() ? std::string() : wijk::country_note(c->country.front()));
    v.set("fictitious", ctx.wd.fictitious(c->year) && gemeente.rfind("GM99", 0) == 0);
    return Response::html(ctx.base.renderer.render_page("wijkdata_compare", v));
}

}  // namespace gezondin::web
