#pragma once
// Percent-decoding and query-string parsing with explicit failure instead of exceptions.

#include <optional>
#include <string>
#include <string_view>

#include "web/http/message.h"

namespace gezondin::web {

// Decodes %XX escapes (and '+' as space when `plus_is_space`); nullopt on a broken escape.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

// Encodes everything except unreserved characters (RFC 3986).
std::string percent_encode(std::string_view s);

// Parses "a=1&b=x+y" into decoded pairs; nullopt when an escape is broken.
std::optional<Params> parse_query_string(std::string_view qs);

// Builds "a=1&b=x%20y" from pairs.
std::string build_query_string(const Params& params);

}  // namespace gezondin::web
