#include "web/pages/library_pages.h"

#include <charconv>

#include "core/messages.h"
#include "services/community/accounts.h"
#include "services/community/library.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/pages/view_helpers.h"
#include "web/session.h"

namespace gezondin::web {

struct LibraryPages::Call {
    const Request& request;
    const services::SessionContext* session;   // null: anonymous
    Params form;

    services::Actor actor() const { return session ? session->actor : services::Actor::anonymous(); }
    std::string field(std::string_view name) const { return form_field(form, name); }
};

namespace {

constexpr std::string_view library_path = "/bibliotheek";

std::string notice_text(std::string_view melding) {
    for (std::string_view known : {"bewaard", "verwijderd", "gevolgd", "ontvolgd", "samenvatting-aan", "samenvatting-uit"})
        if (melding == known) return std::string(core::msg("library.notice." + std::string(known)));
    return {};
}

// "?melding=x" for a redirect back to a page.
std::string with_notice(std::string path, std::string_view notice) { return path + "?melding=" + std::string(notice); }

}  // namespace

LibraryPages::LibraryPages(services::Library& library, services::Kennisbank& kb, const Renderer& renderer)
    : m_library(library), m_kb(kb), m_renderer(renderer) {}

bool LibraryPages::handles(std::string_view path) const {
    return path == library_path || (path.starts_with(library_path) && path.substr(library_path.size()).starts_with('/'));
}

void LibraryPages::nav_links(const services::SessionContext&, std::vector<NavLink>& out) const {
    out.push_back({std::string(library_path), std::string(core::msg("library.title"))});
}

void LibraryPages::handle(std::shared_ptr<const Request> request, std::shared_ptr<const services::SessionContext> session,
                          Respond respond) const {
    Call call{*request, session.get(), {}};
    try {
        respond(route(call));
    } catch (const std::exception&) {
        respond(error_page(m_renderer, core::Error::internal(std::string(core::msg("error.internal"))), 500));
    }
}

Response LibraryPages::route(Call& call) const {
    const Request& req = call.request;
    const bool get = req.method == "GET" || req.method == "HEAD";
    auto method_not_allowed = [&](const char* allow) { return web::method_not_allowed(req, m_renderer, allow); };
    const std::string_view path = req.path.size() > 1 && req.path.back() == '/'
                                      ? std::string_view(req.path).substr(0, req.path.size() - 1)
                                      : std::string_view(req.path);
    if (path == library_path) {
        if (!get) return method_not_allowed("GET, HEAD");
        return call.session ? library_page(call) : Response::redirect("/account/inloggen");
    }
    const auto action = path.substr(library_path.size() + 1);
    const bool known = action == "bewaren" || action == "verwijderen" || action == "volgen" || action == "ontvolgen" ||
                       action == "samenvatting";
    if (!known) return error_response(req, m_renderer, core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
    if (req.method != "POST") return method_not_allowed("POST");
    call.form = parse_form(req.body);
    if (!form_token_ok(req, call.form, call.session))
        return error_page(m_renderer, core::Error::forbidden(std::string(core::msg("account.csrf_failed"))), 403);
    if (!call.session) return Response::redirect("/account/inloggen");
    if (action == "bewaren" || action == "verwijderen") return bookmark(call, action == "bewaren");
    if (action == "volgen" || action == "ontvolgen") return follow(call, action == "volgen");
    return digest(call);
}

Response LibraryPages::failure(const core::Error& error) const {
    return error_page(m_renderer, error, http_status(error.code()));
}

Response LibraryPages::bookmark(const Call& call, bool add) const {
    const auto id = positive_id(call.field("item"));
    if (!id) return failure(core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
    auto done = add ? m_library.bookmark(call.actor(), *id) : m_library.remove_bookmark(call.actor(), *id);
    if (!done) return failure(done.error());
    const auto notice = add ? "bewaard" : "verwijderd";
    if (call.field("from") == "bibliotheek") return Response::redirect(with_notice(std::string(library_path), notice));
    auto item = m_kb.item(*id);
    if (!item) return Response::redirect(with_notice(std::string(library_path), notice));
    return Response::redirect(with_notice(domain::item_path(*item), notice) + "#bibliotheek-titel");
}

Response LibraryPages::follow(const Call& call, bool add) const {
    const auto kind = domain::follow_kind_from_slug(call.field("kind"));
    const std::string value = call.field("value");
    if (!kind) return failure(core::Error::invalid_input(std::string(core::msg("community.follow.unknown"))));
    auto done = add ? m_library.follow(call.actor(), *kind, value) : m_library.unfollow(call.actor(), *kind, value);
    if (!done) return failure(done.error());
    const auto notice = add ? "gevolgd" : "ontvolgd";
    if (call.field("from") == "bibliotheek") return Response::redirect(with_notice(std::string(library_path), notice));
    return Response::redirect(with_notice(follow_target(*kind, value), notice));
}

Response LibraryPages::digest(const Call& call) const {
    const bool wanted = call.field("weekly") == "1";
    auto done = m_library.set_weekly_digest(call.actor(), wanted);
    if (!done) return failure(done.error());
    return Response::redirect(with_notice(std::string(library_path), wanted ? "samenvatting-aan" : "samenvatting-uit"));
}

std::string LibraryPages::follow_target(domain::FollowKind kind, const std::string& value) const {
    switch (kind) {
    case domain::FollowKind::Theme: return theme_url(value);
    case domain::FollowKind::GalaGoal: return "/gala-doelen/" + value;
    case domain::FollowKind::Municipality: return municipality_url(value);
    }
    return std::string(library_path);
}

std::string LibraryPages::follow_label(domain::FollowKind kind, const std::string& value) const {
    const auto& tax = m_kb.taxonomy();
    switch (kind) {
    case domain::FollowKind::Theme: {
        const auto* theme = tax.theme(value);
        return core::msg("library.follows.theme", {theme ? theme->label : value});
    }
    case domain::FollowKind::GalaGoal: {
        const auto* goal = value.size() == 1 ? tax.gala_goal(value[0] - '0') : nullptr;
        return core::msg("library.follows.goal", {value, goal ? goal->label : std::string()});
    }
    case domain::FollowKind::Municipality:
        return core::msg("library.follows.municipality", {m_kb.municipality_name(value)});
    }
    return value;
}

Response LibraryPages::library_page(const Call& call) const {
    const auto actor = call.actor();
    auto items = m_library.bookmarks(actor);
    if (!items) return failure(items.error());
    auto follows = m_library.follows(actor);
    if (!follows) return failure(follows.error());
    auto weekly = m_library.weekly_digest(actor);
    if (!weekly) return failure(weekly.error());
    View bookmarks = View::list();
    for (const auto& item : *items)
        bookmarks.push(View::object()
                           .set("id", std::to_string(item.id))
                           .set("url", domain::item_path(item))
                           .set("title", item.title)
                           .set("type_label", std::string(domain::label(item.type)))
                           .set("date_label", dutch_date(item.date)));
    View followed = View::list();
    for (const auto& f : *follows)
        followed.push(View::object()
                          .set("kind", std::string(domain::to_slug(f.kind)))
                          .set("value", f.value)
                          .set("url", follow_target(f.kind, f.value))
                          .set("label", follow_label(f.kind, f.value)));
    View v = View::object();
    v.set("title", std::string(core::msg("library.title")));
    v.set("csrf", call.session->csrf_token);
    v.set("no_bookmarks", bookmarks.empty_list());
    v.set("bookmarks", std::move(bookmarks));
    v.set("no_follows", followed.empty_list());
    v.set("follows", std::move(followed));
    v.set("weekly", *weekly);
    if (auto notice = notice_text(call.request.param("melding")); !notice.empty()) v.set("notice", notice);
    return Response::html(m_renderer.render_page("library_page", v));
}

std::string LibraryPages::bookmark_control(const Context& ctx, const domain::Item& item) const {
    View v = View::object();
    v.set("logged_in", ctx.session != nullptr);
    if (ctx.session) {
        auto marked = m_library.has_bookmark(ctx.session->actor, item.id);
        const bool bookmarked = marked && *marked;
        v.set("csrf", ctx.session->csrf_token);
        v.set("item_id", std::to_string(item.id));
        v.set("bookmarked", bookmarked);
        v.set("action", bookmarked ? "/bibliotheek/verwijderen" : "/bibliotheek/bewaren");
        v.set("button", std::string(core::msg(bookmarked ? "library.bookmark.remove" : "library.bookmark.add")));
        const auto notice = ctx.request.param("melding");
        if (notice == "bewaard" || notice == "verwijderd") v.set("notice", notice_text(notice));
    }
    return m_renderer.render_fragment("library_bookmark", v);
}

std::string LibraryPages::follow_control(const Context& ctx, domain::FollowKind kind, const std::string& value) const {
    const std::string slug(domain::to_slug(kind));
    View v = View::object();
    v.set("logged_in", ctx.session != nullptr);
    v.set("login_text", std::string(core::msg("library.follow.login." + slug)));
    if (ctx.session) {
        auto following = m_library.is_following(ctx.session->actor, kind, value);
        const bool yes = following && *following;
        v.set("csrf", ctx.session->csrf_token);
        v.set("kind", slug);
        v.set("value", value);
        v.set("following", yes);
        v.set("following_text", std::string(core::msg("library.follow.following." + slug)));
        v.set("action", yes ? "/bibliotheek/ontvolgen" : "/bibliotheek/volgen");
        v.set("button", std::string(core::msg(yes ? "library.follow.stop" : "library.follow.start." + slug)));
        const auto notice = ctx.request.param("melding");
        if (notice == "gevolgd" || notice == "ontvolgd") v.set("notice", notice_text(notice));
    }
    return m_renderer.render_fragment("library_follow", v);
}

void add_library_pages(App& app, services::Library& library, services::Kennisbank& kb, const Renderer& renderer) {
    auto pages = std::make_shared<LibraryPages>(library, kb, renderer);
    app.add_module(pages);
    PageHooks hooks;
    hooks.item_aside = [pages](const Context& ctx, const domain::Item& item) { return pages->bookmark_control(ctx, item); };
    hooks.listing = [pages](const Context& ctx, domain::FollowKind kind, const std::string& value) {
        return pages->follow_control(ctx, kind, value);
    };
    app.add_page_hooks(std::move(hooks));
}

}  // namespace gezondin::web
