// The logged-in pages: the own account (name, password, sessions), the privacy statement and
// the beheerder's e-mail outbox.

#include "core/messages.h"
#include "domain/user.h"
#include "web/errors.h"
#include "web/pages/account_internal.h"

namespace gezondin::web {

namespace {

const std::initializer_list<FormField> name_fields = {{"name", "naam", "naam_fout"}};
const std::initializer_list<FormField> password_fields = {
    {"current_password", "huidig-wachtwoord", "huidig_fout"}, {"password", "nieuw-wachtwoord", "nieuw_fout"}};

std::string account_notice(std::string_view melding) {
    if (melding == "naam") return std::string(core::msg("account.notice.name"));
    if (melding == "wachtwoord") return std::string(core::msg("account.notice.password_changed"));
    if (melding == "sessie") return std::string(core::msg("account.notice.session_ended"));
    return {};
}

View sessions_view(const AccountCall& c) {
    View list = View::list();
    auto sessions = c.deps.accounts.sessions(*c.session);
    if (!sessions) return list;
    for (const auto& s : *sessions) {
        View item = View::object();
        item.set("handle", s.handle);
        item.set("current", s.current);
        item.set("created", dutch_time(s.created_at));
        item.set("last_seen", dutch_time(s.last_seen_at));
        item.set("user_agent", s.user_agent.empty() ? std::string(core::msg("account.sessions.unknown")) : s.user_agent);
        item.set("ip", s.ip);
        list.push(item);
    }
    return list;
}

// The account page; `error` fills the messages of the form that failed.
Response account_response(const AccountCall& c, const core::Error* error, std::initializer_list<FormField> fields) {
    const auto& user = c.session->user;
    auto token = form_token(*c.request, c.session.get());
    View v = form_view("account.page.title", token);
    v.set("user_name", user.name);
    v.set("user_email", user.email);
    v.set("role", std::string(core::msg("account.role." + std::string(domain::to_slug(user.role)))));
    v.set("name", error ? c.field("name") : user.name);
    v.set("sessions", sessions_view(c));
    if (auto notice = account_notice(c.request->param("melding")); !notice.empty()) v.set("notice", notice);
    Response busy;
    int status = 200;
    if (error) {
        add_form_errors(v, *error, fields);
        status = form_status(*error, &busy);
    }
    auto r = render(c, "account_page", v, status, token);
    if (auto retry = busy.header("Retry-After"); !retry.empty()) r.set_header("Retry-After", std::string(retry));
    return r;
}

}  // namespace

void account_page(const CallPtr& c) {
    if (!c->session) return c->respond(login_redirect());
    c->respond(account_response(*c, nullptr, {}));
}

void name_submit(const CallPtr& c) {
    if (!c->session) return c->respond(login_redirect());
    auto set = c->deps.accounts.set_name(*c->session, c->field("name"));
    if (set) return c->respond(Response::redirect("/account?melding=naam"));
    c->respond(account_response(*c, &set.error(), name_fields));
}

void password_submit(const CallPtr& c) {
    if (!c->session) return c->respond(login_redirect());
    c->deps.accounts.change_password(
        *c->session, c->field("current_password"), c->field("password"),
        [c](core::Result<services::SessionGrant> grant) {
            guarded(c, [&] {
                if (!grant) return c->respond(account_response(*c, &grant.error(), password_fields));
                auto r = Response::redirect("/account?melding=wachtwoord");
                r.set_header("Set-Cookie", cookie_header(session_cookie_name, grant->token,
                                                         c->deps.config.session_cookie_max_age, c->deps.secure));
                c->respond(std::move(r));
            });
        });
}

void end_session_submit(const CallPtr& c) {
    if (!c->session) return c->respond(login_redirect());
    // An already ended session needs no message: the list shows what is left.
    (void)c->deps.accounts.end_session(*c->session, c->field("sessie"));
    c->respond(Response::redirect("/account?melding=sessie"));
}

void privacy_page(const CallPtr& c) {
    View v = View::object();
    v.set("title", std::string(core::msg("privacy.title")));
    c->respond(Response::html(c->deps.renderer.render_page("privacy", v)));
}

void outbox_page(const CallPtr& c) {
    if (!c->session) return c->respond(login_redirect());
    auto messages = c->deps.administration.outbox(c->session->actor, 0, 100);
    if (!messages) return c->respond(error_page(c->deps.renderer, messages.error(), http_status(messages.error().code())));
    View list = View::list();
    for (const auto& m : *messages) {
        View item = View::object();
        item.set("to", m.to);
        item.set("subject", m.subject);
        item.set("body", m.body);
        item.set("created", dutch_time(m.created_at));
        item.set("status", std::string(core::msg(m.status == storage::OutboxStatus::Sent     ? "beheer.outbox.sent"
                                                 : m.status == storage::OutboxStatus::Failed ? "beheer.outbox.failed"
                                                                                              : "beheer.outbox.pending")));
        list.push(item);
    }
    View v = View::object();
    v.set("title", std::string(core::msg("beheer.outbox.title")));
    v.set("messages", list);
    v.set("empty", list.empty_list());
    c->respond(Response::html(c->deps.renderer.render_page("beheer_email", v)));
}

}  // namespace gezondin::web
