#include "web/errors.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"

namespace gezondin::web {

int http_status(core::ErrorCode code) {
    switch (code) {
    case core::ErrorCode::InvalidInput: return 400;
    case core::ErrorCode::NotFound: return 404;
    case core::ErrorCode::Conflict: return 409;
    case core::ErrorCode::Forbidden: return 403;
    case core::ErrorCode::Unauthenticated: return 401;
    case core::ErrorCode::TooLarge: return 413;
    case core::ErrorCode::Unavailable: return 503;
    case core::ErrorCode::Internal: return 500;
    }
    return 500;
}

namespace {
std::string title_for(int status) {
    if (status == 404) return std::string(core::msg("error.not_found_title"));
    if (status == 413 || status == 414 || status == 431) return std::string(core::msg("error.too_large_title"));
    if (status >= 400 && status < 500) return std::string(core::msg("error.bad_request_title"));
    return std::string(core::msg("error.title"));
}

std::string problem_text(const core::FieldProblem& p) {
    std::string s;
    if (p.line > 0) s += "Regel " + std::to_string(p.line) + ", ";
    s += p.field + ": " + p.reason;
    return s;
}
}  // namespace

Response problem_response(const core::Error& error, int status) {
    nlohmann::json body = {{"type", std::string("https://gezondin.nl/problemen/") + core::to_string(error.code())},
                           {"title", title_for(status)},
                           {"status", status},
                           {"detail", error.message()}};
    if (!error.problems().empty()) {
        auto& list = body["errors"] = nlohmann::json::array();
        for (const auto& p : error.problems()) {
            nlohmann::json e = {{"field", p.field}, {"reason", p.reason}};
            if (p.line > 0) e["line"] = p.line;
            list.push_back(std::move(e));
        }
    }
    return Response::text(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                          "application/problem+json", status);
}

Response error_page(const Renderer& renderer, const core::Error& error, int status) {
    View v = View::object();
    v.set("title", title_for(status));
    v.set("heading", title_for(status));
    v.set("message", error.message());
    View problems = View::list();
    for (const auto& p : error.problems()) problems.push(problem_text(p));
    v.set("has_problems", !error.problems().empty());
    v.set("problems", problems);
    return Response::html(renderer.render_page("error", v), status);
}

Response error_response(const Request& request, const Renderer& renderer, const core::Error& error, int status) {
    if (status == 0) status = http_status(error.code());
    return request.wants_json() ? problem_response(error, status) : error_page(renderer, error, status);
}

Response method_not_allowed(const Request& request, const Renderer& renderer, std::string_view allow) {
    auto r = error_response(request, renderer, core::Error::invalid_input(std::string(core::msg("error.method"))), 405);
    r.set_header("Allow", std::string(allow));
    return r;
}

std::string_view allowed_methods(bool get, bool post) {
    return get && post ? "GET, HEAD, POST" : get ? "GET, HEAD" : "POST";
}

}  // namespace gezondin::web
