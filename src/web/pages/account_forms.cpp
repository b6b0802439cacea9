// The anonymous account forms: register, confirm, log in, log out, forgotten and new password.

#include "core/messages.h"
#include "web/pages/account_internal.h"

namespace gezondin::web {

namespace {

const std::initializer_list<FormField> register_fields = {
    {"name", "naam", "naam_fout"}, {"email", "e-mailadres", "email_fout"}, {"password", "wachtwoord", "wachtwoord_fout"}};
const std::initializer_list<FormField> email_fields = {{"email", "e-mailadres", "email_fout"}};
const std::initializer_list<FormField> reset_fields = {{"password", "wachtwoord", "wachtwoord_fout"}};

// Notices shown after a redirect; the query names one, never carries text.
std::string login_notice(std::string_view melding) {
    if (melding == "bevestigd") return std::string(core::msg("account.notice.confirmed"));
    if (melding == "wachtwoord") return std::string(core::msg("account.notice.password_reset"));
    if (melding == "uitgelogd") return std::string(core::msg("account.notice.logged_out"));
    return {};
}

void respond_register_form(const CallPtr& c, const core::Error* error) {
    auto token = form_token(*c->request, nullptr);
    View v = form_view("account.register.title", token);
    v.set("sent", c->request->param("verstuurd") == "1");
    v.set("name", c->field("name"));
    v.set("email", c->field("email"));
    Response busy;
    int status = 200;
    if (error) {
        add_form_errors(v, *error, register_fields);
        status = form_status(*error, &busy);
    }
    auto r = render(*c, "account_register", v, status, token);
    if (auto retry = busy.header("Retry-After"); !retry.empty()) r.set_header("Retry-After", std::string(retry));
    c->respond(std::move(r));
}

void respond_login_form(const CallPtr& c, const core::Error* error, long retry_after) {
    auto token = form_token(*c->request, nullptr);
    View v = form_view("account.login.title", token);
    v.set("email", c->field("email"));
    if (auto notice = login_notice(c->request->param("melding")); !notice.empty()) v.set("notice", notice);
    Response busy;
    int status = 200;
    if (error) {
        v.set("message", error->message());
        status = retry_after > 0 ? 429 : form_status(*error, &busy);
    }
    auto r = render(*c, "account_login", v, status, token);
    if (retry_after > 0) r.set_header("Retry-After", std::to_string(retry_after));
    else if (auto retry = busy.header("Retry-After"); !retry.empty()) r.set_header("Retry-After", std::string(retry));
    c->respond(std::move(r));
}

void respond_forgot_form(const CallPtr& c, const core::Error* error) {
    auto token = form_token(*c->request, nullptr);
    View v = form_view("account.forgot.title", token);
    v.set("sent", c->request->param("verstuurd") == "1");
    v.set("email", c->field("email"));
    int status = 200;
    if (error) {
        add_form_errors(v, *error, email_fields);
        status = form_status(*error);
    }
    c->respond(render(*c, "account_forgot", v, status, token));
}

void respond_reset_form(const CallPtr& c, const std::string& code, const core::Error* error) {
    auto token = form_token(*c->request, nullptr);
    View v = form_view("account.reset.title", token);
    v.set("code", code);
    Response busy;
    int status = 200;
    if (error) {
        add_form_errors(v, *error, reset_fields);
        status = form_status(*error, &busy);
    }
    auto r = render(*c, "account_reset", v, status, token);
    if (auto retry = busy.header("Retry-After"); !retry.empty()) r.set_header("Retry-After", std::string(retry));
    c->respond(std::move(r));
}

}  // namespace

void register_form(const CallPtr& c) {
    if (c->session) return c->respond(Response::redirect("/account"));
    respond_register_form(c, nullptr);
}

void register_submit(const CallPtr& c) {
    if (c->session) return c->respond(Response::redirect("/account"));
    services::Registration r{c->field("name"), c->field("email"), c->field("password")};
    c->deps.accounts.register_user(std::move(r), [c](core::Status done) {
        guarded(c, [&] {
            if (done) return c->respond(Response::redirect("/account/aanmaken?verstuurd=1"));
            respond_register_form(c, &done.error());
        });
    });
}

void confirm_email(const CallPtr& c) {
    auto confirmed = c->deps.accounts.confirm_email(c->request->param("code"));
    if (confirmed) return c->respond(Response::redirect("/account/inloggen?melding=bevestigd"));
    c->respond(message_page(*c, "account.confirm.title", confirmed.error().message(), form_status(confirmed.error())));
}

void login_form(const CallPtr& c) {
    if (c->session) return c->respond(Response::redirect("/account"));
    respond_login_form(c, nullptr, 0);
}

void login_submit(const CallPtr& c) {
    services::LoginAttempt attempt{c->field("email"), c->field("password"), c->request->remote_address,
                                   std::string(c->request->header("user-agent")),
                                   cookie_value(*c->request, session_cookie_name)};
    c->deps.accounts.login(std::move(attempt), [c](services::LoginResult result) {
        guarded(c, [&] {
            if (!result.session) return respond_login_form(c, &result.session.error(), result.retry_after);
            auto r = Response::redirect("/account");
            r.set_header("Set-Cookie", cookie_header(session_cookie_name, result.session->token,
                                                     c->deps.config.session_cookie_max_age, c->deps.secure));
            c->respond(std::move(r));
        });
    });
}

void logout_submit(const CallPtr& c) {
    if (c->session) (void)c->deps.accounts.logout(cookie_value(*c->request, session_cookie_name));
    auto r = Response::redirect("/account/inloggen?melding=uitgelogd");
    r.set_header("Set-Cookie", cookie_header(session_cookie_name, "", 0, c->deps.secure));
    c->respond(std::move(r));
}

void forgot_form(const CallPtr& c) { respond_forgot_form(c, nullptr); }

void forgot_submit(const CallPtr& c) {
    auto requested = c->deps.accounts.request_password_reset(c->field("email"));
    if (requested) return c->respond(Response::redirect("/account/wachtwoord-vergeten?verstuurd=1"));
    respond_forgot_form(c, &requested.error());
}

void reset_form(const CallPtr& c) { respond_reset_form(c, std::string(c->request->param("code")), nullptr); }

void reset_submit(const CallPtr& c) {
    std::string code = c->field("code");
    c->deps.accounts.reset_password(code, c->field("password"), [c, code](core::Status done) {
        guarded(c, [&] {
            if (done) return c->respond(Response::redirect("/account/inloggen?melding=wachtwoord"));
            respond_reset_form(c, code, &done.error());
        });
    });
}

}  // namespace gezondin::web
