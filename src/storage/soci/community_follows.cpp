// The BookmarkStore, FollowStore, OutboxStore and AuditLog halves of SociCommunityDatabase.

#include <algorithm>
#include <stdexcept>

#include "core/messages.h"
#include "storage/soci/community_database.h"
#include "storage/soci/community_sql.h"

namespace gezondin::storage {

using namespace community_rows;

namespace {

std::string_view status_slug(OutboxStatus s) {
    switch (s) {
    case OutboxStatus::Pending: return "pending";
    case OutboxStatus::Sent: return "sent";
    case OutboxStatus::Failed: return "failed";
    }
    return "pending";
}

OutboxStatus status_from_slug(const std::string& s) {
    for (auto st : {OutboxStatus::Pending, OutboxStatus::Sent, OutboxStatus::Failed})
        if (status_slug(st) == s) return st;
    throw std::runtime_error("outbox message with unknown status " + s);
}

struct MessageRow {
    OutboxMessage m;
    long long user = 0, sent = 0;
    soci::indicator user_ind = soci::i_ok, sent_ind = soci::i_ok;
    std::string status;
    void exchange(soci::statement& st) {
        st.exchange(soci::into(m.id));
        st.exchange(soci::into(user, user_ind));
        st.exchange(soci::into(m.to));
        st.exchange(soci::into(m.subject));
        st.exchange(soci::into(m.body));
        st.exchange(soci::into(status));
        st.exchange(soci::into(m.attempts));
        st.exchange(soci::into(m.next_attempt_at));
        st.exchange(soci::into(m.last_error));
        st.exchange(soci::into(m.created_at));
        st.exchange(soci::into(sent, sent_ind));
    }
    OutboxMessage get() const {
        OutboxMessage out = m;
        out.user = user_ind == soci::i_null ? std::nullopt : std::optional<UserId>(user);
        out.sent_at = sent_ind == soci::i_null ? std::nullopt : std::optional<Timestamp>(sent);
        out.status = status_from_slug(status);
        return out;
    }
};
constexpr const char* message_select =
    "SELECT id, user_id, to_address, subject, body, status, attempts, next_attempt_at, last_error, created_at, sent_at "
    "FROM outbox ";

std::vector<OutboxMessage> select_messages(soci::session& sql, const std::string& tail,
                                           const std::vector<long long>& values) {
    std::vector<OutboxMessage> out;
    MessageRow row;
    soci::statement st(sql);
    row.exchange(st);
    for (const auto& v : values) st.exchange(soci::use(v));
    st.alloc();
    st.prepare(message_select + tail);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(row.get());
    return out;
}

std::vector<domain::AuditEntry> select_audit(soci::session& sql, const std::string& tail,
                                             const std::vector<long long>& values) {
    std::vector<domain::AuditEntry> out;
    domain::AuditEntry e;
    soci::statement st(sql);
    st.exchange(soci::into(e.id));
    st.exchange(soci::into(e.at));
    st.exchange(soci::into(e.actor));
    st.exchange(soci::into(e.action));
    st.exchange(soci::into(e.target));
    st.exchange(soci::into(e.detail));
    for (const auto& v : values) st.exchange(soci::use(v));
    st.alloc();
    st.prepare("SELECT id, at, actor_id, action, target, detail FROM audit_log " + tail);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(e);
    return out;
}

}  // namespace

// ---- BookmarkStore ---------------------------------------------------------------------------

core::Status SociCommunityDatabase::add_bookmark(UserId user, domain::ItemId item, Timestamp now) {
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        lock_writes(sql);
        long long items = 0;
        sql << "SELECT COUNT(*) FROM items WHERE id = :i", soci::into(items), soci::use(item);
        if (items == 0) return core::fail(core::Error::not_found(std::string(core::msg("storage.item")), std::to_string(item)));
        sql << "INSERT INTO bookmarks (user_id, item_id, created_at) VALUES (:u, :i, :c) "
               "ON CONFLICT (user_id, item_id) DO NOTHING",
            soci::use(user), soci::use(item), soci::use(now);
        tx.commit();
        return {};
    });
}

core::Status SociCommunityDatabase::remove_bookmark(UserId user, domain::ItemId item) {
    return run([&](soci::session& sql) -> core::Status {
        sql << "DELETE FROM bookmarks WHERE user_id = :u AND item_id = :i", soci::use(user), soci::use(item);
        return {};
    });
}

core::Result<std::vector<Bookmark>> SociCommunityDatabase::bookmarks(UserId user) {
    return run([&](soci::session& sql) -> core::Result<std::vector<Bookmark>> {
        std::vector<Bookmark> out;
        Bookmark b;
        soci::statement st = (sql.prepare << "SELECT item_id, created_at FROM bookmarks WHERE user_id = :u "
                                             "ORDER BY created_at DESC, item_id DESC",
                              soci::into(b.item), soci::into(b.created_at), soci::use(user));
        st.execute();
        while (st.fetch()) out.push_back(b);
        return out;
    });
}

// ---- FollowStore -----------------------------------------------------------------------------

core::Status SociCommunityDatabase::follow(UserId user, const domain::Follow& f) {
    return run([&](soci::session& sql) -> core::Status {
        const std::string kind(domain::to_slug(f.kind));
        sql << "INSERT INTO follows (user_id, kind, value, created_at) VALUES (:u, :k, :v, :c) "
               "ON CONFLICT (user_id, kind, value) DO NOTHING",
            soci::use(user), soci::use(kind), soci::use(f.value), soci::use(f.created_at);
        return {};
    });
}

core::Status SociCommunityDatabase::unfollow(UserId user, domain::FollowKind kind, const std::string& value) {
    return run([&](soci::session& sql) -> core::Status {
        const std::string k(domain::to_slug(kind));
        sql << "DELETE FROM follows WHERE user_id = :u AND kind = :k AND value = :v", soci::use(user), soci::use(k),
            soci::use(value);
        return {};
    });
}

core::Result<std::vector<domain::Follow>> SociCommunityDatabase::follows(UserId user) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::Follow>> {
        std::vector<domain::Follow> out;
        std::string kind, value;
        long long created = 0;
        soci::statement st = (sql.prepare << "SELECT kind, value, created_at FROM follows WHERE user_id = :u",
                              soci::into(kind), soci::into(value), soci::into(created), soci::use(user));
        st.execute();
        while (st.fetch()) {
            auto k = domain::follow_kind_from_slug(kind);
            if (!k) throw std::runtime_error("follow with unknown kind " + kind);
            out.push_back({*k, value, created});
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return std::tie(a.kind, a.value) < std::tie(b.kind, b.value);
        });
        return out;
    });
}

core::Result<std::vector<domain::User>> SociCommunityDatabase::digest_recipients() {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::User>> {
        std::vector<domain::User> out;
        long long id = 0, created = 0;
        std::string name, email, role, status;
        soci::indicator email_ind = soci::i_ok;
        int digest = 0;
        soci::statement st =
            (sql.prepare << "SELECT id, name, email, role, status, weekly_digest, created_at FROM users u "
                            "WHERE status = 'active' AND weekly_digest = 1 AND EXISTS "
                            "(SELECT 1 FROM follows f WHERE f.user_id = u.id) ORDER BY id",
             soci::into(id), soci::into(name), soci::into(email, email_ind), soci::into(role), soci::into(status),
             soci::into(digest), soci::into(created));
        st.execute();
        while (st.fetch()) out.push_back(read_user_row(id, name, email, email_ind, role, status, digest, created));
        return out;
    });
}

core::Result<std::vector<domain::ItemId>> SociCommunityDatabase::new_items_followed_by(UserId user, Timestamp since,
                                                                                       Timestamp until) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::ItemId>> {
        // items.created_at is ISO 8601 UTC text, which sorts chronologically.
        const std::string from = domain::to_iso8601(since), to = domain::to_iso8601(until);
        std::vector<domain::ItemId> out;
        long long id = 0;
        soci::statement st =
            (sql.prepare << "SELECT i.id FROM items i WHERE i.created_at >= :f AND i.created_at < :t AND ("
                            "EXISTS (SELECT 1 FROM item_themes t JOIN follows f ON f.kind = 'theme' AND f.value = t.theme "
                            "WHERE t.item_id = i.id AND f.user_id = :u1) "
                            "OR EXISTS (SELECT 1 FROM item_goals g JOIN follows f ON f.kind = 'goal' AND "
                            "f.value = CAST(g.goal AS TEXT) WHERE g.item_id = i.id AND f.user_id = :u2) "
                            "OR EXISTS (SELECT 1 FROM follows f WHERE f.kind = 'municipality' AND "
                            "f.value = i.municipality_code AND f.user_id = :u3)) ORDER BY i.id",
             soci::into(id), soci::use(from), soci::use(to), soci::use(user), soci::use(user), soci::use(user));
        st.execute();
        while (st.fetch()) out.push_back(id);
        return out;
    });
}

core::Result<bool> SociCommunityDatabase::enqueue_digest(UserId user, const std::string& week, const NewMessage& mail,
                                                         Timestamp now) {
    return run([&](soci::session& sql) -> core::Result<bool> {
        soci::transaction tx(sql);
        if (execute_counting(sql,
                             "INSERT INTO digests (user_id, week, created_at) VALUES (:u, :w, :c) "
                             "ON CONFLICT (user_id, week) DO NOTHING",
                             soci::use(user), soci::use(week), soci::use(now)) != 1)
            return false;
        insert_message(sql, mail, now);
        tx.commit();
        return true;
    });
}

// ---- OutboxStore -----------------------------------------------------------------------------

core::Result<std::int64_t> SociCommunityDatabase::enqueue_message(const NewMessage& message, Timestamp now) {
    return run([&](soci::session& sql) -> core::Result<std::int64_t> {
        soci::transaction tx(sql);
        auto id = insert_message(sql, message, now);
        tx.commit();
        return id;
    });
}

core::Result<std::vector<OutboxMessage>> SociCommunityDatabase::claim_due_messages(Timestamp now, long lease_seconds,
                                                                                   long limit) {
    return run([&](soci::session& sql) -> core::Result<std::vector<OutboxMessage>> {
        const long long at = now, lim = std::max(0L, limit), lease = now + std::max(1L, lease_seconds);
        soci::transaction tx(sql);
        lock_writes(sql);
        // SQLite serialises writers through lock_writes; on PostgreSQL each sender locks the rows it
        // picks and skips those another sender holds, so concurrent senders take disjoint batches.
        std::string tail = "WHERE status = 'pending' AND next_attempt_at <= :n ORDER BY next_attempt_at, id LIMIT :l";
        if (m_engine == Engine::Postgresql) tail += " FOR UPDATE SKIP LOCKED";
        auto due = select_messages(sql, tail, {at, lim});
        std::vector<OutboxMessage> claimed;
        for (auto& m : due) {
            // Only the sender whose UPDATE still sees the old time gets the message.
            if (execute_counting(sql, "UPDATE outbox SET next_attempt_at = :l WHERE id = :id AND next_attempt_at = :o",
                                 soci::use(lease), soci::use(m.id), soci::use(m.next_attempt_at)) == 1) {
                m.next_attempt_at = lease;
                claimed.push_back(std::move(m));
            }
        }
        tx.commit();
        return claimed;
    });
}

core::Status SociCommunityDatabase::mark_message_sent(std::int64_t id, Timestamp now) {
    return run([&](soci::session& sql) -> core::Status {
        if (execute_counting(sql,
                             "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = :n, last_error = '' "
                             "WHERE id = :id",
                             soci::use(now), soci::use(id)) != 1)
            return core::fail(core::Error::not_found(std::string(core::msg("community.store.message")), std::to_string(id)));
        return {};
    });
}

core::Status SociCommunityDatabase::mark_message_failed(std::int64_t id, const std::string& error,
                                                        std::optional<Timestamp> retry_at) {
    return run([&](soci::session& sql) -> core::Status {
        const std::string status = retry_at ? "pending" : "failed";
        const long long next = retry_at.value_or(0);
        long n = 0;
        if (retry_at)
            n = execute_counting(sql,
                                 "UPDATE outbox SET status = :s, attempts = attempts + 1, last_error = :e, "
                                 "next_attempt_at = :n WHERE id = :id",
                                 soci::use(status), soci::use(error), soci::use(next), soci::use(id));
        else
            n = execute_counting(sql, "UPDATE outbox SET status = :s, attempts = attempts + 1, last_error = :e WHERE id = :id",
                                 soci::use(status), soci::use(error), soci::use(id));
        if (n != 1)
            return core::fail(core::Error::not_found(std::string(core::msg("community.store.message")), std::to_string(id)));
        return {};
    });
}

core::Result<std::vector<OutboxMessage>> SociCommunityDatabase::messages(long offset, long limit) {
    return run([&](soci::session& sql) -> core::Result<std::vector<OutboxMessage>> {
        return select_messages(sql, "ORDER BY id DESC LIMIT :l OFFSET :o", {std::max(0L, limit), std::max(0L, offset)});
    });
}

core::Result<std::vector<OutboxMessage>> SociCommunityDatabase::messages_to_user(UserId user) {
    return run([&](soci::session& sql) -> core::Result<std::vector<OutboxMessage>> {
        return select_messages(sql, "WHERE user_id = :u ORDER BY id", {user});
    });
}

// ---- AuditLog --------------------------------------------------------------------------------

core::Status SociCommunityDatabase::append_audit(const domain::AuditEntry& entry) {
    return run([&](soci::session& sql) -> core::Status {
        write_audit(sql, entry);
        return {};
    });
}

core::Result<std::vector<domain::AuditEntry>> SociCommunityDatabase::audit_entries(long offset, long limit) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::AuditEntry>> {
        return select_audit(sql, "ORDER BY id DESC LIMIT :l OFFSET :o", {std::max(0L, limit), std::max(0L, offset)});
    });
}

core::Result<std::vector<domain::AuditEntry>> SociCommunityDatabase::audit_entries_by(UserId actor) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::AuditEntry>> {
        return select_audit(sql, "WHERE actor_id = :a ORDER BY id DESC", {actor});
    });
}

}  // namespace gezondin::storage
