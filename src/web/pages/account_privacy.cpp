// The member's own data: change the e-mail address (confirmed by a link to the new address),
// download everything stored as JSON, and delete the account.

#include <optional>

#include "core/messages.h"
#include "core/text.h"
#include "web/errors.h"
#include "web/pages/account_internal.h"

namespace gezondin::web {

namespace {

const std::initializer_list<FormField> email_fields = {{"email", "nieuw-e-mailadres", "email_fout"}};
// The word a member types to confirm the deletion.
constexpr std::string_view delete_word = "verwijderen";

Response not_found(const AccountCall& c) {
    return error_response(*c.request, c.deps.renderer,
                          core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
}

// A page with one message and a link back (account_privacy_message.mustache).
Response privacy_message(const AccountCall& c, std::string_view title_key, const std::string& message, bool error,
                         int status) {
    View v = View::object();
    v.set("title", std::string(core::msg(title_key)));
    v.set("message", message);
    v.set("error", error);
    v.set("logged_in", c.session != nullptr);
    return Response::html(c.deps.renderer.render_page("account_privacy_message", v), status);
}

void respond_email_form(const CallPtr& c, const core::Error* error) {
    auto token = form_token(*c->request, c->session.get());
    View v = form_view("account.email.title", token);
    v.set("user_email", c->session->user.email);
    v.set("email", c->field("email"));
    v.set("sent", c->request->param("verstuurd") == "1");
    int status = 200;
    if (error) {
        add_form_errors(v, *error, email_fields);
        status = form_status(*error);
    }
    c->respond(render(*c, "account_privacy_email", v, status, token));
}

void respond_delete_form(const CallPtr& c, const std::string* problem, int status) {
    auto token = form_token(*c->request, c->session.get());
    View v = form_view("account.delete.title", token);
    v.set("word", std::string(delete_word));
    v.set("remove", c->field("bijdragen") == "verwijderen");
    if (problem) {
        v.set("has_errors", true);
        View errors = View::list();
        View item = View::object();
        item.set("id", "bevestiging");
        item.set("reason", *problem);
        errors.push(item);
        v.set("errors", errors);
        v.set("bevestiging_fout", *problem);
    }
    c->respond(render(*c, "account_delete", v, status, token));
}

std::optional<services::ContributionsOnDelete> contributions_choice(std::string_view field) {
    if (field.empty() || field == "bewaren") return services::ContributionsOnDelete::Keep;
    if (field == "verwijderen") return services::ContributionsOnDelete::Remove;
    return std::nullopt;
}

}  // namespace

void email_form(const CallPtr& c) {
    if (!c->session) return c->respond(login_redirect());
    respond_email_form(c, nullptr);
}

void email_submit(const CallPtr& c) {
    if (!c->session) return c->respond(login_redirect());
    auto requested = c->deps.accounts.request_email_change(*c->session, c->field("email"));
    if (requested) return c->respond(Response::redirect("/account/e-mailadres?verstuurd=1"));
    respond_email_form(c, &requested.error());
}

void email_confirm(const CallPtr& c) {
    auto confirmed = c->deps.accounts.confirm_email_change(c->request->param("code"));
    if (confirmed)
        return c->respond(privacy_message(*c, "account.email.title", std::string(core::msg("account.email.changed")),
                                          false, 200));
    const auto& e = confirmed.error();
    const bool bad_link = e.code() == core::ErrorCode::NotFound;
    c->respond(privacy_message(*c, "account.email.title",
                               bad_link ? std::string(core::msg("account.email.bad_link")) : e.message(), true,
                               form_status(e)));
}

void data_download(const CallPtr& c) {
    if (!c->session) return c->respond(login_redirect());
    if (!c->deps.privacy) return c->respond(not_found(*c));
    auto data = c->deps.privacy->export_json(c->session->actor);
    if (!data) return c->respond(error_page(c->deps.renderer, data.error(), http_status(data.error().code())));
    auto r = Response::json(std::move(*data));
    r.set_header("Content-Disposition", "attachment; filename=\"gezondin-mijn-gegevens.json\"");
    r.set_header("Cache-Control", "no-store");
    c->respond(std::move(r));
}

void delete_form(const CallPtr& c) {
    if (!c->session) return c->respond(login_redirect());
    if (!c->deps.privacy) return c->respond(not_found(*c));
    respond_delete_form(c, nullptr, 200);
}

void delete_submit(const CallPtr& c) {
    if (!c->session) return c->respond(login_redirect());
    if (!c->deps.privacy) return c->respond(not_found(*c));
    const auto choice = contributions_choice(c->field("bijdragen"));
    if (!choice) return c->respond(error_page(c->deps.renderer, core::Error::invalid_input(std::string(core::msg("account.delete.bad_choice"))), 400));
    if (core::to_lower_ascii(core::trim(c->field("bevestiging"))) != delete_word) {
        const std::string problem(core::msg("account.delete.not_confirmed", {std::string(delete_word)}));
        return respond_delete_form(c, &problem, 400);
    }
    auto erased = c->deps.privacy->delete_account(c->session->actor, *choice);
    if (!erased) return c->respond(error_page(c->deps.renderer, erased.error(), http_status(erased.error().code())));
    const bool removed = *choice == services::ContributionsOnDelete::Remove;
    auto r = Response::redirect(removed ? "/account/verwijderd?bijdragen=verwijderd" : "/account/verwijderd");
    r.set_header("Set-Cookie", cookie_header(session_cookie_name, "", 0, c->deps.secure));
    c->respond(std::move(r));
}

void deleted_page(const CallPtr& c) {
    // Only the browser that just deleted its account comes here; anyone logged in has not.
    if (c->session) return c->respond(Response::redirect("/account"));
    const bool removed = c->request->param("bijdragen") == "verwijderd";
    const std::string message = std::string(core::msg("account.delete.done")) + " " +
                                std::string(core::msg(removed ? "account.delete.done_removed" : "account.delete.done_kept"));
    c->respond(privacy_message(*c, "account.delete.done_title", message, false, 200));
}

}  // namespace gezondin::web
