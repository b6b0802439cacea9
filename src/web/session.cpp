#include "web/session.h"

#include "services/community/accounts.h"
#include "services/community/tokens.h"
#include "web/http/url.h"

namespace gezondin::web {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

constexpr long form_cookie_max_age = 2L * 3600;

}  // namespace

std::string cookie_value(const Request& request, std::string_view name) {
    for (const auto& [key, header] : request.headers) {
        if (key != "cookie") continue;
        std::string_view rest = header;
        while (!rest.empty()) {
            auto semi = rest.find(';');
            auto pair = trim(rest.substr(0, semi));
            rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
            auto eq = pair.find('=');
            if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name) return std::string(trim(pair.substr(eq + 1)));
        }
    }
    return {};
}

std::string cookie_header(std::string_view name, std::string_view value, long max_age, bool secure) {
    std::string out = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                      std::to_string(max_age);
    if (secure) out += "; Secure";
    return out;
}

Params parse_form(std::string_view body) { return parse_query_string(body).value_or(Params{}); }

std::string form_field(const Params& form, std::string_view name) {
    for (const auto& [k, v] : form)
        if (k == name) return v;
    return {};
}

FormToken form_token(const Request& request, const services::SessionContext* session) {
    if (session) return {session->csrf_token, false};
    auto existing = cookie_value(request, form_cookie_name);
    if (services::looks_like_token(existing)) return {existing, false};
    return {services::new_token(), true};
}

void remember_form_token(Response& response, const FormToken& token, bool secure) {
    if (token.fresh) response.set_header("Set-Cookie", cookie_header(form_cookie_name, token.value, form_cookie_max_age, secure));
}

bool form_token_ok(const Request& request, const Params& form, const services::SessionContext* session) {
    const std::string sent = form_field(form, csrf_field);
    if (sent.empty()) return false;
    if (session) return services::tokens_equal(sent, session->csrf_token);
    const std::string expected = cookie_value(request, form_cookie_name);
    return services::looks_like_token(expected) && services::tokens_equal(sent, expected);
}

}  // namespace gezondin::web
