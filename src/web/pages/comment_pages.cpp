#include "web/pages/comment_pages.h"

#include <charconv>

#include "core/messages.h"
#include "core/text.h"
#include "domain/timestamp.h"
#include "services/community/accounts.h"
#include "services/community/comments.h"
#include "services/community/input_rules.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/pages/view_helpers.h"
#include "web/session.h"

namespace gezondin::web {

struct CommentPages::Call {
    const Request& request;
    const services::SessionContext* session;   // null: anonymous
    Params form;

    services::Actor actor() const { return session ? session->actor : services::Actor::anonymous(); }
    std::string field(std::string_view name) const { return form_field(form, name); }
};

namespace {

constexpr std::string_view queue_path = "/redactie/reacties";
constexpr std::string_view comments_prefix = "/reacties/";

bool may_moderate(const services::Actor& actor) {
    return services::can(actor, services::Action::ModerateComment, services::Target::none());
}

std::string when(domain::Timestamp t) { return dutch_date(domain::to_iso8601(t)); }

std::string notice_text(std::string_view melding) {
    for (std::string_view known : {"geplaatst", "gemeld", "verborgen", "hersteld"})
        if (melding == known) return std::string(core::msg("comments.notice." + std::string(known)));
    return {};
}

std::string flag_count_label(long count) {
    if (count <= 0) return {};
    return count == 1 ? std::string(core::msg("comments.flag_count_one"))
                      : core::msg("comments.flag_count_many", {std::to_string(count)});
}

View comment_view(const services::CommentView& c, const services::Actor& actor, bool editor) {
    const bool hidden = c.comment.hidden.has_value();
    const bool own = actor.user == c.comment.author;
    View v = View::object();
    v.set("id", std::to_string(c.comment.id));
    v.set("author", c.author_name);
    v.set("date", domain::to_iso8601(c.comment.created_at));
    v.set("date_label", when(c.comment.created_at));
    v.set("hidden", hidden);
    v.set("reason", hidden ? c.comment.hidden->reason : std::string());
    v.set("show_text", !hidden);
    v.set("editor_text", hidden && editor);
    v.set("body", c.comment.body);
    v.set("flag_count_label", editor ? flag_count_label(c.comment.flag_count) : std::string());
    v.set("can_flag", actor.logged_in() && !own && !hidden && !c.flagged_by_actor);
    v.set("flagged", !hidden && c.flagged_by_actor);
    v.set("can_hide", editor && !hidden);
    v.set("can_restore", editor && hidden);
    return v;
}

Response redirect_to_login() { return Response::redirect("/account/inloggen"); }

}  // namespace

CommentPages::CommentPages(services::Comments& comments, services::Kennisbank& kb, const Renderer& renderer)
    : m_comments(comments), m_kb(kb), m_renderer(renderer) {}

bool CommentPages::handles(std::string_view path) const {
    return path == queue_path || path.starts_with(comments_prefix);
}

void CommentPages::nav_links(const services::SessionContext& session, std::vector<NavLink>& out) const {
    if (may_moderate(session.actor)) out.push_back({std::string(queue_path), std::string(core::msg("comments.nav.queue"))});
}

void CommentPages::handle(std::shared_ptr<const Request> request, std::shared_ptr<const services::SessionContext> session,
                          Respond respond) const {
    Call call{*request, session.get(), {}};
    try {
        respond(route(call));
    } catch (const std::exception&) {
        respond(error_page(m_renderer, core::Error::internal(std::string(core::msg("error.internal"))), 500));
    }
}

Response CommentPages::route(Call& call) const {
    const Request& req = call.request;
    const bool get = req.method == "GET" || req.method == "HEAD";
    auto method_not_allowed = [&](const char* allow) { return web::method_not_allowed(req, m_renderer, allow); };
    if (req.path == queue_path) {
        if (!get) return method_not_allowed("GET, HEAD");
        return call.session ? queue(call) : redirect_to_login();
    }
    // /reacties/nieuw or /reacties/<id>/<melden|verbergen|herstellen>
    const auto rest = std::string_view(req.path).substr(comments_prefix.size());
    std::optional<std::int64_t> id;
    std::string_view action;
    if (rest != "nieuw") {
        const auto slash = rest.find('/');
        if (slash != std::string_view::npos) {
            id = positive_id(rest.substr(0, slash));
            action = rest.substr(slash + 1);
        }
        if (!id || (action != "melden" && action != "verbergen" && action != "herstellen"))
            return error_response(req, m_renderer, core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
    }
    if (req.method != "POST") return method_not_allowed("POST");
    call.form = parse_form(req.body);
    if (!form_token_ok(req, call.form, call.session))
        return error_page(m_renderer, core::Error::forbidden(std::string(core::msg("account.csrf_failed"))), 403);
    if (!call.session) return redirect_to_login();
    if (!id) return new_comment(call);
    if (action == "melden") return flag(call, *id);
    if (action == "verbergen") return hide(call, *id);
    return restore(call, *id);
}

Response CommentPages::failure(const core::Error& error) const {
    return error_page(m_renderer, error, http_status(error.code()));
}

Response CommentPages::new_comment(const Call& call) const {
    const auto item_id = positive_id(call.field("item"));
    if (!item_id) return failure(core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
    auto item = m_kb.item(*item_id);
    if (!item) return failure(item.error());
    auto added = m_comments.add(call.actor(), item->id, call.field("body"));
    if (!added) {
        if (added.error().code() == core::ErrorCode::InvalidInput)
            return form_again(call, "new", "/reacties/nieuw", item->id, added.error());
        return failure(added.error());
    }
    return Response::redirect(domain::item_path(*item) + "?melding=geplaatst#reactie-" + std::to_string(*added));
}

Response CommentPages::flag(const Call& call, std::int64_t id) const {
    auto item = m_comments.item_of(id);
    if (!item) return failure(item.error());
    auto flagged = m_comments.flag(call.actor(), id, call.field("reason"));
    if (flagged) return back(call, id, "gemeld");
    if (flagged.error().code() == core::ErrorCode::InvalidInput)
        return form_again(call, "flag", "/reacties/" + std::to_string(id) + "/melden", *item, flagged.error());
    return failure(flagged.error());
}

Response CommentPages::hide(const Call& call, std::int64_t id) const {
    auto hidden = m_comments.hide(call.actor(), id, call.field("reason"));
    if (hidden) return back(call, id, "verborgen");
    if (hidden.error().code() != core::ErrorCode::InvalidInput) return failure(hidden.error());
    auto item = m_comments.item_of(id);
    if (!item) return failure(item.error());
    return form_again(call, "hide", "/reacties/" + std::to_string(id) + "/verbergen", *item, hidden.error());
}

Response CommentPages::restore(const Call& call, std::int64_t id) const {
    auto restored = m_comments.restore(call.actor(), id);
    if (!restored) return failure(restored.error());
    return back(call, id, "hersteld");
}

Response CommentPages::back(const Call& call, std::int64_t id, std::string_view notice) const {
    if (call.field("from") == "wachtrij") return Response::redirect(std::string(queue_path) + "?melding=" + std::string(notice));
    auto item_id = m_comments.item_of(id);
    if (!item_id) return failure(item_id.error());
    auto item = m_kb.item(*item_id);
    if (!item) return Response::redirect(std::string(queue_path));   // the item left the kennisbank
    return Response::redirect(domain::item_path(*item) + "?melding=" + std::string(notice) + "#reactie-" + std::to_string(id));
}

Response CommentPages::form_again(const Call& call, std::string_view form, const std::string& action, std::int64_t item_id,
                                  const core::Error& error) const {
    const std::string key = "comments.form." + std::string(form);
    const bool is_new = form == "new";
    const std::string field = is_new ? "body" : "reason";
    std::string reason = error.message();
    for (const auto& p : error.problems())
        if (p.field == field) reason = p.reason;
    std::string value = call.field(field);
    if (!core::is_valid_utf8(value)) value.clear();   // never echo bytes the page cannot carry
    View v = View::object();
    v.set("title", std::string(core::msg(key + ".title")));
    v.set("action", action);
    v.set("csrf", call.session->csrf_token);
    if (is_new) v.set("item_id", std::to_string(item_id));
    if (!call.field("from").empty()) v.set("from", call.field("from") == "wachtrij" ? "wachtrij" : "item");
    v.set("field", field);
    v.set("field_id", "reactie-veld");
    v.set("label", std::string(core::msg(key + ".label")));
    v.set("button", std::string(core::msg(key + ".button")));
    v.set("max", std::to_string(is_new ? services::max_comment_bytes : services::max_reason_bytes));
    v.set("value", value);
    v.set("error", reason);
    if (auto item = m_kb.item(item_id)) {
        v.set("item_url", domain::item_path(*item));
        v.set("item_title", item->title);
    }
    return Response::html(m_renderer.render_page("comment_form", v), http_status(error.code()));
}

Response CommentPages::queue(const Call& call) const {
    auto comments = m_comments.moderation_queue(call.actor());
    if (!comments) return failure(comments.error());
    View list = View::list();
    for (const auto& c : *comments) {
        View v = comment_view(c, call.actor(), true);
        if (auto item = m_kb.item(c.comment.item)) {
            v.set("item_url", domain::item_path(*item));
            v.set("item_title", item->title);
        } else {
            v.set("item_title", std::string(core::msg("comments.queue.item_gone")));
        }
        View flags = View::list();
        if (auto found = m_comments.flags(call.actor(), c.comment.id))
            for (const auto& f : *found)
                flags.push(View::object()
                               .set("date", domain::to_iso8601(f.created_at))
                               .set("date_label", when(f.created_at))
                               .set("reason", f.reason.empty() ? std::string(core::msg("comments.queue.no_reason")) : f.reason));
        v.set("flags", std::move(flags));
        list.push(std::move(v));
    }
    View v = View::object();
    v.set("title", std::string(core::msg("comments.queue.title")));
    v.set("csrf", call.session->csrf_token);
    v.set("empty", list.empty_list());
    v.set("comments", std::move(list));
    if (auto notice = notice_text(call.request.param("melding")); !notice.empty()) v.set("notice", notice);
    return Response::html(m_renderer.render_page("comment_queue", v));
}

std::string CommentPages::item_section(const Context& ctx, const domain::Item& item) const {
    const services::Actor actor = ctx.session ? ctx.session->actor : services::Actor::anonymous();
    const bool editor = may_moderate(actor);
    View v = View::object();
    v.set("item_id", std::to_string(item.id));
    v.set("logged_in", ctx.session != nullptr);
    if (ctx.session) {
        v.set("csrf", ctx.session->csrf_token);
        if (auto notice = notice_text(ctx.request.param("melding")); !notice.empty()) v.set("notice", notice);
    }
    auto comments = m_comments.for_page(actor, item.id);
    if (!comments) {
        v.set("unavailable", true);
        return m_renderer.render_fragment("comment_section", v);
    }
    View list = View::list();
    long visible = 0;
    for (const auto& c : *comments) {
        list.push(comment_view(c, actor, editor));
        if (!c.comment.hidden) ++visible;
    }
    v.set("count_label", visible == 1 ? std::string(core::msg("comments.count_one"))
                                      : core::msg("comments.count_many", {std::to_string(visible)}));
    v.set("empty", list.empty_list());
    v.set("has_comments", !list.empty_list());
    v.set("comments", std::move(list));
    return m_renderer.render_fragment("comment_section", v);
}

void add_comment_pages(App& app, services::Comments& comments, services::Kennisbank& kb, const Renderer& renderer) {
    auto pages = std::make_shared<CommentPages>(comments, kb, renderer);
    app.add_module(pages);
    PageHooks hooks;
    hooks.item_below = [pages](const Context& ctx, const domain::Item& item) { return pages->item_section(ctx, item); };
    hooks.generation = [&comments] { return comments.generation(); };
    app.add_page_hooks(std::move(hooks));
}

}  // namespace gezondin::web
