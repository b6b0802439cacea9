#pragma once
// The SOCI implementation of storage::CommunityDatabase, one code path for SQLite and
// PostgreSQL, with its own connection pool on the database that storage::Database migrates.
// Each call leases one session for its duration (see errors.h: with_session), so the object
// is thread-safe.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include <soci/soci.h>

#include "storage/community.h"
#include "storage/soci/connection_url.h"
#include "storage/soci/errors.h"

namespace gezondin::storage {

class SociCommunityDatabase final : public CommunityDatabase {
public:
    static core::Result<std::unique_ptr<CommunityDatabase>> open(const ConnectionSpec& spec, int pool_size);
    SociCommunityDatabase(Engine engine, std::size_t pool_size) : m_engine(engine), m_pool(pool_size) {}

    // UserStore
    core::Result<UserId> create_user(const NewAccount& account, Timestamp now) override;
    core::Result<domain::User> user(UserId id) override;
    core::Result<domain::User> user_by_email(const std::string& email) override;
    core::Result<Credentials> credentials(const std::string& email) override;
    core::Result<std::string> password_hash(UserId id) override;
    core::Status set_password_hash(UserId id, const std::string& hash, std::optional<std::string> keep_session) override;
    core::Status set_name(UserId id, const std::string& name) override;
    core::Status set_weekly_digest(UserId id, bool wanted) override;
    core::Status set_role(UserId id, domain::Role role, const Audit& audit) override;
    core::Status set_status(UserId id, domain::UserStatus status, const Audit& audit) override;
    core::Result<std::vector<domain::User>> users(long offset, long limit) override;
    core::Result<Erasure> erase_user(UserId id, bool remove_contributions, Timestamp now) override;

    // SessionStore
    core::Status create_session(const SessionRecord& fresh, const std::string& replaces) override;
    core::Status rotate_session(const std::string& old_hash, const SessionRecord& fresh) override;
    core::Result<SessionRecord> session(const std::string& id_hash) override;
    core::Status touch_session(const std::string& id_hash, Timestamp now) override;
    core::Result<bool> delete_session(const std::string& id_hash) override;
    core::Result<std::vector<SessionRecord>> sessions_of(UserId user) override;
    core::Result<long> delete_sessions_of(UserId user, const std::string& except_hash) override;
    core::Result<long> purge_sessions(Timestamp now, Timestamp idle_before) override;

    // TokenStore
    core::Status issue_token(const NewToken& token, const std::optional<NewMessage>& mail) override;
    core::Result<UserId> redeem_confirm_email(const std::string& hash, Timestamp now) override;
    core::Result<UserId> redeem_reset_password(const std::string& hash, const std::string& new_password_hash,
                                               Timestamp now) override;
    core::Result<UserId> redeem_change_email(const std::string& hash, Timestamp now) override;
    core::Result<long> purge_tokens(Timestamp before) override;

    // ThrottleStore
    core::Status record_failures(const std::vector<std::string>& keys, Timestamp at) override;
    core::Result<ThrottleState> throttle_state(const std::string& key, Timestamp since) override;
    core::Status clear_failures(const std::string& key) override;
    core::Result<long> purge_failures(Timestamp before) override;

    // OrganisationStore
    core::Result<domain::OrganisationId> create_organisation(const domain::Organisation& org, const Audit& audit) override;
    core::Result<domain::Organisation> organisation(domain::OrganisationId id) override;
    core::Result<std::vector<domain::Organisation>> organisations() override;
    core::Status add_member(const domain::Membership& membership, const Audit& audit) override;
    core::Status remove_member(domain::OrganisationId org, UserId user, const Audit& audit) override;
    core::Result<std::vector<Member>> members(domain::OrganisationId org) override;
    core::Result<std::vector<domain::Membership>> memberships_of(UserId user) override;
    core::Result<bool> is_member(domain::OrganisationId org, UserId user) override;

    // ContributionStore
    core::Result<domain::ContributionId> create_contribution(const domain::Contribution& c, Timestamp now) override;
    core::Result<domain::Contribution> contribution(domain::ContributionId id) override;
    core::Status change_contribution(const ContributionChange& change, const Audit& audit) override;
    core::Result<std::vector<ContributionSummary>> contributions_by_author(UserId author) override;
    core::Result<std::vector<ContributionSummary>> contributions_by_organisation(domain::OrganisationId org) override;
    core::Result<std::vector<ContributionSummary>> contributions_with_status(domain::ContributionStatus s, long offset,
                                                                             long limit) override;
    core::Result<std::vector<domain::Revision>> revisions(domain::ContributionId id) override;
    core::Result<domain::Revision> revision(domain::ContributionId id, int number) override;

    // AttachmentStore
    core::Result<std::int64_t> add_attachment(const Attachment& attachment) override;
    core::Result<Attachment> attachment(std::int64_t id) override;
    core::Result<std::vector<Attachment>> attachments_of(domain::ContributionId contribution) override;
    core::Status remove_attachment(domain::ContributionId contribution, std::int64_t id) override;
    core::Result<long> attachments_with_hash(const std::string& sha256) override;

    // CommentStore
    core::Result<domain::CommentId> add_comment(const domain::Comment& comment) override;
    core::Result<domain::Comment> comment(domain::CommentId id) override;
    core::Result<std::vector<domain::Comment>> comments_on(domain::ItemId item, bool include_hidden) override;
    core::Result<std::vector<domain::Comment>> comments_by(UserId author) override;
    core::Status set_comment_hidden(domain::CommentId id, const std::optional<domain::Moderation>& hidden,
                                    const Audit& audit) override;
    core::Status flag_comment(const domain::Flag& flag) override;
    core::Result<std::vector<domain::Flag>> flags_on(domain::CommentId id) override;
    core::Result<std::vector<domain::Flag>> flags_by(UserId user) override;
    core::Result<std::vector<domain::Comment>> flagged_comments(long limit) override;

    // BookmarkStore
    core::Status add_bookmark(UserId user, domain::ItemId item, Timestamp now) override;
    core::Status remove_bookmark(UserId user, domain::ItemId item) override;
    core::Result<std::vector<Bookmark>> bookmarks(UserId user) override;

    // FollowStore
    core::Status follow(UserId user, const domain::Follow& follow) override;
    core::Status unfollow(UserId user, domain::FollowKind kind, const std::string& value) override;
    core::Result<std::vector<domain::Follow>> follows(UserId user) override;
    core::Result<std::vector<domain::User>> digest_recipients() override;
    core::Result<std::vector<domain::ItemId>> new_items_followed_by(UserId user, Timestamp since, Timestamp until) override;
    core::Result<bool> enqueue_digest(UserId user, const std::string& week, const NewMessage& mail, Timestamp now) override;

    // OutboxStore
    core::Result<std::int64_t> enqueue_message(const NewMessage& message, Timestamp now) override;
    core::Result<std::vector<OutboxMessage>> claim_due_messages(Timestamp now, long lease_seconds, long limit) override;
    core::Status mark_message_sent(std::int64_t id, Timestamp now) override;
    core::Status mark_message_failed(std::int64_t id, const std::string& error, std::optional<Timestamp> retry_at) override;
    core::Result<std::vector<OutboxMessage>> messages(long offset, long limit) override;
    core::Result<std::vector<OutboxMessage>> messages_to_user(UserId user) override;
    core::Result<long> purge_sent_messages(Timestamp before) override;

    // JobStore (community_jobs.cpp)
    core::Result<std::optional<Timestamp>> last_job_run(const std::string& job) override;
    core::Result<bool> claim_job_run(const std::string& job, Timestamp due_at, Timestamp now) override;

    // AuditLog
    core::Status append_audit(const domain::AuditEntry& entry) override;
    core::Result<std::vector<domain::AuditEntry>> audit_entries(long offset, long limit) override;
    core::Result<std::vector<domain::AuditEntry>> audit_entries_by(UserId actor) override;
    std::uint64_t session_epoch() const override { return m_session_epoch.load(std::memory_order_acquire); }

private:
    // Moves the session epoch when the write method that holds it returns (after its commit).
    struct EpochBump {
        std::atomic<std::uint64_t>& epoch;
        ~EpochBump() { epoch.fetch_add(1, std::memory_order_acq_rel); }
    };
    EpochBump sessions_change() { return EpochBump{m_session_epoch}; }

    template <typename F>
    auto run(F&& body) {
        return with_session(m_pool, std::forward<F>(body));
    }
    // The first statement of every write transaction that reads before it writes (SQLite:
    // takes the write lock now; PostgreSQL: nothing, row locks do the work).
    void lock_writes(soci::session& sql) const;

    Engine m_engine;
    soci::connection_pool m_pool;
    std::atomic<std::uint64_t> m_session_epoch{0};
};

// Helpers shared by the community_*.cpp files; they run inside the caller's session and throw
// SOCI exceptions.
namespace community_rows {
void write_audit(soci::session& sql, const Audit& audit);
void write_audit(soci::session& sql, const domain::AuditEntry& entry);
std::int64_t insert_message(soci::session& sql, const NewMessage& message, Timestamp now);
domain::User read_user_row(long long id, const std::string& name, const std::string& email, soci::indicator email_ind,
                           const std::string& role, const std::string& status, int digest, long long created_at);
}  // namespace community_rows

}  // namespace gezondin::storage
