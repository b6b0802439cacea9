#include "web/pages/account_pages.h"

#include <ctime>

#include "core/messages.h"
#include "services/community/permissions.h"
#include "web/errors.h"
#include "web/pages/account_internal.h"
#include "web/pages/view_helpers.h"

namespace gezondin::web {

namespace {

using Handler = void (*)(const CallPtr&);

struct Route {
    std::string_view path;
    Handler get = nullptr;
    Handler post = nullptr;
};

constexpr Route routes[] = {
    {"/account", account_page, nullptr},
    {"/account/aanmaken", register_form, register_submit},
    {"/account/bevestigen", confirm_email, nullptr},
    {"/account/inloggen", login_form, login_submit},
    {"/account/uitloggen", nullptr, logout_submit},
    {"/account/wachtwoord-vergeten", forgot_form, forgot_submit},
    {"/account/nieuw-wachtwoord", reset_form, reset_submit},
    {"/account/naam", nullptr, name_submit},
    {"/account/wachtwoord", nullptr, password_submit},
    {"/account/sessies/beeindigen", nullptr, end_session_submit},
    {"/privacy", privacy_page, nullptr},
    {"/beheer/e-mail", outbox_page, nullptr},
    {"/account/e-mailadres", email_form, email_submit},
    {"/account/e-mailadres-bevestigen", email_confirm, nullptr},
    {"/account/gegevens", data_download, nullptr},
    {"/account/verwijderen", delete_form, delete_submit},
    {"/account/verwijderd", deleted_page, nullptr},
};

std::string_view without_trailing_slash(std::string_view path) {
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    return path;
}

Response method_not_allowed(const AccountCall& call, const Route& route) {
    return web::method_not_allowed(*call.request, call.deps.renderer, allowed_methods(route.get, route.post));
}

}  // namespace

AccountPages::AccountPages(services::Accounts& accounts, services::Administration& administration,
                           const Renderer& renderer, const AppConfig& config)
    : m_deps(std::make_unique<AccountDeps>(
          AccountDeps{accounts, administration, renderer, config, config.base_url.rfind("https://", 0) == 0})) {}

AccountPages::~AccountPages() = default;

void AccountPages::set_privacy(services::Privacy* privacy) { m_deps->privacy = privacy; }

bool AccountPages::handles(std::string_view path) const {
    const auto p = without_trailing_slash(path);
    return p == "/account" || p.starts_with("/account/") || p == "/privacy" || p == "/beheer/e-mail";
}

void AccountPages::handle(std::shared_ptr<const Request> request,
                          std::shared_ptr<const services::SessionContext> session, Respond respond) const {
    auto call = std::make_shared<AccountCall>(AccountCall{*m_deps, std::move(request), std::move(session), {}, std::move(respond)});
    const Request& req = *call->request;
    const auto path = without_trailing_slash(req.path);
    for (const auto& route : routes) {
        if (route.path != path) continue;
        const bool get = req.method == "GET" || req.method == "HEAD";
        if (get && route.get) return route.get(call);
        if (req.method != "POST" || !route.post) return call->respond(method_not_allowed(*call, route));
        call->form = parse_form(req.body);
        if (!form_token_ok(req, call->form, call->session.get()))
            return call->respond(error_page(m_deps->renderer,
                                            core::Error::forbidden(std::string(core::msg("account.csrf_failed"))), 403));
        return route.post(call);
    }
    call->respond(error_response(req, m_deps->renderer,
                                 core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found")))));
}

std::string AccountPages::nav(const services::SessionContext& session, const std::vector<NavLink>& links) const {
    View v = View::object();
    View list = View::list();
    for (const auto& link : links) {
        View item = View::object();
        item.set("href", link.href);
        item.set("label", link.label);
        list.push(item);
    }
    v.set("links", list);
    v.set("name", session.user.name);
    v.set("csrf", session.csrf_token);
    v.set("outbox", services::can(session.actor, services::Action::ViewOutbox, services::Target::none()));
    return m_deps->renderer.render_fragment("account_nav", v);
}

// ---- helpers shared by the account pages ----------------------------------------------------

View form_view(std::string_view title_key, const FormToken& token) {
    View v = View::object();
    v.set("title", std::string(core::msg(title_key)));
    v.set("csrf", token.value);
    return v;
}

Response render(const AccountCall& call, std::string_view page, const View& view, int status, const FormToken& token) {
    auto r = Response::html(call.deps.renderer.render_page(page, view), status);
    remember_form_token(r, token, call.deps.secure);
    return r;
}

Response message_page(const AccountCall& call, std::string_view title_key, const std::string& message, int status) {
    View v = View::object();
    v.set("title", std::string(core::msg(title_key)));
    v.set("message", message);
    return Response::html(call.deps.renderer.render_page("account_message", v), status);
}

int form_status(const core::Error& error, Response* busy_headers) {
    switch (error.code()) {
    case core::ErrorCode::Unauthenticated: return 400;   // a failed login: no WWW-Authenticate scheme
    case core::ErrorCode::NotFound: return 400;          // a link code that does not work
    case core::ErrorCode::Unavailable:
        if (busy_headers) busy_headers->set_header("Retry-After", "5");
        return 503;
    default: return http_status(error.code());
    }
}

Response login_redirect() { return Response::redirect("/account/inloggen"); }

void guarded(const CallPtr& call, const std::function<void()>& body) {
    try {
        body();
    } catch (const std::exception&) {
        call->respond(error_page(call->deps.renderer, core::Error::internal(std::string(core::msg("error.internal"))), 500));
    }
}

}  // namespace gezondin::web
