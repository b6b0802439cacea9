#pragma once
// Storage interfaces of the community part: accounts, sessions, single-use tokens, login
// throttling, organisations, contributions with revisions, comments with flags, bookmarks,
// follows with the weekly digest, the e-mail outbox and the audit log.
//
// Contract of every store here (as for database.h): thread-safe; every write is one
// transaction; every value is a bound parameter. Times are domain::Timestamp (seconds since
// 1970 UTC) passed in by the caller, so the services own the clock. Secrets never reach these
// stores in the clear: session ids and tokens arrive as their hashes (see
// services/community/tokens.h), passwords as argon2id strings.
//
// Writes that an administrator or editor makes take an optional domain::AuditEntry that is
// written in the same transaction, so the audit log never misses or invents an action.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/audit.h"
#include "domain/comment.h"
#include "domain/contribution.h"
#include "domain/follow.h"
#include "domain/organisation.h"
#include "domain/timestamp.h"
#include "domain/user.h"

namespace gezondin::storage {

using domain::Timestamp;
using domain::UserId;
using Audit = std::optional<domain::AuditEntry>;

// ---- Outbox --------------------------------------------------------------------------------

enum class OutboxStatus { Pending, Sent, Failed };

// A message to queue. `user` ties it to an account, so that deleting the account deletes it.
struct NewMessage {
    std::optional<UserId> user;
    std::string to;
    std::string subject;
    std::string body;   // plain text
};

struct OutboxMessage {
    std::int64_t id = 0;
    std::optional<UserId> user;
    std::string to, subject, body;
    OutboxStatus status = OutboxStatus::Pending;
    int attempts = 0;
    Timestamp next_attempt_at = 0;
    std::string last_error;
    Timestamp created_at = 0;
    std::optional<Timestamp> sent_at;
};

class OutboxStore {
public:
    virtual ~OutboxStore() = default;
    virtual core::Result<std::int64_t> enqueue_message(const NewMessage& message, Timestamp now) = 0;
    // Pending messages due at `now` (oldest first, at most `limit`), each leased until
    // now + lease_seconds so that another sender (another server on the same PostgreSQL) does
    // not pick the same message meanwhile.
    virtual core::Result<std::vector<OutboxMessage>> claim_due_messages(Timestamp now, long lease_seconds,
                                                                        long limit) = 0;
    virtual core::Status mark_message_sent(std::int64_t id, Timestamp now) = 0;
    // Counts one failed attempt; retries at `retry_at`, or gives up (status Failed) when none.
    virtual core::Status mark_message_failed(std::int64_t id, const std::string& error,
                                             std::optional<Timestamp> retry_at) = 0;
    // All messages, newest first (for the administrator's outbox page and the demo).
    virtual core::Result<std::vector<OutboxMessage>> messages(long offset, long limit) = 0;
    virtual core::Result<std::vector<OutboxMessage>> messages_to_user(UserId user) = 0;
    // Deletes the messages sent before `before`; returns how many. Pending and failed ones stay.
    virtual core::Result<long> purge_sent_messages(Timestamp before) = 0;
};

// ---- Background jobs -----------------------------------------------------------------------

// When each periodic job of the server last ran (e.g. "weekly-digest"), so that a restart, or a
// second server on the same database, does not run it again for the same period.
class JobStore {
public:
    virtual ~JobStore() = default;
    virtual core::Result<std::optional<Timestamp>> last_job_run(const std::string& job) = 0;
    // Records a run at `now` when none is recorded yet or the last one was before `due_at`;
    // true when this call recorded it (the caller then runs the job), false when another did.
    virtual core::Result<bool> claim_job_run(const std::string& job, Timestamp due_at, Timestamp now) = 0;
};

// ---- Users -------------------------------------------------------------------------------

// What register stores, in one transaction: the user, the confirmation token (hash) and the
// confirmation e-mail.
struct NewAccount {
    domain::User user;                  // id ignored; email already normalised
    std::string password_hash;
    std::string confirm_token_hash;     // empty: no token (e.g. accounts made on the command line)
    Timestamp confirm_expires_at = 0;
    std::optional<NewMessage> mail;
};

struct Credentials {
    domain::User user;
    std::string password_hash;
};

// What erase_user removed, for the caller's report.
struct Erasure {
    long sessions = 0, tokens = 0, bookmarks = 0, follows = 0, memberships = 0, messages = 0;
    long contributions_removed = 0, comments_removed = 0;
    std::vector<std::string> removed_files;   // sha256 of the attachments of the removed contributions
};

class UserStore {
public:
    virtual ~UserStore() = default;
    // Conflict when the e-mail address is taken.
    virtual core::Result<UserId> create_user(const NewAccount& account, Timestamp now) = 0;
    virtual core::Result<domain::User> user(UserId id) = 0;                        // NotFound
    virtual core::Result<domain::User> user_by_email(const std::string& email) = 0; // NotFound
    // The user and password hash for a login; NotFound for an unknown or deleted address.
    virtual core::Result<Credentials> credentials(const std::string& email) = 0;
    virtual core::Result<std::string> password_hash(UserId id) = 0;
    // Replaces the hash; when `keep_session` is given, ends every other session of the user.
    virtual core::Status set_password_hash(UserId id, const std::string& hash,
                                           std::optional<std::string> keep_session) = 0;
    virtual core::Status set_name(UserId id, const std::string& name) = 0;
    virtual core::Status set_weekly_digest(UserId id, bool wanted) = 0;
    // Changes the role and ends all the user's sessions (a privilege change needs a new login).
    virtual core::Status set_role(UserId id, domain::Role role, const Audit& audit) = 0;
    virtual core::Status set_status(UserId id, domain::UserStatus status, const Audit& audit) = 0;
    // All users by id, deleted ones included.
    virtual core::Result<std::vector<domain::User>> users(long offset, long limit) = 0;
    // Removes the personal data of the account in one transaction: name, e-mail, password
    // hash, sessions, tokens, bookmarks, follows, memberships, flags, digests and queued
    // e-mails; the row stays (status Deleted) so that kept contributions and comments show
    // "voormalig lid". Contributions that were never published go in any case (with their
    // revisions and attachment records); with `remove_contributions` the published ones and the
    // user's comments go too, and the caller deletes their kennisbank items first.
    virtual core::Result<Erasure> erase_user(UserId id, bool remove_contributions, Timestamp now) = 0;
};

// ---- Sessions ------------------------------------------------------------------------------

struct SessionRecord {
    std::string id_hash;        // hash of the cookie value; the cookie itself is never stored
    UserId user = 0;
    std::string csrf_token;     // per-session CSRF secret for forms
    Timestamp created_at = 0;
    Timestamp last_seen_at = 0;
    Timestamp expires_at = 0;   // absolute end
    std::string user_agent;
    std::string ip;
};

class SessionStore {
public:
    virtual ~SessionStore() = default;
    // Stores `fresh`; when `replaces` is non-empty, deletes that session in the same
    // transaction (rotation on login and privilege change: new id, old deleted).
    virtual core::Status create_session(const SessionRecord& fresh, const std::string& replaces) = 0;
    // Replaces an existing session by `fresh` (same user, new id). NotFound when `old_hash` is gone.
    virtual core::Status rotate_session(const std::string& old_hash, const SessionRecord& fresh) = 0;
    virtual core::Result<SessionRecord> session(const std::string& id_hash) = 0;   // NotFound
    virtual core::Status touch_session(const std::string& id_hash, Timestamp now) = 0;
    // Idempotent: true when a session was deleted.
    virtual core::Result<bool> delete_session(const std::string& id_hash) = 0;
    // Newest first.
    virtual core::Result<std::vector<SessionRecord>> sessions_of(UserId user) = 0;
    // Deletes all the user's sessions except `except_hash` (empty: all); returns how many.
    virtual core::Result<long> delete_sessions_of(UserId user, const std::string& except_hash) = 0;
    // Deletes sessions past expires_at or idle since before `idle_before`.
    virtual core::Result<long> purge_sessions(Timestamp now, Timestamp idle_before) = 0;
    // Moves after every write through this object that can end a session or change the account
    // behind it (sessions, role, status, name, password, address, erasure), once the write is
    // done: a cache of verified sessions that remembers it sees every such change at once.
    virtual std::uint64_t session_epoch() const = 0;
};

// ---- Single-use tokens ---------------------------------------------------------------------

enum class TokenPurpose { ConfirmEmail, ResetPassword, ChangeEmail };

struct NewToken {
    std::string hash;
    TokenPurpose purpose = TokenPurpose::ConfirmEmail;
    UserId user = 0;
    std::string payload;        // ChangeEmail: the new (normalised) address
    Timestamp created_at = 0;
    Timestamp expires_at = 0;
};

// Every redeem_* marks the token used in the same transaction as its effect. NotFound when
// the token is unknown, used, expired, for another purpose or its user is deleted: the caller
// cannot tell these apart, and neither can the person with the link.
class TokenStore {
public:
    virtual ~TokenStore() = default;
    // Stores the token and queues `mail` in one transaction. Earlier unused tokens of the same
    // user and purpose stop working.
    virtual core::Status issue_token(const NewToken& token, const std::optional<NewMessage>& mail) = 0;
    // Unconfirmed -> Active.
    virtual core::Result<UserId> redeem_confirm_email(const std::string& hash, Timestamp now) = 0;
    // Sets the new password hash and ends every session of the user.
    virtual core::Result<UserId> redeem_reset_password(const std::string& hash, const std::string& new_password_hash,
                                                       Timestamp now) = 0;
    // Sets the address from the payload; Conflict when another account took it meanwhile.
    virtual core::Result<UserId> redeem_change_email(const std::string& hash, Timestamp now) = 0;
    virtual core::Result<long> purge_tokens(Timestamp before) = 0;
};

// ---- Login throttling ----------------------------------------------------------------------

struct ThrottleState {
    long failures = 0;            // failures recorded since `since`
    Timestamp last_failure = 0;   // 0 when none
};

// Failed logins per key. Keys are opaque to the store; the service passes hashes of
// "account:<e-mail>" and "address:<ip>" so that no address is kept in the clear.
class ThrottleStore {
public:
    virtual ~ThrottleStore() = default;
    // One failure for each key, in one transaction.
    virtual core::Status record_failures(const std::vector<std::string>& keys, Timestamp at) = 0;
    virtual core::Result<ThrottleState> throttle_state(const std::string& key, Timestamp since) = 0;
    virtual core::Status clear_failures(const std::string& key) = 0;
    virtual core::Result<long> purge_failures(Timestamp before) = 0;
};

// ---- Organisations -------------------------------------------------------------------------

struct Member {
    domain::User user;
    Timestamp joined_at = 0;
};

class OrganisationStore {
public:
    virtual ~OrganisationStore() = default;
    virtual core::Result<domain::OrganisationId> create_organisation(const domain::Organisation& org,
                                                                     const Audit& audit) = 0;
    virtual core::Result<domain::Organisation> organisation(domain::OrganisationId id) = 0;   // NotFound
    // By name (byte order), then id.
    virtual core::Result<std::vector<domain::Organisation>> organisations() = 0;
    // Conflict when already a member; NotFound when the organisation or user is unknown.
    virtual core::Status add_member(const domain::Membership& membership, const Audit& audit) = 0;
    // NotFound when not a member.
    virtual core::Status remove_member(domain::OrganisationId org, UserId user, const Audit& audit) = 0;
    // By name, then id.
    virtual core::Result<std::vector<Member>> members(domain::OrganisationId org) = 0;
    virtual core::Result<std::vector<domain::Membership>> memberships_of(UserId user) = 0;
    virtual core::Result<bool> is_member(domain::OrganisationId org, UserId user) = 0;
};

// ---- Contributions -------------------------------------------------------------------------

// A change to a contribution, applied only when its stored status is still `expected`
// (Conflict otherwise: someone else moved it first). With `content`, the content is replaced
// and a new revision by `by` is kept.
struct ContributionChange {
    domain::ContributionId id = 0;
    domain::ContributionStatus expected = domain::ContributionStatus::Draft;
    domain::ContributionStatus status = domain::ContributionStatus::Draft;
    std::string feedback;
    std::optional<domain::Item> content;
    std::optional<domain::ItemId> published_item;   // set (kept when none)
    UserId by = 0;
    Timestamp at = 0;
};

struct ContributionSummary {
    domain::ContributionId id = 0;
    UserId author = 0;
    std::optional<domain::OrganisationId> organisation;
    domain::ContributionStatus status = domain::ContributionStatus::Draft;
    domain::ItemType type = domain::ItemType::Praktijkvoorbeeld;
    std::string title;
    std::optional<domain::ItemId> published_item;
    Timestamp updated_at = 0;
};

class ContributionStore {
public:
    virtual ~ContributionStore() = default;
    // Stores a new contribution with revision 1 (by its author).
    virtual core::Result<domain::ContributionId> create_contribution(const domain::Contribution& c, Timestamp now) = 0;
    virtual core::Result<domain::Contribution> contribution(domain::ContributionId id) = 0;   // NotFound
    virtual core::Status change_contribution(const ContributionChange& change, const Audit& audit) = 0;
    // Newest change first.
    virtual core::Result<std::vector<ContributionSummary>> contributions_by_author(UserId author) = 0;
    virtual core::Result<std::vector<ContributionSummary>> contributions_by_organisation(domain::OrganisationId org) = 0;
    // Oldest change first (a review queue).
    virtual core::Result<std::vector<ContributionSummary>> contributions_with_status(domain::ContributionStatus s,
                                                                                     long offset, long limit) = 0;
    // All revisions, oldest first.
    virtual core::Result<std::vector<domain::Revision>> revisions(domain::ContributionId id) = 0;
    virtual core::Result<domain::Revision> revision(domain::ContributionId id, int number) = 0;   // NotFound
};

// ---- Attachments of contributions -----------------------------------------------------------

// What the store keeps of an uploaded file; the bytes themselves live in the upload folder
// under `sha256` (see services/community/attachments.h).
struct Attachment {
    std::int64_t id = 0;                    // 0 until stored
    domain::ContributionId contribution = 0;
    std::string filename;                   // as shown and offered for download (UTF-8)
    std::string content_type;               // checked by content, e.g. "application/pdf"
    std::int64_t size = 0;                  // bytes
    std::string sha256;                     // lower-case hex of the bytes
    std::string text;                       // searchable text (PDF); "" for other types
    UserId uploaded_by = 0;
    Timestamp created_at = 0;
};

class AttachmentStore {
public:
    virtual ~AttachmentStore() = default;
    // NotFound when the contribution does not exist.
    virtual core::Result<std::int64_t> add_attachment(const Attachment& attachment) = 0;
    virtual core::Result<Attachment> attachment(std::int64_t id) = 0;   // NotFound
    // Oldest first.
    virtual core::Result<std::vector<Attachment>> attachments_of(domain::ContributionId contribution) = 0;
    // NotFound when the attachment is not one of this contribution's.
    virtual core::Status remove_attachment(domain::ContributionId contribution, std::int64_t id) = 0;
    // How many attachments (of any contribution) have these bytes.
    virtual core::Result<long> attachments_with_hash(const std::string& sha256) = 0;
};

// ---- Comments and flags --------------------------------------------------------------------

class CommentStore {
public:
    virtual ~CommentStore() = default;
    // NotFound when the item does not exist.
    virtual core::Result<domain::CommentId> add_comment(const domain::Comment& comment) = 0;
    virtual core::Result<domain::Comment> comment(domain::CommentId id) = 0;   // NotFound
    // Oldest first; hidden ones only with `include_hidden`.
    virtual core::Result<std::vector<domain::Comment>> comments_on(domain::ItemId item, bool include_hidden) = 0;
    virtual core::Result<std::vector<domain::Comment>> comments_by(UserId author) = 0;
    // Hides (with the moderation) or restores (nullopt). NotFound when absent.
    virtual core::Status set_comment_hidden(domain::CommentId id, const std::optional<domain::Moderation>& hidden,
                                            const Audit& audit) = 0;
    // Conflict when this user flagged this comment before.
    virtual core::Status flag_comment(const domain::Flag& flag) = 0;
    virtual core::Result<std::vector<domain::Flag>> flags_on(domain::CommentId id) = 0;
    virtual core::Result<std::vector<domain::Flag>> flags_by(UserId user) = 0;
    // Visible comments with at least one flag, most flagged first: the moderation queue.
    virtual core::Result<std::vector<domain::Comment>> flagged_comments(long limit) = 0;
};

// ---- Bookmarks, follows and the weekly digest ----------------------------------------------

struct Bookmark {
    domain::ItemId item = 0;
    Timestamp created_at = 0;
    friend bool operator==(const Bookmark&, const Bookmark&) = default;
};

class BookmarkStore {
public:
    virtual ~BookmarkStore() = default;
    // Idempotent; NotFound when the item does not exist.
    virtual core::Status add_bookmark(UserId user, domain::ItemId item, Timestamp now) = 0;
    virtual core::Status remove_bookmark(UserId user, domain::ItemId item) = 0;   // idempotent
    virtual core::Result<std::vector<Bookmark>> bookmarks(UserId user) = 0;      // newest first
};

class FollowStore {
public:
    virtual ~FollowStore() = default;
    virtual core::Status follow(UserId user, const domain::Follow& follow) = 0;    // idempotent
    virtual core::Status unfollow(UserId user, domain::FollowKind kind, const std::string& value) = 0;
    virtual core::Result<std::vector<domain::Follow>> follows(UserId user) = 0;    // by kind, value
    // Active users who want the weekly digest and follow something, by id.
    virtual core::Result<std::vector<domain::User>> digest_recipients() = 0;
    // Items created in [since, until) that match any of the user's follows, by id.
    virtual core::Result<std::vector<domain::ItemId>> new_items_followed_by(UserId user, Timestamp since,
                                                                            Timestamp until) = 0;
    // Records the digest of `week` for the user and queues its e-mail, in one transaction;
    // false (and nothing queued) when that week's digest was queued before.
    virtual core::Result<bool> enqueue_digest(UserId user, const std::string& week, const NewMessage& mail,
                                              Timestamp now) = 0;
};

// ---- Audit log ---------------------------------------------------------------------------

class AuditLog {
public:
    virtual ~AuditLog() = default;
    virtual core::Status append_audit(const domain::AuditEntry& entry) = 0;
    // Newest first.
    virtual core::Result<std::vector<domain::AuditEntry>> audit_entries(long offset, long limit) = 0;
    virtual core::Result<std::vector<domain::AuditEntry>> audit_entries_by(UserId actor) = 0;
};

// All community stores over one connection pool on the same database as storage::Database.
// The tables come from the numbered migrations that Database::migrate() applies; open the
// Database and migrate first.
class CommunityDatabase : public UserStore,
                          public SessionStore,
                          public TokenStore,
                          public ThrottleStore,
                          public OrganisationStore,
                          public ContributionStore,
                          public AttachmentStore,
                          public CommentStore,
                          public BookmarkStore,
                          public FollowStore,
                          public OutboxStore,
                          public JobStore,
                          public AuditLog {};

// Opens the community stores on the database at `url` (same syntax as open_database).
core::Result<std::unique_ptr<CommunityDatabase>> open_community_database(const std::string& url, int pool_size = 4);

}  // namespace gezondin::storage
