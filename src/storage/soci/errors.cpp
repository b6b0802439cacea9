#include "storage/soci/errors.h"

#include <exception>
#include <string>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include "core/messages.h"

namespace gezondin::storage {

namespace {

core::Error make(core::ErrorCode code, std::string_view key, const std::string& detail) {
    return core::Error(code, core::msg(key, {detail}));
}

core::Error from_sqlite(const soci::sqlite3_soci_error& e) {
    const std::string detail = e.get_error_message();
    switch (e.result() & 0xff) {
    case SQLITE_CONSTRAINT: return make(core::ErrorCode::Conflict, "storage.conflict", detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return make(core::ErrorCode::Unavailable, "storage.busy", detail);
    case SQLITE_TOOBIG: return make(core::ErrorCode::TooLarge, "storage.too_large", detail);
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: return make(core::ErrorCode::Unavailable, "storage.unavailable", detail);
    default: return make(core::ErrorCode::Internal, "storage.internal", detail);
    }
}

core::Error from_postgresql(const soci::postgresql_soci_error& e) {
    const std::string detail = e.get_error_message();
    const std::string state = e.sqlstate();
    const std::string klass = state.substr(0, 2);
    if (klass == "23") return make(core::ErrorCode::Conflict, "storage.conflict", detail);
    if (klass == "22") return make(core::ErrorCode::InvalidInput, "storage.invalid_data", detail);
    if (klass == "40") return make(core::ErrorCode::Unavailable, "storage.busy", detail);
    if (klass == "08" || klass == "53" || klass == "57" ||
        e.get_error_category() == soci::soci_error::connection_error)
        return make(core::ErrorCode::Unavailable, "storage.unavailable", detail);
    return make(core::ErrorCode::Internal, "storage.internal", detail);
}

bool mentions(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

core::Error from_soci(const soci::soci_error& e) {
    const std::string detail = e.get_error_message();
    if (e.get_error_category() == soci::soci_error::connection_error || mentions(detail, "connection") ||
        mentions(detail, "connect to") || mentions(detail, "database is locked"))
        return make(core::ErrorCode::Unavailable, "storage.unavailable", detail);
    if (e.get_error_category() == soci::soci_error::constraint_violation || mentions(detail, "constraint failed"))
        return make(core::ErrorCode::Conflict, "storage.conflict", detail);
    return make(core::ErrorCode::Internal, "storage.internal", detail);
}

}  // namespace

core::Error current_exception_to_error() {
    try {
        throw;
    } catch (const soci::sqlite3_soci_error& e) {
        return from_sqlite(e);
    } catch (const soci::postgresql_soci_error& e) {
        return from_postgresql(e);
    } catch (const soci::soci_error& e) {
        return from_soci(e);
    } catch (const std::exception& e) {
        return make(core::ErrorCode::Internal, "storage.internal", e.what());
    } catch (...) {
        return make(core::ErrorCode::Internal, "storage.internal", "?");
    }
}

void heal_session(soci::session& sql) noexcept {
    try {
        if (sql.get_backend_name() == "postgresql" && !sql.is_connected()) sql.reconnect();
    } catch (...) {
        // The server is still away; the next lease tries again.
    }
}

}  // namespace gezondin::storage
