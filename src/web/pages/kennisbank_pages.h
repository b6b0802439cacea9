#pragma once
// HTML pages of the knowledge base. Each reads as: parse the request, call the service,
// render. Errors go through errors.h.

#include <string_view>

#include "web/context.h"
#include "web/http/message.h"

namespace gezondin::web {

Response home_page(const Context& ctx);
Response search_page(const Context& ctx);
// `id_slug` is the last path segment, "<id>-<slug>"; a wrong slug redirects to the right one.
Response item_page(const Context& ctx, std::string_view id_slug);

Response theme_page(const Context& ctx, std::string_view slug);
Response goal_page(const Context& ctx, std::string_view number);
Response track_page(const Context& ctx, std::string_view slug);
Response municipality_page(const Context& ctx, std::string_view code);

Response themes_index(const Context& ctx);
Response goals_index(const Context& ctx);
Response tracks_index(const Context& ctx);
Response municipalities_index(const Context& ctx);

}  // namespace gezondin::web
