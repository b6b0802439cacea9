#pragma once
// Turns a database URL (see open_database in storage/database.h) into what SOCI needs.

#include <string>
#include <string_view>

#include "core/error.h"

namespace gezondin::storage {

enum class Engine { Sqlite, Postgresql };

struct ConnectionSpec {
    Engine engine = Engine::Sqlite;
    // SQLite: the database file path as given (relative paths stay relative).
    // PostgreSQL: a libpq key/value connect string ("host='h' port='5432' dbname='d' ...").
    std::string target;
};

// Accepts "postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]" and
// "postgres://..." (percent-decoded; query parameters become libpq keywords such as sslmode
// or options), "sqlite:///abs/path.db", "sqlite://rel.db", "sqlite:rel.db" and plain paths.
// InvalidInput for an empty URL, another scheme or a malformed PostgreSQL URL.
core::Result<ConnectionSpec> parse_database_url(std::string_view url);

// "sqlite" or "postgresql".
std::string engine_name(Engine engine);

}  // namespace gezondin::storage
