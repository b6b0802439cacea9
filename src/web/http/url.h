#pragma once
// Percent-decoding and query-string parsing with explicit failure instead of exceptions.

#include <optional>
#include <string>
#include <string_view>

#include "core/text.h"
#include "web/http/message.h"

namespace gezondin::web {

using core::percent_decode;
using core::percent_encode;

// Parses "a=1&b=x+y" into decoded pairs; nullopt when an escape is broken.
std::optional<Params> parse_query_string(std::string_view qs);

// Builds "a=1&b=x%20y" from pairs.
std::string build_query_string(const Params& params);

}  // namespace gezondin::web
