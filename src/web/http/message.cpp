#include "web/http/message.h"

#include "core/text.h"

namespace gezondin::web {

namespace {
std::string_view find(const Params& list, std::string_view name) {
    for (const auto& [k, v] : list)
        if (k == name) return v;
    return {};
}
}  // namespace

std::string_view Request::header(std::string_view name) const { return find(headers, name); }
std::string_view Request::param(std::string_view name) const { return find(query, name); }

bool Request::wants_json() const {
    return path.rfind("/api/", 0) == 0 || header("accept").find("application/json") != std::string_view::npos;
}

Response& Response::set_header(std::string name, std::string value) {
    for (auto& [k, v] : headers)
        if (core::to_lower_ascii(k) == core::to_lower_ascii(name)) {
            v = std::move(value);
            return *this;
        }
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
}

std::string_view Response::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (core::to_lower_ascii(k) == core::to_lower_ascii(name)) return v;
    return {};
}

Response Response::html(std::string body, int status) {
    return text(std::move(body), "text/html; charset=utf-8", status);
}

Response Response::json(std::string body, int status) {
    return text(std::move(body), "application/json", status);
}

Response Response::text(std::string body, std::string content_type, int status) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace_back("Content-Type", std::move(content_type));
    return r;
}

Response Response::redirect(std::string location, int status) {
    Response r;
    r.status = status;
    r.headers.emplace_back("Location", std::move(location));
    return r;
}

}  // namespace gezondin::web
