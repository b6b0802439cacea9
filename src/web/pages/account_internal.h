#pragma once
// Shared helpers of the account pages (account_*.cpp); not for other code.

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "services/community/accounts.h"
#include "services/community/administration.h"
#include "services/community/privacy.h"
#include "web/app.h"
#include "web/http/server.h"
#include "web/pages/view_helpers.h"
#include "web/render/renderer.h"
#include "web/session.h"

namespace gezondin::web {

struct AccountDeps {
    services::Accounts& accounts;
    services::Administration& administration;
    const Renderer& renderer;
    const AppConfig& config;
    bool secure = false;   // cookies get `Secure` (the base URL is https)
    services::Privacy* privacy = nullptr;   // data download and account deletion; null: 404
};

// One request to an account page. Shared with the hashing callbacks, so it keeps its own copy
// of the request and the session.
struct AccountCall {
    const AccountDeps& deps;
    std::shared_ptr<const Request> request;
    std::shared_ptr<const services::SessionContext> session;   // null: anonymous
    Params form;                                               // POST fields
    Respond respond;

    std::string field(std::string_view name) const { return form_field(form, name); }
};
using CallPtr = std::shared_ptr<AccountCall>;


// A view with the page title (a message key) and the form's CSRF value.
View form_view(std::string_view title_key, const FormToken& token);
// Renders `page` in the layout, with the fresh form cookie when needed.
Response render(const AccountCall& call, std::string_view page, const View& view, int status, const FormToken& token);
// A page with one message and a link (account_message.mustache).
Response message_page(const AccountCall& call, std::string_view title_key, const std::string& message, int status);
// The HTTP status for a failed form; sets Retry-After when the pool is busy.
int form_status(const core::Error& error, Response* busy_headers = nullptr);
Response login_redirect();
// Runs `body`; answers 500 when it throws (on a worker thread nobody else would).
void guarded(const CallPtr& call, const std::function<void()>& body);


// Handlers (account_forms.cpp: anonymous forms; account_self.cpp: logged-in pages).
void register_form(const CallPtr& call);
void register_submit(const CallPtr& call);
void confirm_email(const CallPtr& call);
void login_form(const CallPtr& call);
void login_submit(const CallPtr& call);
void logout_submit(const CallPtr& call);
void forgot_form(const CallPtr& call);
void forgot_submit(const CallPtr& call);
void reset_form(const CallPtr& call);
void reset_submit(const CallPtr& call);
void account_page(const CallPtr& call);
void name_submit(const CallPtr& call);
void password_submit(const CallPtr& call);
void end_session_submit(const CallPtr& call);
void privacy_page(const CallPtr& call);
void outbox_page(const CallPtr& call);
// account_privacy.cpp: e-mail address change, data download, account deletion.
void email_form(const CallPtr& call);
void email_submit(const CallPtr& call);
void email_confirm(const CallPtr& call);
void data_download(const CallPtr& call);
void delete_form(const CallPtr& call);
void delete_submit(const CallPtr& call);
void deleted_page(const CallPtr& call);

}  // namespace gezondin::web
