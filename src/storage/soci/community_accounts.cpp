// The UserStore, SessionStore, TokenStore and ThrottleStore halves of SociCommunityDatabase.

#include <string_view>

#include "core/messages.h"
#include "storage/soci/community_database.h"
#include "storage/soci/community_sql.h"

namespace gezondin::storage {

using namespace community_rows;

namespace {

constexpr const char* user_columns = "id, name, email, role, status, weekly_digest, created_at";

core::Error user_not_found(UserId id) {
    return core::Error::not_found(std::string(core::msg("community.store.user")), std::to_string(id));
}

core::Error token_not_found() {
    return core::Error(core::ErrorCode::NotFound, std::string(core::msg("community.token.invalid")));
}

std::string_view purpose_slug(TokenPurpose p) {
    switch (p) {
    case TokenPurpose::ConfirmEmail: return "confirm_email";
    case TokenPurpose::ResetPassword: return "reset_password";
    case TokenPurpose::ChangeEmail: return "change_email";
    }
    return "confirm_email";
}

// Columns of one users row, read with into().
struct UserRow {
    long long id = 0, created_at = 0;
    std::string name, email, role, status;
    soci::indicator email_ind = soci::i_ok;
    int digest = 0;

    void exchange(soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(name));
        st.exchange(soci::into(email, email_ind));
        st.exchange(soci::into(role));
        st.exchange(soci::into(status));
        st.exchange(soci::into(digest));
        st.exchange(soci::into(created_at));
    }
    domain::User user() const { return read_user_row(id, name, email, email_ind, role, status, digest, created_at); }
};

// The users selected by `where` (text after "FROM users"), with one bound value.
template <typename T>
std::vector<domain::User> select_users(soci::session& sql, const std::string& where, const T& value) {
    std::vector<domain::User> out;
    UserRow row;
    soci::statement st(sql);
    row.exchange(st);
    st.exchange(soci::use(value));
    st.alloc();
    st.prepare(std::string("SELECT ") + user_columns + " FROM users " + where);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(row.user());
    return out;
}

struct SessionRow {
    SessionRecord r;
    void exchange(soci::statement& st) {
        st.exchange(soci::into(r.id_hash));
        st.exchange(soci::into(r.user));
        st.exchange(soci::into(r.csrf_token));
        st.exchange(soci::into(r.created_at));
        st.exchange(soci::into(r.last_seen_at));
        st.exchange(soci::into(r.expires_at));
        st.exchange(soci::into(r.user_agent));
        st.exchange(soci::into(r.ip));
    }
};
constexpr const char* session_columns = "id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, ip";

void insert_session(soci::session& sql, const SessionRecord& s) {
    sql << "INSERT INTO sessions (" << session_columns << ") VALUES (:h, :u, :c, :cr, :l, :e, :a, :i)",
        soci::use(s.id_hash), soci::use(s.user), soci::use(s.csrf_token), soci::use(s.created_at),
        soci::use(s.last_seen_at), soci::use(s.expires_at), soci::use(s.user_agent), soci::use(s.ip);
}

void insert_token(soci::session& sql, const NewToken& t) {
    const std::string purpose(purpose_slug(t.purpose));
    sql << "INSERT INTO tokens (hash, purpose, user_id, payload, created_at, expires_at) "
           "VALUES (:h, :p, :u, :pl, :c, :e)",
        soci::use(t.hash), soci::use(purpose), soci::use(t.user), soci::use(t.payload), soci::use(t.created_at),
        soci::use(t.expires_at);
}

struct Redeemed {
    UserId user = 0;
    std::string payload;
};

// Marks the token used when it is unused, unexpired, for `purpose` and its user not deleted.
// The UPDATE decides, so two concurrent redeems of one token cannot both succeed.
std::optional<Redeemed> redeem(soci::session& sql, const std::string& hash, TokenPurpose purpose, Timestamp now) {
    const std::string p(purpose_slug(purpose));
    Redeemed r;
    sql << "SELECT t.user_id, t.payload FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = :h AND "
           "t.purpose = :p AND t.used_at IS NULL AND t.expires_at > :n AND u.status <> 'deleted'",
        soci::into(r.user), soci::into(r.payload), soci::use(hash), soci::use(p), soci::use(now);
    if (!sql.got_data()) return std::nullopt;
    if (execute_counting(sql, "UPDATE tokens SET used_at = :n WHERE hash = :h AND used_at IS NULL", soci::use(now),
                         soci::use(hash)) != 1)
        return std::nullopt;
    return r;
}

}  // namespace

// ---- UserStore -------------------------------------------------------------------------------

core::Result<UserId> SociCommunityDatabase::create_user(const NewAccount& a, Timestamp now) {
    return run([&](soci::session& sql) -> core::Result<UserId> {
        const std::string role(domain::to_slug(a.user.role)), status(domain::to_slug(a.user.status));
        const int digest = a.user.weekly_digest ? 1 : 0;
        long long id = 0;
        soci::transaction tx(sql);
        sql << "INSERT INTO users (name, email, password_hash, role, status, weekly_digest, created_at) "
               "VALUES (:n, :e, :p, :r, :s, :d, :c) RETURNING id",
            soci::into(id), soci::use(a.user.name), soci::use(a.user.email), soci::use(a.password_hash), soci::use(role),
            soci::use(status), soci::use(digest), soci::use(now);
        if (!a.confirm_token_hash.empty())
            insert_token(sql, {a.confirm_token_hash, TokenPurpose::ConfirmEmail, id, "", now, a.confirm_expires_at});
        if (a.mail) {
            NewMessage mail = *a.mail;
            mail.user = id;
            insert_message(sql, mail, now);
        }
        tx.commit();
        return id;
    });
}

core::Result<domain::User> SociCommunityDatabase::user(UserId id) {
    return run([&](soci::session& sql) -> core::Result<domain::User> {
        auto found = select_users(sql, "WHERE id = :id", id);
        if (found.empty()) return core::fail(user_not_found(id));
        return found.front();
    });
}

core::Result<domain::User> SociCommunityDatabase::user_by_email(const std::string& email) {
    return run([&](soci::session& sql) -> core::Result<domain::User> {
        auto found = select_users(sql, "WHERE email = :e", email);
        if (found.empty())
            return core::fail(core::Error(core::ErrorCode::NotFound, std::string(core::msg("community.store.no_such_email"))));
        return found.front();
    });
}

core::Result<Credentials> SociCommunityDatabase::credentials(const std::string& email) {
    return run([&](soci::session& sql) -> core::Result<Credentials> {
        auto found = select_users(sql, "WHERE email = :e AND status <> 'deleted'", email);
        if (found.empty())
            return core::fail(core::Error(core::ErrorCode::NotFound, std::string(core::msg("community.store.no_such_email"))));
        Credentials c{found.front(), ""};
        sql << "SELECT password_hash FROM users WHERE id = :id", soci::into(c.password_hash), soci::use(c.user.id);
        return c;
    });
}

core::Result<std::string> SociCommunityDatabase::password_hash(UserId id) {
    return run([&](soci::session& sql) -> core::Result<std::string> {
        std::string hash;
        soci::indicator ind = soci::i_ok;
        sql << "SELECT password_hash FROM users WHERE id = :id AND status <> 'deleted'", soci::into(hash, ind), soci::use(id);
        if (!sql.got_data() || ind == soci::i_null) return core::fail(user_not_found(id));
        return hash;
    });
}

core::Status SociCommunityDatabase::set_password_hash(UserId id, const std::string& hash,
                                                      std::optional<std::string> keep_session) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        if (execute_counting(sql, "UPDATE users SET password_hash = :p WHERE id = :id AND status <> 'deleted'",
                             soci::use(hash), soci::use(id)) != 1)
            return core::fail(user_not_found(id));
        if (keep_session)
            sql << "DELETE FROM sessions WHERE user_id = :u AND id_hash <> :k", soci::use(id), soci::use(*keep_session);
        tx.commit();
        return {};
    });
}

core::Status SociCommunityDatabase::set_name(UserId id, const std::string& name) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Status {
        if (execute_counting(sql, "UPDATE users SET name = :n WHERE id = :id AND status <> 'deleted'", soci::use(name),
                             soci::use(id)) != 1)
            return core::fail(user_not_found(id));
        return {};
    });
}

core::Status SociCommunityDatabase::set_weekly_digest(UserId id, bool wanted) {
    return run([&](soci::session& sql) -> core::Status {
        const int value = wanted ? 1 : 0;
        if (execute_counting(sql, "UPDATE users SET weekly_digest = :d WHERE id = :id AND status <> 'deleted'",
                             soci::use(value), soci::use(id)) != 1)
            return core::fail(user_not_found(id));
        return {};
    });
}

core::Status SociCommunityDatabase::set_role(UserId id, domain::Role role, const Audit& audit) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Status {
        const std::string slug(domain::to_slug(role));
        soci::transaction tx(sql);
        if (execute_counting(sql, "UPDATE users SET role = :r WHERE id = :id AND status <> 'deleted'", soci::use(slug),
                             soci::use(id)) != 1)
            return core::fail(user_not_found(id));
        sql << "DELETE FROM sessions WHERE user_id = :u", soci::use(id);
        write_audit(sql, audit);
        tx.commit();
        return {};
    });
}

core::Status SociCommunityDatabase::set_status(UserId id, domain::UserStatus status, const Audit& audit) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Status {
        const std::string slug(domain::to_slug(status));
        soci::transaction tx(sql);
        if (execute_counting(sql, "UPDATE users SET status = :s WHERE id = :id AND status <> 'deleted'", soci::use(slug),
                             soci::use(id)) != 1)
            return core::fail(user_not_found(id));
        if (status != domain::UserStatus::Active) sql << "DELETE FROM sessions WHERE user_id = :u", soci::use(id);
        write_audit(sql, audit);
        tx.commit();
        return {};
    });
}

core::Result<std::vector<domain::User>> SociCommunityDatabase::users(long offset, long limit) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::User>> {
        std::vector<domain::User> out;
        UserRow row;
        const long long off = std::max(0L, offset), lim = std::max(0L, limit);
        soci::statement st(sql);
        row.exchange(st);
        st.exchange(soci::use(lim));
        st.exchange(soci::use(off));
        st.alloc();
        st.prepare(std::string("SELECT ") + user_columns + " FROM users ORDER BY id LIMIT :l OFFSET :o");
        st.define_and_bind();
        st.execute();
        while (st.fetch()) out.push_back(row.user());
        return out;
    });
}

core::Result<Erasure> SociCommunityDatabase::erase_user(UserId id, bool remove_contributions, Timestamp now) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Result<Erasure> {
        Erasure e;
        // SQLite keeps deleted bytes in free space and in the write-ahead log: overwrite them
        // (per connection; this one stays in the pool with it on), and empty the log below.
        const bool sqlite = sql.get_backend_name() == "sqlite3";
        if (sqlite) sql << "PRAGMA secure_delete = ON";
        soci::transaction tx(sql);
        lock_writes(sql);
        if (execute_counting(sql,
                             "UPDATE users SET name = '', email = NULL, password_hash = NULL, status = 'deleted', "
                             "weekly_digest = 0, deleted_at = :n WHERE id = :id AND status <> 'deleted'",
                             soci::use(now), soci::use(id)) != 1)
            return core::fail(user_not_found(id));
        e.sessions = execute_counting(sql, "DELETE FROM sessions WHERE user_id = :u", soci::use(id));
        e.tokens = execute_counting(sql, "DELETE FROM tokens WHERE user_id = :u", soci::use(id));
        e.bookmarks = execute_counting(sql, "DELETE FROM bookmarks WHERE user_id = :u", soci::use(id));
        e.follows = execute_counting(sql, "DELETE FROM follows WHERE user_id = :u", soci::use(id));
        e.memberships = execute_counting(sql, "DELETE FROM memberships WHERE user_id = :u", soci::use(id));
        e.messages = execute_counting(sql, "DELETE FROM outbox WHERE user_id = :u", soci::use(id));
        sql << "DELETE FROM comment_flags WHERE user_id = :u", soci::use(id);
        sql << "DELETE FROM digests WHERE user_id = :u", soci::use(id);
        sql << "DELETE FROM ongelijk_scenarios WHERE user_id = :u", soci::use(id);   // saved calculator settings
        {
            // The files of the contributions that go below, for the caller to remove when unused.
            std::string hash;
            soci::statement files = (sql.prepare << std::string("SELECT DISTINCT a.sha256 FROM attachments a JOIN contributions c "
                                                                "ON c.id = a.contribution_id WHERE c.author_id = :u") +
                                                        (remove_contributions ? ""
                                                                              : " AND c.status <> 'published' AND "
                                                                                "c.published_item_id IS NULL"),
                                     soci::into(hash), soci::use(id));
            files.execute();
            while (files.fetch()) e.removed_files.push_back(hash);
        }
        if (remove_contributions) {
            e.comments_removed = execute_counting(sql, "DELETE FROM comments WHERE author_id = :u", soci::use(id));
            e.contributions_removed = execute_counting(sql, "DELETE FROM contributions WHERE author_id = :u", soci::use(id));
        } else {
            // Work that never became public goes with the account (revisions and attachments cascade).
            e.contributions_removed = execute_counting(
                sql, "DELETE FROM contributions WHERE author_id = :u AND status <> 'published' AND published_item_id IS NULL",
                soci::use(id));
        }
        tx.commit();
        // Best effort: with readers busy the log is emptied at a later checkpoint.
        if (sqlite) sql << "PRAGMA wal_checkpoint(TRUNCATE)";
        return e;
    });
}

// ---- SessionStore ----------------------------------------------------------------------------

core::Status SociCommunityDatabase::create_session(const SessionRecord& fresh, const std::string& replaces) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        if (!replaces.empty()) sql << "DELETE FROM sessions WHERE id_hash = :h", soci::use(replaces);
        insert_session(sql, fresh);
        tx.commit();
        return {};
    });
}

core::Status SociCommunityDatabase::rotate_session(const std::string& old_hash, const SessionRecord& fresh) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        if (execute_counting(sql, "DELETE FROM sessions WHERE id_hash = :h AND user_id = :u", soci::use(old_hash),
                             soci::use(fresh.user)) != 1)
            return core::fail(core::Error(core::ErrorCode::NotFound, std::string(core::msg("community.session.gone"))));
        insert_session(sql, fresh);
        tx.commit();
        return {};
    });
}

core::Result<SessionRecord> SociCommunityDatabase::session(const std::string& id_hash) {
    return run([&](soci::session& sql) -> core::Result<SessionRecord> {
        SessionRow row;
        soci::statement st(sql);
        row.exchange(st);
        st.exchange(soci::use(id_hash));
        st.alloc();
        st.prepare(std::string("SELECT ") + session_columns + " FROM sessions WHERE id_hash = :h");
        st.define_and_bind();
        st.execute();
        if (!st.fetch())
            return core::fail(core::Error(core::ErrorCode::NotFound, std::string(core::msg("community.session.gone"))));
        return row.r;
    });
}

core::Status SociCommunityDatabase::touch_session(const std::string& id_hash, Timestamp now) {
    return run([&](soci::session& sql) -> core::Status {
        sql << "UPDATE sessions SET last_seen_at = :n WHERE id_hash = :h", soci::use(now), soci::use(id_hash);
        return {};
    });
}

core::Result<bool> SociCommunityDatabase::delete_session(const std::string& id_hash) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Result<bool> {
        return execute_counting(sql, "DELETE FROM sessions WHERE id_hash = :h", soci::use(id_hash)) > 0;
    });
}

core::Result<std::vector<SessionRecord>> SociCommunityDatabase::sessions_of(UserId user) {
    return run([&](soci::session& sql) -> core::Result<std::vector<SessionRecord>> {
        std::vector<SessionRecord> out;
        SessionRow row;
        soci::statement st(sql);
        row.exchange(st);
        st.exchange(soci::use(user));
        st.alloc();
        st.prepare(std::string("SELECT ") + session_columns +
                   " FROM sessions WHERE user_id = :u ORDER BY created_at DESC, id_hash");
        st.define_and_bind();
        st.execute();
        while (st.fetch()) out.push_back(row.r);
        return out;
    });
}

core::Result<long> SociCommunityDatabase::delete_sessions_of(UserId user, const std::string& except_hash) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Result<long> {
        return execute_counting(sql, "DELETE FROM sessions WHERE user_id = :u AND id_hash <> :h", soci::use(user),
                                soci::use(except_hash));
    });
}

core::Result<long> SociCommunityDatabase::purge_sessions(Timestamp now, Timestamp idle_before) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Result<long> {
        return execute_counting(sql, "DELETE FROM sessions WHERE expires_at <= :n OR last_seen_at < :i", soci::use(now),
                                soci::use(idle_before));
    });
}

// ---- TokenStore ------------------------------------------------------------------------------

core::Status SociCommunityDatabase::issue_token(const NewToken& token, const std::optional<NewMessage>& mail) {
    return run([&](soci::session& sql) -> core::Status {
        const std::string purpose(purpose_slug(token.purpose));
        soci::transaction tx(sql);
        sql << "UPDATE tokens SET used_at = :n WHERE user_id = :u AND purpose = :p AND used_at IS NULL",
            soci::use(token.created_at), soci::use(token.user), soci::use(purpose);
        insert_token(sql, token);
        if (mail) insert_message(sql, *mail, token.created_at);
        tx.commit();
        return {};
    });
}

core::Result<UserId> SociCommunityDatabase::redeem_confirm_email(const std::string& hash, Timestamp now) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Result<UserId> {
        soci::transaction tx(sql);
        lock_writes(sql);
        auto r = redeem(sql, hash, TokenPurpose::ConfirmEmail, now);
        if (!r) return core::fail(token_not_found());
        sql << "UPDATE users SET status = 'active' WHERE id = :u AND status = 'unconfirmed'", soci::use(r->user);
        tx.commit();
        return r->user;
    });
}

core::Result<UserId> SociCommunityDatabase::redeem_reset_password(const std::string& hash,
                                                                  const std::string& new_password_hash, Timestamp now) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Result<UserId> {
        soci::transaction tx(sql);
        lock_writes(sql);
        auto r = redeem(sql, hash, TokenPurpose::ResetPassword, now);
        if (!r) return core::fail(token_not_found());
        // Following the link proves the address, so an unconfirmed account becomes active.
        sql << "UPDATE users SET password_hash = :p, status = 'active' WHERE id = :u", soci::use(new_password_hash),
            soci::use(r->user);
        sql << "DELETE FROM sessions WHERE user_id = :u", soci::use(r->user);
        tx.commit();
        return r->user;
    });
}

core::Result<UserId> SociCommunityDatabase::redeem_change_email(const std::string& hash, Timestamp now) {
    const auto bump = sessions_change();
    return run([&](soci::session& sql) -> core::Result<UserId> {
        soci::transaction tx(sql);
        lock_writes(sql);
        auto r = redeem(sql, hash, TokenPurpose::ChangeEmail, now);
        if (!r) return core::fail(token_not_found());
        long long taken = 0;
        sql << "SELECT COUNT(*) FROM users WHERE email = :e AND id <> :u", soci::into(taken), soci::use(r->payload),
            soci::use(r->user);
        if (taken > 0)
            return core::fail(core::Error::conflict(std::string(core::msg("community.account.email_taken"))));
        sql << "UPDATE users SET email = :e WHERE id = :u", soci::use(r->payload), soci::use(r->user);
        tx.commit();
        return r->user;
    });
}

core::Result<long> SociCommunityDatabase::purge_tokens(Timestamp before) {
    return run([&](soci::session& sql) -> core::Result<long> {
        return execute_counting(sql, "DELETE FROM tokens WHERE expires_at < :b OR used_at < :b2", soci::use(before),
                                soci::use(before));
    });
}

// ---- ThrottleStore ---------------------------------------------------------------------------

core::Status SociCommunityDatabase::record_failures(const std::vector<std::string>& keys, Timestamp at) {
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        for (const auto& key : keys)
            sql << "INSERT INTO login_failures (key_hash, at) VALUES (:k, :a)", soci::use(key), soci::use(at);
        tx.commit();
        return {};
    });
}

core::Result<ThrottleState> SociCommunityDatabase::throttle_state(const std::string& key, Timestamp since) {
    return run([&](soci::session& sql) -> core::Result<ThrottleState> {
        long long count = 0, last = 0;
        sql << "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM login_failures WHERE key_hash = :k AND at >= :s",
            soci::into(count), soci::into(last), soci::use(key), soci::use(since);
        return ThrottleState{static_cast<long>(count), last};
    });
}

core::Status SociCommunityDatabase::clear_failures(const std::string& key) {
    return run([&](soci::session& sql) -> core::Status {
        sql << "DELETE FROM login_failures WHERE key_hash = :k", soci::use(key);
        return {};
    });
}

core::Result<long> SociCommunityDatabase::purge_failures(Timestamp before) {
    return run([&](soci::session& sql) -> core::Result<long> {
        return execute_counting(sql, "DELETE FROM login_failures WHERE at < :b", soci::use(before));
    });
}

}  // namespace gezondin::storage
