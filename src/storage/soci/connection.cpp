#include "storage/soci/connection.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace gezondin::storage {

namespace {

// SQLite waits this long for another connection's write lock before reporting Unavailable.
constexpr int sqlite_busy_timeout_ms = 10'000;

std::string sqlite_connect_string(const std::string& path) {
    std::string quoted = "\"";
    for (char c : path) {
        if (c == '"') quoted.push_back('\\');
        quoted.push_back(c);
    }
    return "db=" + quoted + "\"";
}

}  // namespace

void open_connection(soci::session& sql, const ConnectionSpec& spec) {
    if (spec.engine == Engine::Postgresql) {
        sql.open(soci::postgresql, spec.target);
        return;
    }
    sql.open(soci::sqlite3, sqlite_connect_string(spec.target));
    std::string journal_mode;
    sql << "PRAGMA busy_timeout = " << sqlite_busy_timeout_ms;
    sql << "PRAGMA journal_mode = WAL", soci::into(journal_mode);
    sql << "PRAGMA synchronous = FULL";
    sql << "PRAGMA foreign_keys = ON";
    sql << "PRAGMA cache_size = -8192";   // 8 MiB per connection instead of 2 MiB
}

}  // namespace gezondin::storage
