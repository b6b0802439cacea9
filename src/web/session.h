#pragma once
// Cookies and form tokens of the web layer. The session cookie carries the session id (see
// services/community/accounts.h); pages for a logged-in visitor are personal and never
// cached. Every state-changing form carries a hidden CSRF field: for a logged-in visitor it is
// the session's own secret; for an anonymous visitor (register, log in, reset) it is a random
// value that is also set in a separate HttpOnly cookie (double submit), so a form posted from
// another site never matches.

#include <string>
#include <string_view>

#include "web/http/message.h"

namespace gezondin::services {
struct SessionContext;
}

namespace gezondin::web {

inline constexpr std::string_view session_cookie_name = "gezondin_sessie";
inline constexpr std::string_view form_cookie_name = "gezondin_formulier";
inline constexpr std::string_view csrf_field = "csrf";

// The value of cookie `name` in the request's Cookie header, or "" when absent.
std::string cookie_value(const Request& request, std::string_view name);

// A Set-Cookie value: `name=value; Path=/; HttpOnly; SameSite=Lax` with Max-Age (0 deletes)
// and `Secure` when asked.
std::string cookie_header(std::string_view name, std::string_view value, long max_age, bool secure);

// The decoded fields of an application/x-www-form-urlencoded body; empty on a broken escape.
Params parse_form(std::string_view body);
// The first field with this name, or "".
std::string form_field(const Params& form, std::string_view name);

// The CSRF value to put in a form. `fresh` is true when the anonymous cookie must be set.
struct FormToken {
    std::string value;
    bool fresh = false;
};
FormToken form_token(const Request& request, const services::SessionContext* session);
// Adds the Set-Cookie for a fresh anonymous token.
void remember_form_token(Response& response, const FormToken& token, bool secure);
// True when the form's CSRF field matches the session secret (logged in) or the anonymous cookie.
bool form_token_ok(const Request& request, const Params& form, const services::SessionContext* session);

}  // namespace gezondin::web
