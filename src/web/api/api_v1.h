#pragma once
// The JSON API under /api/v1 (Dutch API Design Rules: JSON, problem+json errors, stable ids,
// pagination with _links, an OpenAPI 3 document).

#include <string_view>

#include "web/context.h"
#include "web/http/message.h"

namespace gezondin::web {

Response api_items(const Context& ctx);
Response api_item(const Context& ctx, std::string_view id);
Response api_search(const Context& ctx);
Response api_taxonomies(const Context& ctx);
Response api_openapi(const Context& ctx);

}  // namespace gezondin::web
