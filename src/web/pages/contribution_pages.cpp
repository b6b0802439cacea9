#include "web/pages/contribution_pages.h"

#include <array>
#include <charconv>
#include <ctime>

#include "core/messages.h"
#include "core/text.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/http/multipart.h"
#include "web/pages/contribution_internal.h"
#include "web/pages/view_helpers.h"
#include "web/render/markdown.h"
#include "web/session.h"

namespace gezondin::web {

using namespace contribution_detail;

namespace {

using Handler = Response (*)(const ContributionCall&, std::int64_t);

// A route: path segments where "#" stands for a positive id, and its handlers.
struct Route {
    std::string_view pattern;
    Handler get = nullptr;
    Handler post = nullptr;
};

const Route routes[] = {
    {"bijdragen", [](const ContributionCall& c, std::int64_t) { return my_contributions(c); }, nullptr},
    {"bijdragen/nieuw", [](const ContributionCall& c, std::int64_t) { return new_form(c); },
     [](const ContributionCall& c, std::int64_t) { return new_submit(c); }},
    {"bijdragen/#", contribution_page, nullptr},
    {"bijdragen/#/bewerken", edit_form, edit_submit},
    {"bijdragen/#/indienen", nullptr, submit_for_review},
    {"bijdragen/#/versies", versions_page, nullptr},
    {"bijdragen/#/verschil", diff_page, nullptr},
    {"bijlagen/toevoegen", nullptr, [](const ContributionCall& c, std::int64_t) { return upload_submit(c); }},
    {"bijlagen/#", download, nullptr},
    {"bijlagen/#/verwijderen", nullptr, remove_attachment_submit},
    {"redactie", [](const ContributionCall& c, std::int64_t) { return review_queue(c); }, nullptr},
    {"redactie/#", review_page, nullptr},
    {"redactie/#/publiceren", nullptr, publish_submit},
    {"redactie/#/terugsturen", nullptr, return_submit},
};

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    for (auto s : core::split(path, '/'))
        if (!s.empty()) out.push_back(s);
    return out;
}

// True when `seg` fits `pattern`; `id` gets the value of its "#".
bool matches(std::string_view pattern, const std::vector<std::string_view>& seg, std::int64_t& id) {
    auto parts = core::split(pattern, '/');
    if (parts.size() != seg.size()) return false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i] == "#") {
            auto parsed = positive_id(seg[i]);
            if (!parsed) return false;
            id = *parsed;
        } else if (parts[i] != seg[i]) {
            return false;
        }
    }
    return true;
}

Response not_found(const ContributionCall& call) {
    return error_response(call.request, call.deps.renderer,
                          core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
}

Response method_not_allowed(const ContributionCall& call, const Route& route) {
    return web::method_not_allowed(call.request, call.deps.renderer, allowed_methods(route.get, route.post));
}

// Reads the POST body into call.form (and call.upload); an error for a body that is not a form.
core::Status read_form(ContributionCall& call, std::size_t max_file_bytes) {
    const auto type = call.request.header("content-type");
    if (!multipart_boundary(type)) {
        call.form = parse_form(call.request.body);
        return {};
    }
    MultipartLimits limits;
    limits.max_file_bytes = max_file_bytes;
    auto parts = parse_multipart(type, call.request.body, limits);
    if (!parts) return core::fail(parts.error());
    for (auto& part : *parts) {
        if (!part.is_file) call.form.emplace_back(part.name, std::move(part.data));
        else if (!call.upload && (!part.filename.empty() || !part.data.empty()))
            call.upload = services::Upload{std::move(part.filename), std::move(part.data)};
    }
    return {};
}

Response route_call(ContributionCall& call) {
    const Request& req = call.request;
    const auto seg = segments(req.path);
    std::int64_t id = 0;
    const Route* route = nullptr;
    for (const auto& r : routes)
        if (matches(r.pattern, seg, id)) {
            route = &r;
            break;
        }
    if (!route) return not_found(call);
    const bool get = req.method == "GET" || req.method == "HEAD";
    if (get && route->get) {
        if (!call.session && route->get != download) return Response::redirect("/account/inloggen");
        return route->get(call, id);
    }
    if (req.method != "POST" || !route->post) return method_not_allowed(call, *route);
    // The App limits the body; the parser may take all of it.
    if (auto read = read_form(call, req.body.size() + 1); !read)
        return error_page(call.deps.renderer, read.error(), http_status(read.error().code()));
    if (!form_token_ok(req, call.form, call.session))
        return error_page(call.deps.renderer, core::Error::forbidden(std::string(core::msg("account.csrf_failed"))), 403);
    if (!call.session) return Response::redirect("/account/inloggen");
    return route->post(call, id);
}

}  // namespace

namespace contribution_detail {

// ---- ContributionCall ----------------------------------------------------------------------

std::string ContributionCall::field(std::string_view name) const { return form_field(form, name); }

std::vector<std::string> ContributionCall::fields(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : form)
        if (k == name) out.push_back(v);
    return out;
}

services::Actor ContributionCall::actor() const { return session ? session->actor : services::Actor::anonymous(); }

}  // namespace contribution_detail

// ---- the module ----------------------------------------------------------------------------

ContributionPages::ContributionPages(services::Contributions& contributions, services::Attachments& attachments,
                                     services::Kennisbank& kb, const Renderer& renderer)
    : m_deps(std::make_unique<ContributionDeps>(ContributionDeps{contributions, attachments, kb, renderer})) {}

ContributionPages::~ContributionPages() = default;

bool ContributionPages::handles(std::string_view path) const {
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    if (path == "/bijdragen" || path.starts_with("/bijdragen/") || path.starts_with("/bijlagen/") || path == "/redactie")
        return true;
    // /redactie/<id>...: other parts own other pages under /redactie (e.g. /redactie/reacties).
    if (!path.starts_with("/redactie/")) return false;
    auto rest = path.substr(10);
    return positive_id(rest.substr(0, rest.find('/'))).has_value();
}

void ContributionPages::handle(std::shared_ptr<const Request> request,
                               std::shared_ptr<const services::SessionContext> session, Respond respond) const {
    ContributionCall call{*m_deps, *request, session.get(), {}, std::nullopt};
    try {
        respond(route_call(call));
    } catch (const std::exception&) {
        respond(error_page(m_deps->renderer, core::Error::internal(std::string(core::msg("error.internal"))), 500));
    }
}

void ContributionPages::nav_links(const services::SessionContext& session, std::vector<NavLink>& out) const {
    out.push_back({"/bijdragen", std::string(core::msg("contributions.nav.mine"))});
    // The same rule as Contributions::review_queue.
    if (domain::at_least(session.actor.role, domain::Role::Redacteur))
        out.push_back({"/redactie", std::string(core::msg("contributions.nav.review"))});
}

std::string ContributionPages::item_attachments(const Context& ctx, const domain::Item& item) const {
    if (!item.external_id.starts_with("bijdrage-")) return {};
    auto list = m_deps->attachments.for_item(item);
    if (list.empty()) return {};
    View files = View::list();
    for (const auto& a : list)
        files.push(View::object()
                       .set("url", "/bijlagen/" + std::to_string(a.id))
                       .set("name", a.filename)
                       .set("type", type_label(a.content_type))
                       .set("size", size_label(a.size)));
    (void)ctx;
    return m_deps->renderer.render_fragment("contribution_item_attachments", View::object().set("files", files));
}

void add_contribution_pages(App& app, services::Contributions& contributions, services::Attachments& attachments,
                            services::Kennisbank& kb, const Renderer& renderer) {
    auto pages = std::make_shared<ContributionPages>(contributions, attachments, kb, renderer);
    app.add_module(pages);
    // Room for the other fields and the multipart framing around the file.
    app.add_upload_route(std::string(attachment_upload_path), attachments.settings().max_bytes + (64u << 10));
    PageHooks hooks;
    hooks.item_aside = [pages](const Context& ctx, const domain::Item& item) { return pages->item_attachments(ctx, item); };
    app.add_page_hooks(std::move(hooks));
}

// ---- shared rendering ----------------------------------------------------------------------

namespace contribution_detail {

Response page(const ContributionCall& call, std::string_view tmpl, View view, int status) {
    if (call.session) view.set("csrf", call.session->csrf_token);
    return Response::html(call.deps.renderer.render_page(tmpl, view), status);
}

Response failure(const ContributionCall& call, const core::Error& error) {
    if (error.code() == core::ErrorCode::Unauthenticated) return Response::redirect("/account/inloggen");
    return error_page(call.deps.renderer, error, http_status(error.code()));
}

int form_status(const core::Error& error) {
    if (error.code() == core::ErrorCode::TooLarge) return 413;
    return http_status(error.code());
}

std::string status_label(domain::ContributionStatus status) {
    return std::string(core::msg("contributions.status." + std::string(domain::to_slug(status))));
}

View content_view(const ContributionCall& call, const domain::Item& content) {
    const auto& tax = call.deps.kb.taxonomy();
    View v = View::object();
    v.set("title", content.title);
    v.set("type_label", std::string(domain::label(content.type)));
    v.set("date", content.date.to_string());
    v.set("summary", content.summary);
    v.set("body_html", markdown_to_html(content.body));
    v.set("level_label", std::string(domain::label(content.level)));
    if (!content.municipality_code.empty()) v.set("municipality", call.deps.kb.municipality_name(content.municipality_code));
    View themes = View::list(), goals = View::list(), tracks = View::list(), links = View::list();
    for (const auto& s : content.themes) themes.push(tax.theme(s) ? tax.theme(s)->label : s);
    for (int g : content.gala_goals)
        goals.push(tax.gala_goal(g) ? std::to_string(g) + ". " + tax.gala_goal(g)->label : std::to_string(g));
    for (const auto& s : content.tracks) tracks.push(tax.track(s) ? tax.track(s)->label : s);
    for (const auto& l : content.links)
        links.push(View::object().set("url", l.url).set("title", l.title.empty() ? l.url : l.title));
    v.set("has_themes", !themes.empty_list()).set("themes", themes);
    v.set("has_goals", !goals.empty_list()).set("goals", goals);
    v.set("has_tracks", !tracks.empty_list()).set("tracks", tracks);
    v.set("has_links", !links.empty_list()).set("links", links);
    return v;
}

View attachments_view(const ContributionCall& call, domain::ContributionId id, bool editable) {
    View v = View::object();
    View files = View::list();
    if (auto list = call.deps.attachments.list(call.actor(), id))
        for (const auto& a : *list)
            files.push(View::object()
                           .set("id", std::to_string(a.id))
                           .set("url", "/bijlagen/" + std::to_string(a.id))
                           .set("name", a.filename)
                           .set("type", type_label(a.content_type))
                           .set("size", size_label(a.size))
                           .set("editable", editable)
                           .set("csrf", call.session ? call.session->csrf_token : std::string()));
    v.set("has_files", !files.empty_list());
    v.set("files", files);
    v.set("editable", editable);
    v.set("contribution", std::to_string(id));
    v.set("max_size", size_label(static_cast<std::int64_t>(call.deps.attachments.settings().max_bytes)));
    v.set("upload_path", std::string(attachment_upload_path));
    return v;
}

}  // namespace contribution_detail
}  // namespace gezondin::web
