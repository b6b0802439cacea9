// Ongelijk investeren: saved scenarios for members (save, list, open, delete) and two
// scenarios side by side.

#include <cmath>
#include <ctime>

#include "core/messages.h"
#include "services/community/accounts.h"
#include "web/errors.h"
#include "web/http/url.h"
#include "web/pages/ongelijk_common.h"
#include "web/pages/ongelijk_pages.h"
#include "web/pages/view_helpers.h"
#include "web/session.h"

namespace gezondin::web {

namespace {

using namespace ongelijk;

constexpr std::string_view list_path = "/ongelijk-investeren/scenarios";

std::string msg(std::string_view key, std::initializer_list<std::string_view> args = {}) {
    return args.size() ? core::msg(key, args) : std::string(core::msg(key));
}

Response fail(const OngelijkContext& ctx, const core::Error& e) { return error_response(ctx.base.request, ctx.base.renderer, e); }

std::string saved_on(std::int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char iso[16];
    std::strftime(iso, sizeof iso, "%Y-%m-%d", &utc);
    return dutch_date(std::string_view(iso));
}

// Notices after a redirect: the query names one, never carries text.
std::string notice(std::string_view melding) {
    if (melding == "bewaard") return msg("ongelijk.scenario.saved");
    if (melding == "verwijderd") return msg("ongelijk.scenario.deleted");
    return {};
}

Response list_page(const OngelijkContext& ctx, const core::Error* error) {
    const auto* session = ctx.base.session.get();
    auto scenarios = ctx.scenarios->list(session->actor);
    if (!scenarios) return fail(ctx, scenarios.error());
    auto token = form_token(ctx.base.request, session);
    View rows = View::list(), choices_a = View::list(), choices_b = View::list();
    std::size_t n = 0;
    for (const auto& s : *scenarios) {
        std::string id = std::to_string(s.id);
        rows.push(View::object().set("id", id).set("name", s.name).set("gemeente", ctx.base.kb.municipality_name(s.gemeente))
                      .set("saved", saved_on(s.updated_at)).set("open_url", std::string(list_path) + "/" + id)
                      .set("delete_url", std::string(list_path) + "/" + id + "/verwijderen").set("csrf", token.value));
        choices_a.push(View::object().set("value", id).set("label", s.name).set("selected", n == 1));
        choices_b.push(View::object().set("value", id).set("label", s.name).set("selected", n == 0));
        ++n;
    }
    View v = View::object();
    v.set("title", msg("ongelijk.scenario.title")).set("rows", std::move(rows)).set("has_rows", n > 0);
    v.set("can_compare", n >= 2).set("choices_a", std::move(choices_a)).set("choices_b", std::move(choices_b));
    if (auto text = notice(ctx.base.request.param("melding")); !text.empty()) v.set("notice", text);
    if (error) v.set("error", error->message());
    auto r = Response::html(ctx.base.renderer.render_page("ongelijk_scenarios", v));
    if (error) r.status = http_status(error->code());
    return r;
}

Response save(const OngelijkContext& ctx, const Params& form) {
    const auto& actor = ctx.base.session->actor;
    auto id = ctx.scenarios->save(actor, form_field(form, "naam"), form_field(form, "gemeente"), form_field(form, "instellingen"));
    if (!id) return list_page(ctx, &id.error());
    return Response::redirect(std::string(list_path) + "?melding=bewaard");
}

Response remove(const OngelijkContext& ctx, std::int64_t id) {
    if (auto ok = ctx.scenarios->remove(ctx.base.session->actor, id); !ok) return fail(ctx, ok.error());
    return Response::redirect(std::string(list_path) + "?melding=verwijderd");
}

core::Error unknown_scenario(std::string_view text) {
    return core::Error::not_found(msg("ongelijk.scenario.thing"), std::string(text));
}

// A scenario computed as the allocation page would: its settings read from its own query.
struct Computed {
    storage::Scenario scenario;
    Prepared prepared;
    std::optional<services::AllocationOutcome> outcome;
    std::string problem;  // why there is no outcome
};

core::Result<Computed> compute(const OngelijkContext& ctx, std::string_view id_text) {
    auto id = positive_id(id_text);
    if (!id) return core::fail(unknown_scenario(id_text));
    auto s = ctx.scenarios->get(ctx.base.session->actor, *id);
    if (!s) return core::fail(s.error());
    Request req;
    req.method = "GET";
    req.path = "/ongelijk-investeren/verdeling";
    req.target = req.path + "?" + s->query;
    req.query = parse_query_string(s->query).value_or(Params{});
    Context base{ctx.base.kb, ctx.base.renderer, ctx.base.config, req, ctx.base.session};
    OngelijkContext sub{base, ctx.wd, ctx.ongelijk, ctx.scenarios};
    auto p = prepare(sub);
    if (!p) return core::fail(p.error());
    Computed c{std::move(*s), std::move(*p), std::nullopt, {}};
    if (c.prepared.input_error) {
        c.problem = c.prepared.input_error->message();
        return c;
    }
    auto o = ctx.ongelijk.allocation(c.prepared.data, c.prepared.choices.index, c.prepared.choices.allocation);
    if (o) c.outcome = std::move(*o);
    else c.problem = o.error().message();
    return c;
}

std::string indicators_text(const Prepared& p) {
    std::string out;
    for (const auto& c : p.choices.index.indicators) {
        std::string label = c.key;
        for (const auto& m : p.data.indicators)
            if (m.key == c.key) label = m.label;
        out += (out.empty() ? "" : "; ") + label + " (" + msg(c.direction == stats::Direction::HigherIsWorse ? "ongelijk.dir.worse_short"
                                                                                                         : "ongelijk.dir.better_short") +
               ", " + msg("ongelijk.scenario.weight") + " " + number(c.weight, 2) + ")";
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> settings(const Computed& c) {
    const auto& p = c.prepared;
    const auto& s = p.choices.index.spec;
    const auto& a = p.choices.allocation;
    auto yes_no = [](bool b) { return msg(b ? "ongelijk.scenario.yes" : "ongelijk.scenario.no"); };
    return {
        {msg("wijkdata.gemeente"), p.data.gemeente.name + " (" + p.data.gemeente.code + ")"},
        {msg("ongelijk.scenario.year"), std::to_string(p.data.year)},
        {msg("ongelijk.scenario.level"), services::level_label(p.data.level)},
        {msg("ongelijk.scenario.indicators"), indicators_text(p)},
        {msg("ongelijk.scenario.normalisation"), msg(s.normalisation == stats::Normalisation::ZScore ? "ongelijk.norm.z"
                                                     : s.normalisation == stats::Normalisation::MinMax ? "ongelijk.norm.minmax"
                                                                                                       : "ongelijk.norm.pct")},
        {msg("ongelijk.scenario.aggregation"), msg(s.aggregation == stats::Aggregation::ArithmeticMean ? "ongelijk.agg.arith" : "ongelijk.agg.geo")},
        {msg("ongelijk.scenario.population_weighted"), yes_no(s.population_weighted)},
        {msg("ongelijk.scenario.exponential"), yes_no(s.rank_transform == stats::RankTransform::Exponential)},
        {msg("ongelijk.scenario.budget"), "\xE2\x82\xAC\xC2\xA0" + number(p.choices.budget_euros, 2)},
        {msg("ongelijk.universal"), number(100 * a.universal_share, 1)},
        {msg("ongelijk.scenario.proportionality"), number(a.proportionality, 2)},
        {msg("ongelijk.scenario.floor"), number(a.floor_per_inhabitant, 2)},
        {msg("ongelijk.scenario.cap"), number(a.cap_per_inhabitant, 2)},
        {msg("ongelijk.scenario.missing_need"), msg(a.missing_need == stats::MissingNeedRule::UniversalOnly ? "ongelijk.rule.universal"
                                                                                                          : "ongelijk.rule.exclude")},
    };
}

bool same_areas(const Computed& a, const Computed& b) {
    const auto& x = a.prepared.data;
    const auto& y = b.prepared.data;
    if (x.gemeente.code != y.gemeente.code || x.year != y.year || x.level != y.level || x.areas.size() != y.areas.size()) return false;
    for (std::size_t i = 0; i < x.areas.size(); ++i)
        if (x.areas[i].code != y.areas[i].code) return false;
    return true;
}

std::string signed_euros(std::int64_t cents) { return (cents > 0 ? "+" : cents < 0 ? "\xE2\x88\x92" : "") + euros(cents < 0 ? -cents : cents); }

View area_rows(const Computed& a, const Computed& b, std::int64_t totals[3]) {
    View rows = View::list();
    for (std::size_t i = 0; i < a.prepared.data.areas.size(); ++i) {
        std::int64_t ea = a.outcome->result.cents[i], eb = b.outcome->result.cents[i];
        totals[0] += ea, totals[1] += eb, totals[2] += eb - ea;
        rows.push(View::object().set("name", a.prepared.data.areas[i].name).set("code", a.prepared.data.areas[i].code)
                      .set("url", area_url(a.prepared, i)).set("a", euros(ea)).set("b", euros(eb)).set("difference", signed_euros(eb - ea)));
    }
    return rows;
}

Response compare_page(const OngelijkContext& ctx) {
    const auto& req = ctx.base.request;
    auto a = compute(ctx, req.param("a"));
    if (!a) return fail(ctx, a.error());
    auto b = compute(ctx, req.param("b"));
    if (!b) return fail(ctx, b.error());
    View v = View::object();
    v.set("title", msg("ongelijk.scenario.compare_title", {a->scenario.name, b->scenario.name}));
    v.set("name_a", a->scenario.name).set("name_b", b->scenario.name);
    View rows = View::list();
    auto sa = settings(*a), sb = settings(*b);
    for (std::size_t i = 0; i < sa.size(); ++i)
        rows.push(View::object().set("label", sa[i].first).set("a", sa[i].second).set("b", sb[i].second).set("differs", sa[i].second != sb[i].second));
    v.set("settings", std::move(rows));
    v.set("open_a", std::string(list_path) + "/" + std::to_string(a->scenario.id))
        .set("open_b", std::string(list_path) + "/" + std::to_string(b->scenario.id));
    v.set("fictitious", a->prepared.data.fictitious || b->prepared.data.fictitious);
    std::string problem = !a->problem.empty() ? a->scenario.name + ": " + a->problem
                          : !b->problem.empty() ? b->scenario.name + ": " + b->problem : "";
    if (!problem.empty()) {
        v.set("problem", problem);
    } else if (!same_areas(*a, *b)) {
        v.set("problem", msg("ongelijk.scenario.not_same_areas"));
    } else {
        std::int64_t totals[3] = {0, 0, 0};
        v.set("has_areas", true).set("areas", area_rows(*a, *b, totals)).set("level_label", services::level_label(a->prepared.data.level));
        v.set("total_a", euros(totals[0])).set("total_b", euros(totals[1])).set("total_difference", signed_euros(totals[2]));
    }
    return Response::html(ctx.base.renderer.render_page("ongelijk_scenario_vergelijk", v));
}

}  // namespace

std::string scenario_box(const OngelijkContext& ctx, const std::string& gemeente, const std::string& query) {
    if (!ctx.scenarios) return "";
    View v = View::object();
    if (const auto* session = ctx.base.session.get()) {
        v.set("logged_in", true).set("csrf", form_token(ctx.base.request, session).value).set("gemeente", gemeente).set("query", query);
    }
    return ctx.base.renderer.render_fragment("ongelijk_scenario_box", v);
}

Response ongelijk_scenarios(const OngelijkContext& ctx, const std::vector<std::string_view>& seg) {
    const auto& req = ctx.base.request;
    auto not_found = [&] { return fail(ctx, core::Error(core::ErrorCode::NotFound, msg("error.not_found"))); };
    if (!ctx.scenarios) return not_found();
    if (!ctx.base.session) return Response::redirect("/account/inloggen");
    bool post = req.method == "POST";
    if (post) {
        auto form = parse_form(req.body);
        if (!form_token_ok(req, form, ctx.base.session))
            return error_response(req, ctx.base.renderer, core::Error(core::ErrorCode::Forbidden, msg("ongelijk.scenario.csrf")), 403);
        if (seg.size() == 2) return save(ctx, form);
        if (seg.size() == 4 && seg[3] == "verwijderen") {
            auto id = positive_id(seg[2]);
            return id ? remove(ctx, *id) : fail(ctx, unknown_scenario(seg[2]));
        }
        return not_found();
    }
    if (seg.size() == 2) return list_page(ctx, nullptr);
    if (seg.size() == 3 && seg[2] == "vergelijk") return compare_page(ctx);
    if (seg.size() == 3) {
        auto id = positive_id(seg[2]);
        if (!id) return fail(ctx, unknown_scenario(seg[2]));
        auto s = ctx.scenarios->get(ctx.base.session->actor, *id);
        if (!s) return fail(ctx, s.error());
        return Response::redirect("/ongelijk-investeren/verdeling?" + s->query);
    }
    return not_found();
}

}  // namespace gezondin::web
