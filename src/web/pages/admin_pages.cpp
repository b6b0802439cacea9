#include "web/pages/admin_pages.h"

#include <charconv>
#include <ctime>

#include "core/messages.h"
#include "services/community/administration.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/pages/admin_internal.h"
#include "web/pages/organisation_pages.h"
#include "web/pages/view_helpers.h"
#include "web/render/renderer.h"
#include "web/session.h"

namespace gezondin::web {

namespace {

using Handler = Response (*)(const AdminCall&);

// A path below /beheer; "#" stands for a numeric id.
struct Route {
    std::string_view pattern;
    Handler get = nullptr;
    Handler post = nullptr;
};

constexpr Route routes[] = {
    {"gebruikers", users_page, nullptr},
    {"gebruikers/rol", nullptr, role_submit},
    {"gebruikers/#/verwijderen", user_delete_page, user_delete_submit},
    {"organisaties", organisations_page, organisation_create},
    {"organisaties/#", members_page, nullptr},
    {"organisaties/#/leden", nullptr, member_add},
    {"organisaties/#/leden/verwijderen", nullptr, member_remove},
    {"logboek", audit_page, nullptr},
};

constexpr std::string_view prefix = "/beheer";

std::string_view without_trailing_slash(std::string_view path) {
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    return path;
}

// Matches `rest` ("organisaties/12/leden") against a pattern; sets `id` for "#".
bool matches(std::string_view pattern, std::string_view rest, std::int64_t& id) {
    while (true) {
        const auto p_end = pattern.find('/'), r_end = rest.find('/');
        const auto p = pattern.substr(0, p_end), r = rest.substr(0, r_end);
        if (p == "#") {
            auto parsed = parse_page_id(r);
            if (!parsed) return false;
            id = *parsed;
        } else if (p != r) {
            return false;
        }
        if (p_end == std::string_view::npos || r_end == std::string_view::npos)
            return p_end == std::string_view::npos && r_end == std::string_view::npos;
        pattern.remove_prefix(p_end + 1);
        rest.remove_prefix(r_end + 1);
    }
}

const Route* find_route(std::string_view rest, std::int64_t& id) {
    for (const auto& route : routes)
        if (matches(route.pattern, rest, id)) return &route;
    return nullptr;
}

Response not_found(const Request& request, const Renderer& renderer) {
    return error_response(request, renderer, core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
}

std::string notice_for(std::string_view melding) {
    const std::string key = "beheer.notice." + std::string(melding);
    return core::has_msg(key) ? std::string(core::msg(key)) : std::string();
}

}  // namespace

AdminPages::AdminPages(services::Administration& administration, services::Organisations& organisations,
                       services::Kennisbank& kennisbank, const Renderer& renderer, services::Privacy* privacy)
    : m_deps(std::make_unique<AdminDeps>(AdminDeps{administration, organisations, kennisbank, renderer, privacy})) {}

AdminPages::~AdminPages() = default;

void add_admin_pages(App& app, services::Administration& administration, services::Organisations& organisations,
                     services::Kennisbank& kennisbank, const Renderer& renderer, services::Privacy* privacy) {
    app.add_module(std::make_shared<AdminPages>(administration, organisations, kennisbank, renderer, privacy));
}

bool AdminPages::handles(std::string_view path) const {
    const auto p = without_trailing_slash(path);
    if (p == prefix) return true;
    if (!p.starts_with("/beheer/")) return false;
    std::int64_t id = 0;
    const auto rest = p.substr(prefix.size() + 1);
    // Ids are checked in handle(): /beheer/organisaties/x is ours, and a 404.
    return find_route(rest, id) || rest.starts_with("organisaties/") || rest.starts_with("gebruikers/");
}

void AdminPages::handle(std::shared_ptr<const Request> request, std::shared_ptr<const services::SessionContext> session,
                        Respond respond) const {
    const Request& req = *request;
    const auto path = without_trailing_slash(req.path);
    const bool get = req.method == "GET" || req.method == "HEAD";
    if (path == prefix) return respond(Response::redirect("/beheer/gebruikers"));
    std::int64_t id = 0;
    const Route* route = find_route(path.substr(prefix.size() + 1), id);
    if (!route) return respond(not_found(req, m_deps->renderer));
    if ((get && !route->get) || (!get && (req.method != "POST" || !route->post))) {
        return respond(method_not_allowed(req, m_deps->renderer, allowed_methods(route->get != nullptr, route->post != nullptr)));
    }
    Params form;
    if (!get) {
        form = parse_form(req.body);
        if (!form_token_ok(req, form, session.get()))
            return respond(error_page(m_deps->renderer, core::Error::forbidden(std::string(core::msg("account.csrf_failed"))), 403));
    }
    if (!session) return respond(Response::redirect("/account/inloggen"));
    AdminCall call{*m_deps, req, *session, std::move(form), id};
    respond(get ? route->get(call) : route->post(call));
}

void AdminPages::nav_links(const services::SessionContext& session, std::vector<NavLink>& out) const {
    if (services::can(session.actor, services::Action::ViewAuditLog, services::Target::none()))
        out.push_back({"/beheer/gebruikers", std::string(core::msg("beheer.nav"))});
}

// ---- helpers shared by the admin pages -----------------------------------------------------

std::string AdminCall::field(std::string_view name) const { return form_field(form, name); }

Response admin_page(const AdminCall& call, std::string_view page, View view, int status) {
    view.set("csrf", call.session.csrf_token);
    if (auto notice = notice_for(call.request.param("melding")); !notice.empty()) view.set("notice", notice);
    return Response::html(call.deps.renderer.render_page(page, view), status);
}

Response admin_error(const AdminCall& call, const core::Error& error, int status) {
    return error_page(call.deps.renderer, error, status ? status : http_status(error.code()));
}

std::optional<long> page_number(const Request& request) {
    const auto text = request.param("pagina");
    if (text.empty()) return 1L;
    long page = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
    if (ec != std::errc() || end != text.data() + text.size() || page < 1 || page > 1000000) return std::nullopt;
    return page;
}

View paging_view(const std::string& path, long page, bool more) {
    if (page <= 1 && !more) return View();
    View v = View::object();
    v.set("page_label", core::msg("beheer.page", {std::to_string(page)}));
    if (page > 1) v.set("prev_url", page == 2 ? path : path + "?pagina=" + std::to_string(page - 1));
    if (more) v.set("next_url", path + "?pagina=" + std::to_string(page + 1));
    return v;
}

// ---- the audit log ---------------------------------------------------------------------------

Response audit_page(const AdminCall& c) {
    const auto page = page_number(c.request);
    if (!page) return admin_error(c, core::Error::invalid_input(std::string(core::msg("beheer.bad_page"))), 400);
    auto lines = c.deps.administration.audit_lines(c.actor(), (*page - 1) * admin_page_size, admin_page_size + 1);
    if (!lines) return admin_error(c, lines.error());
    const bool more = static_cast<long>(lines->size()) > admin_page_size;
    if (more) lines->pop_back();
    View rows = View::list();
    for (const auto& line : *lines) {
        const std::string action_key = "beheer.audit.action." + line.entry.action;
        View row = View::object();
        row.set("when", dutch_time(line.entry.at));
        row.set("who", line.actor_name);
        row.set("what", core::has_msg(action_key) ? std::string(core::msg(action_key)) : line.entry.action);
        row.set("target", line.target_name);
        row.set("detail", line.entry.detail);
        rows.push(row);
    }
    View v = View::object();
    v.set("title", std::string(core::msg("beheer.audit.title")));
    v.set("entries", rows);
    v.set("empty", rows.empty_list());
    v.set("pagination", paging_view("/beheer/logboek", *page, more));
    return admin_page(c, "admin_audit", v);
}

}  // namespace gezondin::web
