#pragma once
// The one place that maps an error to HTTP: status code, and body as a Dutch HTML page or as
// application/problem+json (RFC 9457) for API clients.

#include <string>
#include <string_view>

#include "core/error.h"
#include "web/http/message.h"
#include "web/render/renderer.h"

namespace gezondin::web {

int http_status(core::ErrorCode code);

// problem+json body: type, title, status, detail and, when present, "errors" with field
// problems ({field, line, reason}).
Response problem_response(const core::Error& error, int status);

// A Dutch error page in the site layout.
Response error_page(const Renderer& renderer, const core::Error& error, int status);

// Chooses problem+json or an HTML page depending on the request.
Response error_response(const Request& request, const Renderer& renderer, const core::Error& error,
                        int status = 0 /* 0: from the error code */);

// 405 with the Allow header (e.g. "GET, HEAD" or "GET, HEAD, POST"), HTML or problem+json.
Response method_not_allowed(const Request& request, const Renderer& renderer, std::string_view allow);
// The Allow value for a route that answers GET (and HEAD), POST, or both.
std::string_view allowed_methods(bool get, bool post);

}  // namespace gezondin::web
