#pragma once
// Accounts: register, confirm the e-mail address, log in and out (with throttling), reset a
// forgotten password, change e-mail address and password, see and end own sessions.
//
// Threads: methods with a `done` callback need a password hash; they check the input and
// read the database on the calling thread, then hash on the HashWorkerPool and call `done`
// on a worker thread (or at once with Unavailable when the pool is full, or with
// InvalidInput before any hashing). The HTTP layer answers from `done`. All other methods
// are cheap and synchronous. Thread-safe.
//
// Secrets: session ids and e-mail link codes are new_token() values; only their hashes are
// stored. A SessionGrant carries the cookie value once, for the Set-Cookie header.
//
// Privacy: register, forgot-password and change-e-mail never tell whether an address has an
// account. Login gives the same error, after similar work (a verify against a dummy hash),
// for an unknown address and a wrong password.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "domain/user.h"
#include "services/community/clock.h"
#include "services/community/passwords.h"
#include "services/community/permissions.h"
#include "services/community/worker_pool.h"
#include "storage/community.h"

namespace gezondin::services {

struct ThrottleRule {
    long free_failures = 5;   // failures within `window` before delays start
    long window = 86400;      // seconds
};

// The pause after `failures` failed logins: 0 up to `free_failures`, then 1 s, 2 s, 4 s, ...
// doubling per failure, at most `max_delay` seconds.
long throttle_delay(long failures, long free_failures, long max_delay);

struct AccountsConfig {
    std::string base_url = "http://127.0.0.1:8080";                  // for links in e-mails
    std::string confirm_path = "/account/bevestigen?code=";
    std::string reset_path = "/account/nieuw-wachtwoord?code=";
    std::string change_email_path = "/account/e-mailadres-bevestigen?code=";
    long session_lifetime = 30L * 86400;   // absolute
    long session_idle = 7L * 86400;        // ends after this long unused
    long touch_interval = 60;              // last_seen is written at most this often
    long confirm_ttl = 2L * 86400;
    long reset_ttl = 3600;                 // a reset link works for one hour
    long change_email_ttl = 86400;
    ThrottleRule per_account{5, 86400};
    ThrottleRule per_address{20, 3600};    // higher: offices share one address
    long max_delay = 900;                  // 15 minutes
};

struct Registration {
    std::string name;
    std::string email;
    std::string password;
};

struct LoginAttempt {
    std::string email;
    std::string password;
    std::string ip;               // the client address as the server sees it
    std::string user_agent;
    std::string current_session;  // the cookie value sent with the login form, if any: ended
};

// A new session: the cookie value (only here in the clear), its CSRF secret and its end.
struct SessionGrant {
    std::string token;
    std::string csrf_token;
    domain::Timestamp expires_at = 0;
    domain::User user;
};

struct LoginResult {
    core::Result<SessionGrant> session;
    // > 0 when throttled (session then fails with Unavailable): seconds to wait. The HTTP
    // layer answers 429 with Retry-After.
    long retry_after = 0;
};

// A request's logged-in state, from authenticate().
struct SessionContext {
    domain::User user;
    Actor actor;
    std::string id_hash;      // identifies the session in the store
    std::string csrf_token;   // compare with tokens_equal() against the form field
    domain::Timestamp expires_at = 0;
};

// One of the user's sessions, for the "Mijn sessies" page.
struct SessionView {
    std::string handle;       // identifies the session for end_session(); not a secret
    bool current = false;
    domain::Timestamp created_at = 0, last_seen_at = 0, expires_at = 0;
    std::string user_agent, ip;
};

class Accounts {
public:
    Accounts(storage::CommunityDatabase& db, HashWorkerPool& hashing, const CommonPasswords& common,
             const Clock& clock, AccountsConfig config = {});

    // New account (lid, unconfirmed) plus a confirmation e-mail. Succeeds also when the address
    // has an account already; that address then gets a "you already have an account" e-mail.
    // InvalidInput (field problems "name", "email", "password") before any hashing.
    void register_user(Registration registration, std::function<void(core::Status)> done);
    // Creates an active account at once, hashing on this thread: for the command line and
    // the demo, never for HTTP. Conflict when the address is taken.
    core::Result<domain::UserId> create_confirmed_account(const std::string& name, const std::string& email,
                                                          const std::string& password, domain::Role role);
    // NotFound for an unknown, used or expired code.
    core::Status confirm_email(std::string_view code);
    // Sends a new confirmation link when the address has an unconfirmed account; always succeeds.
    core::Status resend_confirmation(std::string_view email);

    // Unauthenticated (wrong address or password), Forbidden (not confirmed yet), Unavailable
    // with retry_after (throttled or pool full), InvalidInput (malformed input).
    void login(LoginAttempt attempt, std::function<void(LoginResult)> done);
    // The logged-in state for a cookie value; Unauthenticated when there is none, it expired or
    // the account is no longer active. A verified session is remembered for at most a second
    // and never past a change to any session or account in this process (the store's
    // session_epoch), so most page views of a logged-in visitor cost no database query; a
    // change made by another server on the same database shows within that second.
    core::Result<SessionContext> authenticate(std::string_view session_token);
    core::Status logout(std::string_view session_token);
    // A new session id for the same session (call on privilege change); the old one stops working.
    core::Result<SessionGrant> rotate_session(const SessionContext& session);

    // Sends a reset link (valid one hour, works once) when the address has an account; always
    // succeeds for a well-formed address.
    core::Status request_password_reset(std::string_view email);
    // Sets the new password and ends all the user's sessions. NotFound for a bad code.
    void reset_password(std::string code, std::string new_password, std::function<void(core::Status)> done);
    // Checks the current password, sets the new one, ends the other sessions and rotates this
    // one: `done` gets the new session.
    void change_password(SessionContext session, std::string current_password, std::string new_password,
                         std::function<void(core::Result<SessionGrant>)> done);
    // Sends a confirmation link to the new address; the address changes when it is followed.
    // The current address gets a notice of the request (without the new address).
    core::Status request_email_change(const SessionContext& session, std::string_view new_email);
    core::Status confirm_email_change(std::string_view code);

    core::Status set_name(const SessionContext& session, const std::string& name);
    // Runs after a name change is stored (e.g. so cached pages show the new name).
    void set_after_name_change(std::function<void()> after) { m_after_name_change = std::move(after); }
    core::Status set_weekly_digest(const SessionContext& session, bool wanted);
    core::Result<std::vector<SessionView>> sessions(const SessionContext& session);
    core::Status end_session(const SessionContext& session, std::string_view handle);
    core::Result<long> end_other_sessions(const SessionContext& session);

    // Housekeeping for a timer: expired sessions, tokens and old login failures.
    core::Status purge_expired();

private:
    core::Result<SessionContext> authenticate_in_store(const std::string& id_hash);
    struct Throttle {
        std::string account_key, address_key;
        long retry_after = 0;
    };
    core::Result<Throttle> throttle_for(const std::string& email, const std::string& ip);
    void finish_login(const LoginAttempt& attempt, const std::optional<storage::Credentials>& credentials,
                      const Throttle& throttle, HashWorkerPool::Verification verification,
                      const std::function<void(LoginResult)>& done);
    core::Result<SessionGrant> start_session(const domain::User& user, const std::string& ip,
                                             const std::string& user_agent, const std::string& replaces);
    storage::SessionRecord new_session_record(domain::UserId user, const std::string& ip, const std::string& user_agent,
                                              std::string& token);
    storage::NewMessage mail(std::optional<domain::UserId> user, const std::string& to, std::string_view kind,
                             const std::string& name, const std::string& link) const;
    std::string link(const std::string& path, const std::string& code) const;

    storage::CommunityDatabase& m_db;
    HashWorkerPool& m_hashing;
    const CommonPasswords& m_common;
    const Clock& m_clock;
    AccountsConfig m_config;
    std::function<void()> m_after_name_change;
    struct VerifiedSession {
        SessionContext context;
        std::uint64_t epoch = 0;
        std::chrono::steady_clock::time_point at;
        domain::Timestamp clock_at = 0;   // m_clock when verified: a later touch interval asks the store
    };
    std::mutex m_verified_mutex;
    std::unordered_map<std::string, VerifiedSession> m_verified;   // by session id hash
    std::string m_dummy_hash;   // verified against for unknown addresses, for similar timing
};

}  // namespace gezondin::services
