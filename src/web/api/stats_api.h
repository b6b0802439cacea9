#pragma once
// POST /api/v1/stats/sii and POST /api/v1/stats/allocation: raw computations on the caller's
// own rows (JSON in, JSON out; `?format=csv` gives the allocation as CSV). They change no
// state, so they need no login or CSRF token.

#include "web/context.h"
#include "web/http/message.h"

namespace gezondin::web {

Response api_stats_sii(const Context& ctx);
Response api_stats_allocation(const Context& ctx);

}  // namespace gezondin::web
