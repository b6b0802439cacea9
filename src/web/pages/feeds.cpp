#include "web/pages/feeds.h"

#include "core/date.h"
#include "domain/taxonomy.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/pages/view_helpers.h"

namespace gezondin::web {

Response atom_feed(const Context& ctx) {
    auto page = ctx.kb.list({}, 0, 50);
    if (!page) return error_response(ctx.request, ctx.renderer, page.error());
    View v = View::object();
    v.set("base_url", ctx.config.base_url);
    std::string newest = page->items.empty() ? core::utc_now_iso8601() : page->items.front().updated_at;
    View entries = View::list();
    for (const auto& item : page->items) {
        if (item.updated_at > newest) newest = item.updated_at;
        entries.push(View::object()
                         .set("title", item.title)
                         .set("path", domain::item_path(item))
                         .set("updated", item.updated_at)
                         .set("type", std::string(domain::to_slug(item.type)))
                         .set("type_label", std::string(domain::label(item.type)))
                         .set("summary", item.summary)
                         .set("base_url", ctx.config.base_url));
    }
    v.set("updated", newest);
    v.set("entries", std::move(entries));
    return Response::text(ctx.renderer.render_fragment("feed", v), "application/atom+xml; charset=utf-8");
}

Response sitemap(const Context& ctx) {
    View urls = View::list();
    auto add = [&](const std::string& path, const std::string& lastmod) {
        urls.push(View::object().set("base_url", ctx.config.base_url).set("path", path).set("lastmod", lastmod));
    };
    for (const char* p : {"/", "/kennisbank", "/themas", "/gala-doelen", "/sporen", "/gemeenten"}) add(p, "");
    for (const auto& t : ctx.kb.taxonomy().themes()) add(theme_url(t.slug), "");
    for (const auto& g : ctx.kb.taxonomy().gala_goals()) add(goal_url(g.number), "");
    for (const auto& t : ctx.kb.taxonomy().tracks()) add(track_url(t.slug), "");
    long offset = 0;
    for (;;) {
        auto page = ctx.kb.list({}, offset, 500);
        if (!page) return error_response(ctx.request, ctx.renderer, page.error());
        for (const auto& item : page->items) add(domain::item_path(item), item.updated_at.substr(0, 10));
        offset += 500;
        if (page->items.size() < 500 || offset >= 50000) break;   // a sitemap holds at most 50,000 URLs
    }
    View v = View::object();
    v.set("urls", std::move(urls));
    return Response::text(ctx.renderer.render_fragment("sitemap", v), "application/xml; charset=utf-8");
}

Response robots_txt(const Context& ctx) {
    return Response::text("User-agent: *\nDisallow: /api/\nAllow: /\nSitemap: " + ctx.config.base_url + "/sitemap.xml\n");
}

}  // namespace gezondin::web
