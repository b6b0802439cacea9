#include "web/pages/ongelijk_common.h"

#include <cmath>

#include "core/messages.h"
#include "geo/choropleth.h"
#include "web/errors.h"
#include "web/pages/wijkdata_format.h"

namespace gezondin::web::ongelijk {

namespace {

View option(const std::string& value, const std::string& label, bool selected) {
    return View::object().set("value", value).set("label", label).set("selected", selected);
}

View indicator_rows(const Prepared& p) {
    View list = View::list();
    int n = 0;
    for (const auto& m : p.data.indicators) {
        if (m.key == p.data.population_key) continue;
        const services::ChosenIndicator* chosen = nullptr;
        for (const auto& c : p.choices.index.indicators)
            if (c.key == m.key) chosen = &c;
        auto dir = chosen ? chosen->direction
                          : m.direction == storage::IndicatorDirection::HigherIsBetter ? stats::Direction::HigherIsBetter
                                                                                        : stats::Direction::HigherIsWorse;
        list.push(View::object().set("n", std::to_string(++n)).set("key", m.key)
                      .set("label", m.label + (m.unit.empty() ? "" : " (" + m.unit + ")")).set("checked", chosen != nullptr)
                      .set("worse", dir == stats::Direction::HigherIsWorse).set("weight", chosen ? number(chosen->weight, 3) : "1"));
    }
    return list;
}

View method_view(const Prepared& p) {
    const auto& s = p.choices.index.spec;
    View norm = View::list();
    norm.push(option("z-score", std::string(core::msg("ongelijk.norm.z")), s.normalisation == stats::Normalisation::ZScore));
    norm.push(option("min-max", std::string(core::msg("ongelijk.norm.minmax")), s.normalisation == stats::Normalisation::MinMax));
    norm.push(option("percentielrang", std::string(core::msg("ongelijk.norm.pct")), s.normalisation == stats::Normalisation::PercentileRank));
    View agg = View::list();
    agg.push(option("rekenkundig", std::string(core::msg("ongelijk.agg.arith")), s.aggregation == stats::Aggregation::ArithmeticMean));
    agg.push(option("meetkundig", std::string(core::msg("ongelijk.agg.geo")), s.aggregation == stats::Aggregation::GeometricMean));
    View missing = View::list();
    missing.push(option("uitsluiten", std::string(core::msg("ongelijk.missing.exclude")), s.missing == stats::MissingValueRule::Exclude));
    missing.push(option("beschikbaar", std::string(core::msg("ongelijk.missing.available")), s.missing == stats::MissingValueRule::UseAvailable));
    return View::object().set("normalisations", std::move(norm)).set("aggregations", std::move(agg)).set("missing", std::move(missing))
        .set("population_weighted", s.population_weighted).set("exponential", s.rank_transform == stats::RankTransform::Exponential);
}

View allocation_view(const Prepared& p) {
    const auto& a = p.choices.allocation;
    View rule = View::list();
    rule.push(option("universeel", std::string(core::msg("ongelijk.rule.universal")), a.missing_need == stats::MissingNeedRule::UniversalOnly));
    rule.push(option("uitsluiten", std::string(core::msg("ongelijk.rule.exclude")), a.missing_need == stats::MissingNeedRule::Exclude));
    return View::object().set("budget", plain(p.choices.budget_euros)).set("universal", plain(a.universal_share * 100))
        .set("proportionality", plain(a.proportionality)).set("floor", plain(a.floor_per_inhabitant))
        .set("cap", plain(a.cap_per_inhabitant)).set("rules", std::move(rule)).set("draws", std::to_string(p.choices.draws));
}

View inequality_view(const Prepared& p) {
    const auto& q = p.choices.inequality;
    View values = View::list(), rankings = View::list();
    rankings.push(option("kansenindex", std::string(core::msg("ongelijk.ranking_index")), q.ranking == "kansenindex"));
    for (const auto& m : p.data.indicators) {
        if (m.key == p.data.population_key) continue;
        values.push(option(m.key, m.label, m.key == q.indicator));
        rankings.push(option(m.key, m.label, m.key == q.ranking));
    }
    View groups = View::list();
    groups.push(option("5", std::string(core::msg("ongelijk.quintiles")), q.quantiles == 5));
    groups.push(option("10", std::string(core::msg("ongelijk.deciles")), q.quantiles == 10));
    return View::object().set("values", std::move(values)).set("rankings", std::move(rankings)).set("groups", std::move(groups))
        .set("ranking_better", q.ranking_direction == stats::Direction::HigherIsBetter);
}

const char* path_of(Page page) {
    switch (page) {
    case Page::Kansenindex: return "/ongelijk-investeren/kansenindex";
    case Page::Verdeling: return "/ongelijk-investeren/verdeling";
    case Page::Robuustheid: return "/ongelijk-investeren/robuustheid";
    case Page::Ongelijkheid: return "/ongelijk-investeren/ongelijkheid";
    }
    return "/ongelijk-investeren";
}

View presets_view(const Prepared& p) {
    View list = View::list();
    for (const auto& m : services::Ongelijk::presets(p.data)) {
        std::string missing;
        for (const auto& l : m.missing) missing += (missing.empty() ? "" : "; ") + l;
        list.push(View::object().set("id", m.id).set("label", m.label).set("usable", !m.indicators.empty())
                      .set("selected", m.id == p.choices.preset).set("missing", missing).set("has_missing", !missing.empty())
                      .set("found", std::to_string(m.indicators.size())));
    }
    return list;
}

}  // namespace

core::Result<Prepared> prepare(const OngelijkContext& ctx) {
    const auto& req = ctx.base.request;
    auto place = parse_place(req);
    if (!place) return core::fail(place.error());
    Prepared p;
    p.place = *place;
    if (p.place.gemeente.empty()) return core::fail(core::Error::invalid_input(std::string(core::msg("ongelijk.no_gemeente"))));
    auto data = ctx.ongelijk.data(p.place.gemeente, p.place.year, p.place.level);
    if (!data) return core::fail(data.error());
    p.data = std::move(*data);
    auto choices = parse_choices(req, p.data, p.choices);
    if (!choices) p.input_error = choices.error();
    p.query = query_string(p.place, p.data.year, p.choices);
    return p;
}

View page_view(const OngelijkContext& ctx, const Prepared& p, Page page, const std::string& title) {
    View v = View::object();
    v.set("title", title + " \xE2\x80\x93 " + p.data.gemeente.name).set("heading", title);
    v.set("gemeente", p.data.gemeente.code).set("gemeente_name", p.data.gemeente.name).set("year", std::to_string(p.data.year));
    v.set("fictitious", p.data.fictitious).set("query", p.query);
    v.set("level_label", services::level_label(p.data.level));
    if (p.input_error) v.set("error", p.input_error->message()).set("has_error", true);
    View years = View::list();
    for (int y : ctx.wd.years()) years.push(option(std::to_string(y), std::to_string(y), y == p.data.year));
    View levels = View::list();
    levels.push(option("buurt", "buurten", p.data.level == stats::AreaLevel::Buurt));
    levels.push(option("wijk", "wijken", p.data.level == stats::AreaLevel::Wijk));
    View form = View::object();
    form.set("action", path_of(page)).set("gemeente", p.data.gemeente.code).set("years", std::move(years)).set("levels", std::move(levels));
    form.set("indicators", indicator_rows(p)).set("method", method_view(p)).set("presets", presets_view(p));
    form.set("level_slug", p.data.level == stats::AreaLevel::Wijk ? "wijk" : "buurt").set("year", std::to_string(p.data.year));
    if (page == Page::Verdeling || page == Page::Robuustheid) form.set("allocation", allocation_view(p));
    if (page == Page::Robuustheid) form.set("robustness", true);
    if (page == Page::Ongelijkheid) form.set("inequality", inequality_view(p));
    v.set("form", ctx.base.renderer.render_fragment("ongelijk_form", form));
    View nav = View::list();
    const std::pair<Page, const char*> pages[] = {{Page::Kansenindex, "ongelijk.kansenindex"}, {Page::Verdeling, "ongelijk.verdeling"},
                                                  {Page::Robuustheid, "ongelijk.robuustheid"}, {Page::Ongelijkheid, "ongelijk.ongelijkheid"}};
    for (auto [pg, key] : pages)
        nav.push(View::object().set("url", std::string(path_of(pg)) + "?" + p.query).set("label", std::string(core::msg(key)))
                     .set("current", pg == page));
    nav.push(View::object().set("url", "/ongelijk-investeren/vergelijkbaar?gemeente=" + p.data.gemeente.code + "&jaar=" +
                                           std::to_string(p.data.year))
                 .set("label", std::string(core::msg("ongelijk.vergelijkbaar"))).set("current", false));
    v.set("nav", std::move(nav));
    return v;
}

Response render(const OngelijkContext& ctx, const Prepared& p, std::string_view tmpl, const View& v) {
    auto r = Response::html(ctx.base.renderer.render_page(tmpl, v));
    if (p.input_error) r.status = 400;
    return r;
}

std::string area_url(const Prepared& p, std::size_t area) { return wijk::profile_url(p.data.areas[area].code, p.data.year); }

std::string area_map(const Prepared& p, const std::vector<double>& values, const std::string& title, const std::string& unit,
                     int decimals, const std::string& id_prefix) {
    if (!p.data.map) return "";
    std::vector<geo::AreaValue> in;
    for (std::size_t i = 0; i < values.size(); ++i)
        in.push_back({p.data.areas[i].code, std::isnan(values[i]) ? geo::ValueStatus::Missing : geo::ValueStatus::Value,
                      std::isnan(values[i]) ? 0 : values[i], area_url(p, i)});
    geo::ChoroplethOptions o;
    o.title = title;
    o.description = std::string(core::msg("ongelijk.map_desc"));
    o.unit = unit;
    o.decimals = decimals;
    o.direction = geo::Direction::HigherIsWorse;
    o.role = geo::SvgRole::Group;
    o.id_prefix = id_prefix;
    auto map = geo::render_choropleth(*p.data.map, in, o);
    return map ? map->svg : "";
}

}  // namespace gezondin::web::ongelijk
