#pragma once
// A point in time as whole seconds since 1970-01-01 UTC. The community tables store times this
// way (BIGINT on both engines) so that expiry and throttling windows are plain arithmetic.

#include <cstdint>
#include <string>

namespace gezondin::domain {

using Timestamp = std::int64_t;

// "YYYY-MM-DDTHH:MM:SSZ" (UTC).
std::string to_iso8601(Timestamp t);

// The ISO 8601 week that contains `t` (UTC), as "YYYY-Www" ("2026-W48"). Used as the key that
// makes the weekly digest idempotent.
std::string iso_week(Timestamp t);

}  // namespace gezondin::domain
