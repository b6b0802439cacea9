#pragma once
// The one place where SOCI, SQLite and libpq exceptions become core::Error values; nothing
// thrown by a library leaves storage/soci/.

#include <type_traits>

#include <soci/soci.h>

#include "core/error.h"

namespace gezondin::storage {

// Maps the exception being handled to an Error: constraint violations -> Conflict; busy,
// locked, lost connection, deadlock, disk full -> Unavailable; bad data (PostgreSQL class 22)
// -> InvalidInput; anything else -> Internal. Call only inside a catch block.
core::Error current_exception_to_error();

// After a failure: reconnects a session whose PostgreSQL connection broke, so that the pool
// heals once the server is back. Never throws.
void heal_session(soci::session& sql) noexcept;

// Leases a session from `pool` (blocking until one is free), runs `body(session)` and turns
// every exception into a failed Result. `body` returns a core::Result<T> or core::Status.
template <typename F>
auto with_session(soci::connection_pool& pool, F&& body) -> std::invoke_result_t<F&, soci::session&> {
    try {
        soci::session sql(pool);
        try {
            return body(sql);
        } catch (...) {
            heal_session(sql);
            throw;
        }
    } catch (...) {
        return core::fail(current_exception_to_error());
    }
}

}  // namespace gezondin::storage
