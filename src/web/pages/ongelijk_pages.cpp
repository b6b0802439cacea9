// Ongelijk investeren: the index page, the need index, robustness, inequality and similar
// gemeenten. The allocation and the API are in ongelijk_verdeling.cpp.

#include "web/pages/ongelijk_pages.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/messages.h"
#include "web/errors.h"
#include "web/pages/ongelijk_common.h"
#include "web/pages/view_helpers.h"
#include "web/pages/wijkdata_format.h"

namespace gezondin::web {

namespace {

using namespace ongelijk;

Response fail(const OngelijkContext& ctx, const core::Error& e) { return error_response(ctx.base.request, ctx.base.renderer, e); }

std::string msg(std::string_view key, std::initializer_list<std::string_view> args = {}) {
    return args.size() ? core::msg(key, args) : std::string(core::msg(key));
}

// The method in plain Dutch, one sentence per step.
View method_text(const Prepared& p, const services::IndexOutcome& r) {
    const auto& s = p.choices.index.spec;
    View list = View::list();
    std::string names;
    double total = 0;
    for (const auto& c : p.choices.index.indicators) total += c.weight;
    for (std::size_t i = 0; i < r.labels.size(); ++i) {
        const auto& c = p.choices.index.indicators[i];
        names += (i ? "; " : "") + r.labels[i] + " (" + msg(c.direction == stats::Direction::HigherIsWorse ? "ongelijk.dir.worse_short" : "ongelijk.dir.better_short") +
                 ", " + number(100 * c.weight / total, 1) + " %)";
    }
    list.push(View(msg("ongelijk.method.indicators", {std::to_string(r.labels.size()), names})));
    list.push(View(msg(s.normalisation == stats::Normalisation::ZScore ? "ongelijk.method.z"
                       : s.normalisation == stats::Normalisation::MinMax ? "ongelijk.method.minmax" : "ongelijk.method.pct")));
    if (s.population_weighted) list.push(View(msg("ongelijk.method.population")));
    list.push(View(msg("ongelijk.method.orient")));
    if (s.rank_transform == stats::RankTransform::Exponential) list.push(View(msg("ongelijk.method.exponential")));
    list.push(View(msg(s.aggregation == stats::Aggregation::ArithmeticMean ? "ongelijk.method.arith" : "ongelijk.method.geo")));
    list.push(View(msg("ongelijk.method.rank")));
    list.push(View(msg(s.missing == stats::MissingValueRule::Exclude ? "ongelijk.method.missing_exclude" : "ongelijk.method.missing_available")));
    return list;
}

// "Huishoudens met een laag inkomen" -> "huishoudens met een laag inkomen", to follow
// "het aandeel"; a leading "Percentage" is dropped; names in capitals stay as they are.
std::string share_name(std::string label) {
    if (label.rfind("Percentage ", 0) == 0 || label.rfind("percentage ", 0) == 0) label.erase(0, 11);
    bool capital_word = label.size() > 1 && std::isupper(static_cast<unsigned char>(label[1]));
    if (!label.empty() && !capital_word) label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    return label;
}

// The newest items the kennisbank has for a gemeente (at most three), as title links.
View published_items(const OngelijkContext& ctx, const std::string& gemeente) {
    search::SearchQuery q;
    q.filters[search::Facet::Municipality] = {gemeente};
    q.sort = search::SortOrder::Date;
    q.page_size = 3;
    View list = View::list();
    if (auto found = ctx.base.kb.search(q))
        for (const auto& hit : found->hits) list.push(card_view(hit, ctx.base.kb));
    return list;
}

View missing_list(const Prepared& p, const std::vector<std::size_t>& rows) {
    View list = View::list();
    for (auto i : rows) list.push(View::object().set("name", p.data.areas[i].name).set("code", p.data.areas[i].code).set("url", area_url(p, i)));
    return list;
}

}  // namespace

Response ongelijk_route(const OngelijkContext& ctx, const std::vector<std::string_view>& seg) {
    auto n = seg.size();
    if (seg[0] == "api" && n == 4) return api_ongelijk(ctx, seg[3]);
    if (seg[0] == "ongelijk-investeren") {
        if (n == 1) return ongelijk_index(ctx);
        auto page = seg[1];
        if (n == 2 && page == "kansenindex") return ongelijk_kansenindex(ctx);
        if (n == 2 && page == "verdeling") return ongelijk_verdeling(ctx, "");
        if (n == 2 && page == "verdeling.csv") return ongelijk_verdeling(ctx, "csv");
        if (n == 2 && page == "verdeling.xlsx") return ongelijk_verdeling(ctx, "xlsx");
        if (page == "scenarios") return ongelijk_scenarios(ctx, seg);
        if (n == 2 && page == "robuustheid") return ongelijk_robuustheid(ctx);
        if (n == 2 && page == "ongelijkheid") return ongelijk_ongelijkheid(ctx);
        if (n == 2 && page == "vergelijkbaar") return ongelijk_vergelijkbaar(ctx);
    }
    return fail(ctx, core::Error(core::ErrorCode::NotFound, msg("error.not_found")));
}

Response ongelijk_index(const OngelijkContext& ctx) {
    const auto& req = ctx.base.request;
    auto wanted = wijk::year_param(req);
    if (!wanted) return fail(ctx, wanted.error());
    View v = View::object();
    v.set("title", msg("ongelijk.index_title"));
    auto year = ctx.wd.resolve_year(*wanted);
    v.set("has_data", bool(year));
    if (!year) return Response::html(ctx.base.renderer.render_page("ongelijk_index", v));
    std::string gemeente(req.param("gemeente"));
    // A wijk (WK036300) or buurt (BU03630000) code names its gemeente in digits 3 to 6.
    if ((gemeente.rfind("WK", 0) == 0 || gemeente.rfind("BU", 0) == 0) && gemeente.size() >= 6) gemeente = "GM" + gemeente.substr(2, 4);
    View list = View::list();
    for (const auto& g : ctx.wd.gemeenten(*year))
        list.push(View::object().set("value", g.code).set("label", g.name + " (" + g.code + ")").set("selected", g.code == gemeente));
    v.set("gemeenten", std::move(list)).set("year", std::to_string(*year));
    if (!gemeente.empty()) {
        bool known = false;
        for (const auto& g : ctx.wd.gemeenten(*year)) known = known || g.code == gemeente;
        if (!known) return fail(ctx, core::Error::not_found("gemeente", gemeente));
        std::string q = "?gemeente=" + wijk::url_encode(gemeente) + "&jaar=" + std::to_string(*year);
        v.set("chosen", true).set("links_query", q).set("gemeente", gemeente);
    }
    return Response::html(ctx.base.renderer.render_page("ongelijk_index", v));
}

Response ongelijk_kansenindex(const OngelijkContext& ctx) {
    auto p = prepare(ctx);
    if (!p) return fail(ctx, p.error());
    View v = page_view(ctx, *p, Page::Kansenindex, msg("ongelijk.kansenindex"));
    if (p->input_error) return render(ctx, *p, "ongelijk_kansenindex", v);
    auto r = ctx.ongelijk.need_index(p->data, p->choices.index);
    if (!r) {
        v.set("error", r.error().message()).set("has_error", true);
        return render(ctx, *p, "ongelijk_kansenindex", v);
    }
    const auto& res = r->result;
    View rows = View::list();
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < res.rank.size(); ++i)
        if (res.rank[i] > 0) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return res.rank[a] < res.rank[b]; });
    for (auto i : order)
        rows.push(View::object().set("rank", std::to_string(res.rank[i])).set("name", p->data.areas[i].name)
                      .set("code", p->data.areas[i].code).set("url", area_url(*p, i)).set("score", number(res.score[i], 2))
                      .set("decile", std::to_string(res.decile[i])));
    v.set("has_result", true).set("rows", std::move(rows)).set("method", method_text(*p, *r));
    v.set("missing", missing_list(*p, res.missing)).set("has_missing", !res.missing.empty());
    std::string title = msg("ongelijk.map_index", {p->data.gemeente.name, std::to_string(p->data.year)});
    auto map = area_map(*p, res.score, title, "", 2, "kansenindex");
    v.set("map", map).set("has_map", !map.empty());
    return render(ctx, *p, "ongelijk_kansenindex", v);
}

Response ongelijk_robuustheid(const OngelijkContext& ctx) {
    auto p = prepare(ctx);
    if (!p) return fail(ctx, p.error());
    View v = page_view(ctx, *p, Page::Robuustheid, msg("ongelijk.robuustheid"));
    v.set("draws", std::to_string(p->choices.draws));
    if (p->input_error) return render(ctx, *p, "ongelijk_robuustheid", v);
    stats::UncertaintySpec spec;
    spec.draws = p->choices.draws;
    spec.allocation = p->choices.allocation;
    auto r = ctx.ongelijk.robustness(p->data, p->choices.index, spec);
    if (!r) {
        v.set("error", r.error().message()).set("has_error", true);
        return render(ctx, *p, "ongelijk_robuustheid", v);
    }
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < r->chosen.rank.size(); ++i)
        if (r->chosen.rank[i] > 0) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return r->chosen.rank[a] < r->chosen.rank[b]; });
    View rows = View::list(), dependent = View::list();
    int robust = 0;
    for (auto i : order) {
        const auto& a = r->areas[i];
        std::string verdict = a.method_dependent ? msg("ongelijk.verdict.depends")
                              : a.priority_probability >= 0.5 ? msg("ongelijk.verdict.priority") : msg("ongelijk.verdict.not");
        if (!a.method_dependent && a.priority_probability >= 0.5) ++robust;
        rows.push(View::object().set("name", p->data.areas[i].name).set("code", p->data.areas[i].code).set("url", area_url(*p, i))
                      .set("rank", std::to_string(r->chosen.rank[i])).set("low", number(a.rank_low, 0)).set("high", number(a.rank_high, 0))
                      .set("probability", number(100 * a.priority_probability, 0) + " %")
                      .set("euros", std::isnan(a.euros_low) ? std::string("\xE2\x80\x93") : number(a.euros_low, 0) + " \xE2\x80\x93 " + number(a.euros_high, 0))
                      .set("verdict", verdict).set("flag", a.method_dependent));
        if (a.method_dependent) dependent.push(View::object().set("name", p->data.areas[i].name).set("url", area_url(*p, i)));
    }
    v.set("has_result", true).set("rows", std::move(rows)).set("has_dependent", !dependent.items().empty()).set("dependent", std::move(dependent));
    v.set("summary", msg("ongelijk.robust_summary", {std::to_string(robust), std::to_string(order.size()), std::to_string(p->choices.draws)}));
    return render(ctx, *p, "ongelijk_robuustheid", v);
}

Response ongelijk_ongelijkheid(const OngelijkContext& ctx) {
    auto p = prepare(ctx);
    if (!p) return fail(ctx, p.error());
    View v = page_view(ctx, *p, Page::Ongelijkheid, msg("ongelijk.ongelijkheid"));
    if (p->input_error) return render(ctx, *p, "ongelijk_ongelijkheid", v);
    auto r = ctx.ongelijk.inequality(p->data, p->choices.index, p->choices.inequality);
    if (!r) {
        v.set("error", r.error().message()).set("has_error", true);
        return render(ctx, *p, "ongelijk_ongelijkheid", v);
    }
    // Differences of percentages are procentpunt, also when the source gives no unit.
    std::string unit = r->percentage ? msg("ongelijk.pp") : r->unit;
    std::string unit_suffix = unit.empty() ? "" : " " + unit;
    View rows = View::list();
    for (const auto& q : r->rows)
        rows.push(View::object().set("group", std::to_string(q.quantile)).set("areas", std::to_string(q.areas))
                      .set("population", number(q.population, 0)).set("value", number(q.value, 1)).set("se", number(q.standard_error, 2)));
    const auto& s = r->sii;
    // SII runs from the most to the least disadvantaged end; the gap the other way round.
    double diff = -s.sii;
    v.set("has_result", true).set("rows", std::move(rows)).set("indicator_label", r->indicator_label).set("ranking_label", r->ranking_label);
    v.set("groups", p->choices.inequality.quantiles == 10 ? msg("ongelijk.deciles") : msg("ongelijk.quintiles"));
    v.set("sii", number(s.sii, 2) + unit_suffix).set("rii", number(s.rii, 2));
    if (!s.sii_limits.empty())
        v.set("sii_ci", number(s.sii_limits[0].lower, 2) + " tot " + number(s.sii_limits[0].upper, 2) + unit_suffix)
            .set("rii_ci", number(s.rii_limits[0].lower, 2) + " tot " + number(s.rii_limits[0].upper, 2));
    v.set("concentration", number(r->concentration.index, 3)).set("gap", number(r->concentration.gap, 1) + unit_suffix)
        .set("ratio", number(r->concentration.ratio, 2));
    bool significant = !s.sii_limits.empty() && (s.sii_limits[0].lower > 0 || s.sii_limits[0].upper < 0);
    std::string amount = number(std::abs(diff), 1) + unit_suffix;
    std::string sign = r->percentage
        ? msg(diff > 0 ? "ongelijk.sign.share_higher" : "ongelijk.sign.share_lower", {share_name(r->indicator_label), amount})
        : msg(diff > 0 ? "ongelijk.sign.higher" : "ongelijk.sign.lower", {r->indicator_label, amount});
    v.set("sign", sign).set("certain", msg(significant ? "ongelijk.sign.certain" : "ongelijk.sign.uncertain"));
    v.set("concentration_text", msg(r->concentration.index < 0 ? "ongelijk.conc.neg" : "ongelijk.conc.pos"));
    v.set("areas_used", std::to_string(r->areas_used));
    return render(ctx, *p, "ongelijk_ongelijkheid", v);
}

Response ongelijk_vergelijkbaar(const OngelijkContext& ctx) {
    const auto& req = ctx.base.request;
    auto year = wijk::year_param(req);
    if (!year) return fail(ctx, year.error());
    std::string gemeente(req.param("gemeente"));
    if (gemeente.empty()) return fail(ctx, core::Error::invalid_input(msg("ongelijk.no_gemeente")));
    auto r = ctx.ongelijk.similar(gemeente, *year, 5);
    if (!r) return fail(ctx, r.error());
    View v = View::object();
    v.set("title", msg("ongelijk.vergelijkbaar") + " \xE2\x80\x93 " + r->gemeente.name).set("gemeente_name", r->gemeente.name);
    v.set("gemeente", gemeente).set("kennisbank_url", municipality_url(gemeente));
    View rows = View::list();
    for (const auto& n : r->neighbours) {
        View items = published_items(ctx, n.gemeente.code);
        bool has_items = !items.items().empty();
        rows.push(View::object().set("name", n.gemeente.name).set("code", n.gemeente.code).set("distance", number(n.distance, 2))
                      .set("shared", std::to_string(n.shared)).set("kennisbank_url", municipality_url(n.gemeente.code))
                      .set("profile_url", wijk::profile_url(n.gemeente.code, r->year))
                      .set("items", std::move(items)).set("has_items", has_items));
    }
    View labels = View::list();
    for (const auto& l : r->indicator_labels) labels.push(View(l));
    v.set("rows", std::move(rows)).set("has_rows", !r->neighbours.empty()).set("labels", std::move(labels));
    v.set("none", msg("ongelijk.similar_none", {std::to_string(r->candidates)}));
    return Response::html(ctx.base.renderer.render_page("ongelijk_vergelijkbaar", v));
}

}  // namespace gezondin::web
