#pragma once
// The one place that maps an error to HTTP: status code, and body as a Dutch HTML page or as
// application/problem+json (RFC 9457) for API clients.

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

}  // namespace gezondin::web
