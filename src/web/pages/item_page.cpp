#include <charconv>
#include <functional>

#include "core/messages.h"
#include "core/text.h"
#include "domain/taxonomy.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/pages/kennisbank_pages.h"
#include "web/pages/view_helpers.h"
#include "web/render/markdown.h"

namespace gezondin::web {

namespace {

constexpr std::string_view demo_prefix = "demo-";

std::optional<domain::ItemId> parse_id(std::string_view id_slug) {
    auto dash = id_slug.find('-');
    auto digits = id_slug.substr(0, dash);
    domain::ItemId id = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || id <= 0) return std::nullopt;
    return id;
}

// A weak validator from what the page shows: the item's last change, the similar items and
// what the page hooks add (comments change without the item changing).
std::string etag_for(const domain::Item& item, const std::vector<search::SearchHit>& similar,
                     const std::string& additions) {
    std::size_t h = std::hash<std::string>{}(item.updated_at + item.title) ^ std::hash<std::string>{}(additions);
    for (const auto& s : similar) h = h * 31 + static_cast<std::size_t>(s.id);
    return "W/\"" + std::to_string(item.id) + "-" + std::to_string(h) + "\"";
}

View terms_view(const domain::Item& item, const domain::Taxonomy& tax, const char* which) {
    View list = View::list();
    std::string w = which;
    if (w == "themes")
        for (const auto& s : item.themes) {
            auto* t = tax.theme(s);
            list.push(View::object().set("url", theme_url(s)).set("label", t ? t->label : s));
        }
    else if (w == "goals")
        for (int g : item.gala_goals) {
            auto* goal = tax.gala_goal(g);
            list.push(View::object().set("url", goal_url(g)).set("label", goal ? std::to_string(g) + ". " + goal->label : std::to_string(g)));
        }
    else
        for (const auto& s : item.tracks) {
            auto* t = tax.track(s);
            list.push(View::object().set("url", track_url(s)).set("label", t ? t->label : s));
        }
    return list;
}

}  // namespace

Response item_page(const Context& ctx, std::string_view id_slug) {
    auto id = parse_id(id_slug);
    if (!id) return error_response(ctx.request, ctx.renderer, core::Error::not_found("Item", std::string(id_slug)));
    auto item = ctx.kb.item(*id);
    if (!item) return error_response(ctx.request, ctx.renderer, item.error());
    auto path = domain::item_path(*item);
    if (ctx.request.path != path) return Response::redirect(path, 301);

    auto similar = ctx.kb.similar(item->id, 4);
    std::vector<search::SearchHit> similar_hits = similar ? *similar : std::vector<search::SearchHit>{};
    std::string aside, below;
    for (const auto& hooks : ctx.config.page_hooks) {
        if (hooks.item_aside) aside += hooks.item_aside(ctx, *item);
        if (hooks.item_below) below += hooks.item_below(ctx, *item);
    }
    auto etag = etag_for(*item, similar_hits, aside + below);
    auto last_modified = core::http_date(item->updated_at);
    if (ctx.request.header("if-none-match").find(etag) != std::string_view::npos) {
        Response r;
        r.status = 304;
        r.set_header("ETag", etag);
        return r;
    }

    const auto& tax = ctx.kb.taxonomy();
    View v = View::object();
    v.set("title", item->title);
    v.set("description", item->summary);
    v.set("type_label", std::string(domain::label(item->type)));
    v.set("date", item->date.to_string());
    v.set("date_label", dutch_date(item->date));
    v.set("summary", item->summary);
    v.set("body_html", markdown_to_html(item->body));
    v.set("fictitious", item->external_id.compare(0, demo_prefix.size(), demo_prefix) == 0);
    v.set("level_label", std::string(domain::label(item->level)));
    if (!item->municipality_code.empty()) {
        View m = View::object().set("url", municipality_url(item->municipality_code))
                               .set("name", ctx.kb.municipality_name(item->municipality_code));
        if (auto mun = ctx.kb.municipality(item->municipality_code)) m.set("province", mun->province_name);
        v.set("municipality", std::move(m));
    }
    for (const char* which : {"themes", "goals", "tracks"}) {
        auto list = terms_view(*item, tax, which);
        v.set(std::string("has_") + which, !list.items().empty());
        v.set(which, std::move(list));
    }
    View links = View::list();
    for (const auto& l : item->links) links.push(View::object().set("url", l.url).set("title", l.title.empty() ? l.url : l.title));
    std::string profile = !item->municipality_code.empty() && ctx.config.area_profile_url
                              ? ctx.config.area_profile_url(item->municipality_code) : std::string();
    if (!profile.empty())
        links.push(View::object().set("url", profile).set("title", core::msg("wijkdata.item_profile_link", {ctx.kb.municipality_name(item->municipality_code)})));
    v.set("has_links", !links.items().empty());
    v.set("links", std::move(links));
    v.set("updated_at", item->updated_at);
    v.set("updated_label", dutch_date(item->updated_at));
    View sim = View::list();
    for (const auto& hit : similar_hits) sim.push(card_view(hit, ctx.kb));
    v.set("hooks_aside", aside);
    v.set("hooks_below", below);
    v.set("has_similar", !similar_hits.empty());
    v.set("similar", std::move(sim));

    auto r = Response::html(ctx.renderer.render_page("item", v));
    r.set_header("ETag", etag);
    if (!last_modified.empty()) r.set_header("Last-Modified", last_modified);
    r.set_header("Cache-Control", "no-cache");
    return r;
}

}  // namespace gezondin::web
