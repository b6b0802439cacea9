// Opening SociCommunityDatabase, and the helpers its stores share.

#include "storage/soci/community_database.h"

#include <stdexcept>

#include "core/messages.h"
#include "storage/soci/connection.h"

namespace gezondin::storage {

core::Result<std::unique_ptr<CommunityDatabase>> open_community_database(const std::string& url, int pool_size) {
    auto spec = parse_database_url(url);
    if (!spec) return core::fail(spec.error());
    return SociCommunityDatabase::open(*spec, pool_size);
}

core::Result<std::unique_ptr<CommunityDatabase>> SociCommunityDatabase::open(const ConnectionSpec& spec,
                                                                             int pool_size) {
    if (pool_size < 1) return core::fail(core::Error::invalid_input(std::string(core::msg("storage.pool_size"))));
    auto db = std::make_unique<SociCommunityDatabase>(spec.engine, static_cast<std::size_t>(pool_size));
    try {
        for (int i = 0; i < pool_size; ++i) open_connection(db->m_pool.at(static_cast<std::size_t>(i)), spec);
    } catch (...) {
        return core::fail(core::Error::unavailable(current_exception_to_error().message()));
    }
    return std::unique_ptr<CommunityDatabase>(std::move(db));
}

void SociCommunityDatabase::lock_writes(soci::session& sql) const {
    if (m_engine == Engine::Sqlite) sql << "UPDATE write_locks SET taken = taken + 1 WHERE name = 'community'";
}

namespace community_rows {

void write_audit(soci::session& sql, const domain::AuditEntry& e) {
    sql << "INSERT INTO audit_log (at, actor_id, action, target, detail) VALUES (:a, :u, :w, :t, :d)", soci::use(e.at),
        soci::use(e.actor), soci::use(e.action), soci::use(e.target), soci::use(e.detail);
}

void write_audit(soci::session& sql, const Audit& audit) {
    if (audit) write_audit(sql, *audit);
}

std::int64_t insert_message(soci::session& sql, const NewMessage& m, Timestamp now) {
    long long id = 0;
    long long user = m.user.value_or(0);
    soci::indicator user_ind = m.user ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO outbox (user_id, to_address, subject, body, status, attempts, next_attempt_at, last_error, "
           "created_at) VALUES (:u, :t, :s, :b, 'pending', 0, :n, '', :c) RETURNING id",
        soci::into(id), soci::use(user, user_ind), soci::use(m.to), soci::use(m.subject), soci::use(m.body),
        soci::use(now), soci::use(now);
    return id;
}

domain::User read_user_row(long long id, const std::string& name, const std::string& email, soci::indicator email_ind,
                           const std::string& role, const std::string& status, int digest, long long created_at) {
    auto r = domain::role_from_slug(role);
    auto s = domain::user_status_from_slug(status);
    // Only this code writes these columns, from the same vocabularies.
    if (!r || !s) throw std::runtime_error("user " + std::to_string(id) + " has an unknown role or status");
    domain::User u;
    u.id = id;
    u.name = name;
    u.email = email_ind == soci::i_null ? std::string() : email;
    u.role = *r;
    u.status = *s;
    u.weekly_digest = digest != 0;
    u.created_at = created_at;
    return u;
}

}  // namespace community_rows

}  // namespace gezondin::storage
