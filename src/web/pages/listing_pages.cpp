#include <charconv>
#include <optional>

#include "core/messages.h"
#include "domain/taxonomy.h"
#include "web/errors.h"
#include "web/http/url.h"
#include "web/app.h"
#include "web/pages/kennisbank_pages.h"
#include "web/pages/view_helpers.h"

namespace gezondin::web {

namespace {

constexpr long page_size = 20;

long page_param(const Request& req) {
    long page = 1;
    auto p = req.param("pagina");
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), page);
    if (ec != std::errc() || ptr != p.data() + p.size() || page < 1 || page > 100000) return 1;
    return page;
}

// Counts per value of one facet over the whole knowledge base.
std::map<std::string, long> facet_counts(services::Kennisbank& kb, search::Facet facet) {
    search::SearchQuery q;
    q.page_size = 1;
    std::map<std::string, long> out;
    if (auto r = kb.search(q)) {
        if (auto it = r->facets.find(facet); it != r->facets.end())
            for (const auto& fc : it->second) out[fc.value] = fc.count;
    }
    return out;
}

// A listing of the items with one facet value, newest first, through the search index.
// `follow`: what the page hooks offer to follow here, if anything.
Response listing(const Context& ctx, search::Facet facet, const std::string& value, std::string heading,
                 std::string intro, std::optional<domain::FollowKind> follow = std::nullopt) {
    search::SearchQuery q;
    q.filters[facet] = {value};
    q.sort = search::SortOrder::Date;
    q.page = page_param(ctx.request);
    q.page_size = page_size;
    auto result = ctx.kb.search(q);
    if (!result) return error_response(ctx.request, ctx.renderer, result.error());
    View v = View::object();
    v.set("title", heading);
    v.set("heading", heading);
    if (!intro.empty()) v.set("intro", intro);
    std::string hooks_html;
    for (const auto& hooks : ctx.config.page_hooks)
        if (follow && hooks.listing) hooks_html += hooks.listing(ctx, *follow, value);
    v.set("hooks_html", hooks_html);
    v.set("search_url", "/kennisbank?" + build_query_string({{search::facet_key(facet), value}}));
    v.set("count_label", result->total == 1 ? std::string(core::msg("search.count_one"))
                                            : core::msg("search.count_many", {std::to_string(result->total)}));
    View items = View::list();
    for (const auto& hit : result->hits) items.push(card_view(hit, ctx.kb));
    v.set("has_items", !result->hits.empty());
    v.set("items", std::move(items));
    v.set("pagination", pagination_view(ctx.request.path, {}, q.page, q.page_size, result->total));
    return Response::html(ctx.renderer.render_page("listing", v));
}

Response terms_page(const Context& ctx, const std::string& heading, const std::string& intro, View terms) {
    View v = View::object();
    v.set("title", heading);
    v.set("heading", heading);
    v.set("intro", intro);
    v.set("terms", std::move(terms));
    return Response::html(ctx.renderer.render_page("terms", v));
}

Response not_found(const Context& ctx, std::string_view what, std::string_view key) {
    return error_response(ctx.request, ctx.renderer, core::Error::not_found(std::string(what), std::string(key)));
}

}  // namespace

Response theme_page(const Context& ctx, std::string_view slug) {
    auto* t = ctx.kb.taxonomy().theme(slug);
    if (!t) return not_found(ctx, "Thema", slug);
    return listing(ctx, search::Facet::Theme, t->slug, core::msg("listing.theme", {t->label}), "", domain::FollowKind::Theme);
}

Response goal_page(const Context& ctx, std::string_view number) {
    int n = 0;
    auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    const auto* g = ec == std::errc() && ptr == number.data() + number.size() ? ctx.kb.taxonomy().gala_goal(n) : nullptr;
    if (!g) return not_found(ctx, "GALA-doel", number);
    return listing(ctx, search::Facet::GalaGoal, std::to_string(n), core::msg("listing.goal", {std::to_string(n), g->label}), "",
                   domain::FollowKind::GalaGoal);
}

Response track_page(const Context& ctx, std::string_view slug) {
    auto* t = ctx.kb.taxonomy().track(slug);
    if (!t) return not_found(ctx, "Spoor", slug);
    return listing(ctx, search::Facet::Track, t->slug, core::msg("listing.track", {t->label}), "");
}

Response municipality_page(const Context& ctx, std::string_view code) {
    auto m = ctx.kb.municipality(std::string(code));
    if (!m) return error_response(ctx.request, ctx.renderer, m.error());
    return listing(ctx, search::Facet::Municipality, m->code, core::msg("listing.municipality", {m->name}),
                   core::msg("listing.municipality_intro", {m->name, m->province_name}), domain::FollowKind::Municipality);
}

Response themes_index(const Context& ctx) {
    auto counts = facet_counts(ctx.kb, search::Facet::Theme);
    View terms = View::list();
    for (const auto& t : ctx.kb.taxonomy().themes())
        terms.push(View::object().set("url", theme_url(t.slug)).set("label", t.label).set("count", counts[t.slug]));
    return terms_page(ctx, std::string(core::msg("listing.themes")), std::string(core::msg("listing.themes_intro")), terms);
}

Response goals_index(const Context& ctx) {
    auto counts = facet_counts(ctx.kb, search::Facet::GalaGoal);
    View terms = View::list();
    for (const auto& g : ctx.kb.taxonomy().gala_goals())
        terms.push(View::object().set("url", goal_url(g.number)).set("label", std::to_string(g.number) + ". " + g.label)
                       .set("count", counts[std::to_string(g.number)]));
    return terms_page(ctx, std::string(core::msg("listing.goals")), std::string(core::msg("listing.goals_intro")), terms);
}

Response tracks_index(const Context& ctx) {
    auto counts = facet_counts(ctx.kb, search::Facet::Track);
    View terms = View::list();
    for (const auto& t : ctx.kb.taxonomy().tracks())
        terms.push(View::object().set("url", track_url(t.slug)).set("label", t.label).set("count", counts[t.slug]));
    return terms_page(ctx, std::string(core::msg("listing.tracks")), std::string(core::msg("listing.tracks_intro")), terms);
}

Response municipalities_index(const Context& ctx) {
    auto counts = facet_counts(ctx.kb, search::Facet::Municipality);
    View terms = View::list();
    for (const auto& [code, count] : counts) {
        auto m = ctx.kb.municipality(code);
        terms.push(View::object().set("url", municipality_url(code)).set("label", m ? m->name : code).set("count", count)
                       .set("detail", m ? m->province_name : std::string()));
    }
    return terms_page(ctx, std::string(core::msg("listing.municipalities")),
                      std::string(core::msg("listing.municipalities_intro")), terms);
}

Response home_page(const Context& ctx) {
    search::SearchQuery q;
    q.sort = search::SortOrder::Date;
    q.page_size = 6;
    auto result = ctx.kb.search(q);
    if (!result) return error_response(ctx.request, ctx.renderer, result.error());
    auto count_of = [&](search::Facet f, const std::string& value) -> long {
        auto it = result->facets.find(f);
        if (it == result->facets.end()) return 0;
        for (const auto& fc : it->second)
            if (fc.value == value) return fc.count;
        return 0;
    };
    const auto& tax = ctx.kb.taxonomy();
    View v = View::object();
    v.set("title", std::string(core::msg("home.title")));
    v.set("description", std::string(core::msg("home.lead")));
    View newest = View::list();
    for (const auto& hit : result->hits) newest.push(card_view(hit, ctx.kb));
    v.set("newest", std::move(newest));
    View goals = View::list(), tracks = View::list(), themes = View::list();
    for (const auto& g : tax.gala_goals())
        goals.push(View::object().set("url", goal_url(g.number)).set("label", std::to_string(g.number) + ". " + g.label)
                       .set("count", count_of(search::Facet::GalaGoal, std::to_string(g.number))));
    for (const auto& t : tax.tracks())
        tracks.push(View::object().set("url", track_url(t.slug)).set("label", t.label).set("count", count_of(search::Facet::Track, t.slug)));
    for (const auto& t : tax.themes())
        themes.push(View::object().set("url", theme_url(t.slug)).set("label", t.label).set("count", count_of(search::Facet::Theme, t.slug)));
    v.set("goals", std::move(goals));
    v.set("tracks", std::move(tracks));
    v.set("themes", std::move(themes));
    return Response::html(ctx.renderer.render_page("home", v));
}

}  // namespace gezondin::web
