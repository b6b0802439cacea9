// Ongelijk investeren: the allocation page with its CSV and XLSX downloads, and the API.

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "web/errors.h"
#include "web/pages/ongelijk_common.h"
#include "web/pages/ongelijk_pages.h"
#include "web/render/table_export.h"

namespace gezondin::web {

namespace {

using namespace ongelijk;

std::string msg(std::string_view key, std::initializer_list<std::string_view> args = {}) {
    return args.size() ? core::msg(key, args) : std::string(core::msg(key));
}

std::string money(double euros) { return "\xE2\x82\xAC\xC2\xA0" + number(euros, 2); }

// The formula with the numbers of the area with the most need (before floors, caps and cents).
std::string example(const Prepared& p, const services::AllocationOutcome& o) {
    const auto& a = p.choices.allocation;
    const auto& pop = p.data.population;
    std::size_t best = pop.size();
    double sum_n = 0, sum_ng = 0;
    for (std::size_t i = 0; i < pop.size(); ++i) {
        if (!(pop[i] > 0)) continue;
        bool known = !std::isnan(o.need[i]);
        if (!known && a.missing_need == stats::MissingNeedRule::Exclude) continue;
        sum_n += pop[i];
        if (known) sum_ng += pop[i] * std::pow(o.need[i], a.proportionality);
        if (known && (best == pop.size() || o.index.result.rank[i] < o.index.result.rank[best])) best = i;
    }
    if (best == pop.size() || sum_n <= 0) return "";
    double budget = p.choices.budget_euros;
    double universal = a.universal_share * budget * pop[best] / sum_n;
    double targeted = sum_ng > 0 ? (1 - a.universal_share) * budget * pop[best] * std::pow(o.need[best], a.proportionality) / sum_ng : 0;
    double final_euros = static_cast<double>(o.result.cents[best]) / 100;
    const auto& name = p.data.areas[best].name;
    auto people = number(pop[best], 0), need = number(o.need[best], 3);
    return msg("ongelijk.example", {name, people, need, number(100 * a.universal_share, 1), money(budget), number(sum_n, 0),
                                    money(universal)}) +
           " " + msg("ongelijk.example_targeted", {number(100 * (1 - a.universal_share), 1), money(budget), people, need,
                                                   number(a.proportionality, 2), number(sum_ng, 1), money(targeted),
                                                   money(universal + targeted)}) +
           " " + msg("ongelijk.example_final", {name, money(final_euros), money(o.result.euros_per_inhabitant[best])});
}

std::vector<std::vector<std::string>> table(const Prepared& p, const services::AllocationOutcome& o) {
    std::vector<std::vector<std::string>> out;
    out.push_back({"code", "naam", "inwoners", "behoefte", "rang", "euro", "euro_per_inwoner"});
    for (std::size_t i = 0; i < p.data.areas.size(); ++i) {
        double n = p.data.population[i];
        out.push_back({p.data.areas[i].code, p.data.areas[i].name, std::isnan(n) ? "" : plain(n),
                       std::isnan(o.need[i]) ? "" : plain(o.need[i]), std::to_string(o.index.result.rank[i]),
                       euros_plain(o.result.cents[i]), plain(o.result.euros_per_inhabitant[i])});
    }
    return out;
}


Response download(const OngelijkContext& ctx, const Prepared& p, const services::AllocationOutcome& o, std::string_view file) {
    auto rows = table(p, o);
    std::string name = "verdeling-" + p.data.gemeente.code + "-" + std::to_string(p.data.year) + "." + std::string(file);
    Response r;
    if (file == "csv") {
        r = Response::text(table_to_csv({rows, {}, {}}), "text/csv; charset=utf-8");
    } else {
        auto bytes = table_to_xlsx({rows, p.data.fictitious ? msg("wijkdata.fictitious_short") : std::string(),
                                     [](std::size_t column) { return column >= 2; }},
                                    "Verdeling");
        if (!bytes) return error_response(ctx.base.request, ctx.base.renderer, bytes.error());
        r = Response::text(std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
    r.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return r;
}

View area_list(const Prepared& p, const std::vector<std::size_t>& rows) {
    View list = View::list();
    for (auto i : rows) list.push(View::object().set("name", p.data.areas[i].name).set("code", p.data.areas[i].code).set("url", area_url(p, i)));
    return list;
}

// The index query plus the allocation settings: the link of this allocation.
std::string allocation_query(const Prepared& p) {
    const auto& a = p.choices.allocation;
    return p.query + "&budget=" + plain(p.choices.budget_euros) + "&universeel=" + plain(100 * a.universal_share) +
           "&proportionaliteit=" + plain(a.proportionality) + "&vloer=" + plain(a.floor_per_inhabitant) +
           "&plafond=" + plain(a.cap_per_inhabitant) + "&zonder_behoefte=" +
           (a.missing_need == stats::MissingNeedRule::UniversalOnly ? "universeel" : "uitsluiten");
}

void result_view(View& v, const Prepared& p, const services::AllocationOutcome& o) {
    View rows = View::list();
    std::int64_t total = 0;
    double people = 0;
    for (std::size_t i = 0; i < p.data.areas.size(); ++i) {
        total += o.result.cents[i];
        double n = p.data.population[i];
        if (n > 0) people += n;
        rows.push(View::object().set("name", p.data.areas[i].name).set("code", p.data.areas[i].code).set("url", area_url(p, i))
                      .set("population", std::isnan(n) ? msg("ongelijk.unknown") : number(n, 0))
                      .set("need", std::isnan(o.need[i]) ? msg("ongelijk.unknown") : number(o.need[i], 3))
                      .set("euros", euros(o.result.cents[i])).set("per_inhabitant", number(o.result.euros_per_inhabitant[i], 2)));
    }
    v.set("has_result", true).set("rows", std::move(rows)).set("total", euros(total)).set("total_population", number(people, 0));
    v.set("example", example(p, o)).set("has_example", !example(p, o).empty());
    v.set("missing_need", area_list(p, o.result.missing_need)).set("has_missing_need", !o.result.missing_need.empty());
    v.set("missing_rule", msg(p.choices.allocation.missing_need == stats::MissingNeedRule::UniversalOnly ? "ongelijk.rule.universal_text"
                                                                                                      : "ongelijk.rule.exclude_text"));
    v.set("no_population", area_list(p, o.result.no_population)).set("has_no_population", !o.result.no_population.empty());
    std::vector<double> per(o.result.euros_per_inhabitant.size());
    for (std::size_t i = 0; i < per.size(); ++i) per[i] = p.data.population[i] > 0 ? o.result.euros_per_inhabitant[i] : NAN;
    std::string title = msg("ongelijk.map_allocation", {p.data.gemeente.name, std::to_string(p.data.year)});
    auto map = area_map(p, per, title, "euro", 2, "verdeling");
    v.set("map", map).set("has_map", !map.empty());
    std::string q = "?" + allocation_query(p);
    v.set("csv_url", "/ongelijk-investeren/verdeling.csv" + q).set("xlsx_url", "/ongelijk-investeren/verdeling.xlsx" + q);
    v.set("budget_text", money(p.choices.budget_euros)).set("universal_text", number(100 * p.choices.allocation.universal_share, 1));
}

}  // namespace

Response ongelijk_verdeling(const OngelijkContext& ctx, std::string_view file) {
    auto p = prepare(ctx);
    if (!p) return error_response(ctx.base.request, ctx.base.renderer, p.error());
    if (!file.empty() && p->input_error) return error_response(ctx.base.request, ctx.base.renderer, *p->input_error);
    View v = page_view(ctx, *p, Page::Verdeling, msg("ongelijk.verdeling"));
    if (p->input_error) return render(ctx, *p, "ongelijk_verdeling", v);
    auto o = ctx.ongelijk.allocation(p->data, p->choices.index, p->choices.allocation);
    if (!o) {
        if (!file.empty()) return error_response(ctx.base.request, ctx.base.renderer, o.error());
        v.set("error", o.error().message()).set("has_error", true);
        return render(ctx, *p, "ongelijk_verdeling", v);
    }
    if (!file.empty()) return download(ctx, *p, *o, file);
    result_view(v, *p, *o);
    v.set("scenario_box", scenario_box(ctx, p->data.gemeente.code, allocation_query(*p)));
    return render(ctx, *p, "ongelijk_verdeling", v);
}

Response api_ongelijk(const OngelijkContext& ctx, std::string_view name) {
    const auto& req = ctx.base.request;
    auto format = req.param("format");
    if (name != "kansenindex" && name != "verdeling") return error_response(req, ctx.base.renderer, core::Error(core::ErrorCode::NotFound, msg("error.not_found")));
    if (!format.empty() && format != "json" && format != "csv") return problem_response(core::Error::invalid_input(msg("wijkdata.bad_format")), 400);
    auto p = prepare(ctx);
    if (!p) return problem_response(p.error(), http_status(p.error().code()));
    if (p->input_error) return problem_response(*p->input_error, 400);
    nlohmann::json j = {{"gemeente", p->data.gemeente.code}, {"naam", p->data.gemeente.name}, {"jaar", p->data.year},
                        {"niveau", p->data.level == stats::AreaLevel::Wijk ? "wijk" : "buurt"}, {"fictief", p->data.fictitious},
                        {"query", p->query}};
    auto number_or_null = [](double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); };
    std::vector<std::vector<std::string>> rows;
    if (name == "kansenindex") {
        auto r = ctx.ongelijk.need_index(p->data, p->choices.index);
        if (!r) return problem_response(r.error(), http_status(r.error().code()));
        rows.push_back({"code", "naam", "score", "rang", "deciel"});
        auto& areas = j["gebieden"] = nlohmann::json::array();
        for (std::size_t i = 0; i < p->data.areas.size(); ++i) {
            const auto& res = r->result;
            areas.push_back({{"code", p->data.areas[i].code}, {"naam", p->data.areas[i].name}, {"score", number_or_null(res.score[i])},
                             {"rang", res.rank[i]}, {"deciel", res.decile[i]}});
            rows.push_back({p->data.areas[i].code, p->data.areas[i].name, std::isnan(res.score[i]) ? "" : plain(res.score[i]),
                            std::to_string(res.rank[i]), std::to_string(res.decile[i])});
        }
    } else {
        auto o = ctx.ongelijk.allocation(p->data, p->choices.index, p->choices.allocation);
        if (!o) return problem_response(o.error(), http_status(o.error().code()));
        rows = table(*p, *o);
        j["budget"] = p->choices.budget_euros;
        j["afronding"] = msg("ongelijk.rounding");
        auto& areas = j["gebieden"] = nlohmann::json::array();
        for (std::size_t i = 0; i < p->data.areas.size(); ++i)
            areas.push_back({{"code", p->data.areas[i].code}, {"naam", p->data.areas[i].name},
                             {"inwoners", number_or_null(p->data.population[i])}, {"behoefte", number_or_null(o->need[i])},
                             {"euro_centen", o->result.cents[i]}, {"euro_per_inwoner", o->result.euros_per_inhabitant[i]}});
        auto codes = [&](const std::vector<std::size_t>& list) {
            auto a = nlohmann::json::array();
            for (auto i : list) a.push_back(p->data.areas[i].code);
            return a;
        };
        j["zonder_behoefte"] = codes(o->result.missing_need);
        j["zonder_inwoners"] = codes(o->result.no_population);
    }
    if (format == "csv") return Response::text(table_to_csv({rows, {}, {}}), "text/csv; charset=utf-8");
    return Response::json(j.dump());
}

}  // namespace gezondin::web
