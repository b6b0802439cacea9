#pragma once
// Files compiled into the binary and served under /static/ with long caching.

#include <optional>
#include <string_view>

#include "web/http/message.h"

namespace gezondin::web {

std::optional<Response> static_file(std::string_view name);

}  // namespace gezondin::web
