#include "services/community/accounts.h"

#include <algorithm>
#include <memory>

#include "core/messages.h"
#include "services/community/input_rules.h"
#include "services/community/tokens.h"

namespace gezondin::services {

namespace {

using domain::Timestamp;

core::Error login_failed() {
    return core::Error::unauthenticated(std::string(core::msg("community.login.failed")));
}

core::Error bad_code() { return core::Error(core::ErrorCode::NotFound, std::string(core::msg("community.token.invalid"))); }

core::Status check_email(std::string_view email, std::string_view field = "email") {
    if (domain::is_plausible_email(email)) return {};
    return InputCheck().problem(std::string(field), std::string(core::msg("community.account.bad_email"))).result();
}

// Client-supplied header values are kept for the sessions page, cut to a sane size and to
// valid printable text, so that they can never break the store or the page.
std::string clean_header_value(std::string_view value) {
    std::string out;
    for (char c : value.substr(0, max_header_value_bytes)) {
        const auto u = static_cast<unsigned char>(c);
        out.push_back(u < 0x20 || u >= 0x7f ? '?' : c);
    }
    return out;
}

}  // namespace

long throttle_delay(long failures, long free_failures, long max_delay) {
    if (failures < free_failures) return 0;
    const long doublings = failures - free_failures;
    if (doublings >= 40) return max_delay;
    return std::min(max_delay, 1L << doublings);
}

Accounts::Accounts(storage::CommunityDatabase& db, HashWorkerPool& hashing, const CommonPasswords& common,
                   const Clock& clock, AccountsConfig config)
    : m_db(db), m_hashing(hashing), m_common(common), m_clock(clock), m_config(std::move(config)) {
    // Same limits as real hashes, so verifying against it costs the same.
    m_dummy_hash = m_hashing.hasher().hash(new_token()).value_or("");
}

std::string Accounts::link(const std::string& path, const std::string& code) const {
    return m_config.base_url + path + code;
}

storage::NewMessage Accounts::mail(std::optional<domain::UserId> user, const std::string& to, std::string_view kind,
                                   const std::string& name, const std::string& link) const {
    const std::string prefix = "community.mail." + std::string(kind);
    std::string body = core::msg("community.mail.greeting", {name}) + "\n\n" + std::string(core::msg(prefix + ".body"));
    if (!link.empty()) body += "\n\n" + link;
    body += "\n\n" + std::string(core::msg("community.mail.signature")) + "\n";
    return {user, to, std::string(core::msg(prefix + ".subject")), body};
}

// ---- register and confirm --------------------------------------------------------------------

void Accounts::register_user(Registration r, std::function<void(core::Status)> done) {
    InputCheck check;
    if (!domain::is_acceptable_name(r.name)) check.problem("name", std::string(core::msg("community.account.bad_name")));
    if (!domain::is_plausible_email(r.email))
        check.problem("email", std::string(core::msg("community.account.bad_email")));
    if (auto policy = check_password_policy(r.password, m_common); !policy)
        for (const auto& p : policy.error().problems()) check.problem(p.field, p.reason);
    if (!check.ok()) return done(check.result());

    auto shared_done = std::make_shared<std::function<void(core::Status)>>(std::move(done));
    const std::string password = std::move(r.password);
    m_hashing.hash_password(password, [this, r = std::move(r), shared_done](core::Result<std::string> hash) {
        if (!hash) return (*shared_done)(core::fail(hash.error()));
        const auto now = m_clock.now();
        const std::string email = domain::normalise_email(r.email);
        const std::string code = new_token();
        storage::NewAccount account;
        account.user = domain::User{0, r.name, email, domain::Role::Lid, domain::UserStatus::Unconfirmed, false, now};
        account.password_hash = *hash;
        account.confirm_token_hash = token_hash(code);
        account.confirm_expires_at = now + m_config.confirm_ttl;
        account.mail = mail(std::nullopt, email, "confirm", r.name, link(m_config.confirm_path, code));
        auto created = m_db.create_user(account, now);
        if (created) return (*shared_done)(core::Status{});
        if (created.error().code() != core::ErrorCode::Conflict) return (*shared_done)(core::fail(created.error()));
        // The address has an account: tell its owner, not the person at the form.
        auto existing = m_db.user_by_email(email);
        std::optional<domain::UserId> owner;
        std::string name;
        if (existing) owner = existing->id, name = existing->name;
        auto queued = m_db.enqueue_message(mail(owner, email, "already_registered", name, ""), now);
        (*shared_done)(queued ? core::Status{} : core::Status(core::fail(queued.error())));
    });
}

core::Result<domain::UserId> Accounts::create_confirmed_account(const std::string& name, const std::string& email,
                                                                const std::string& password, domain::Role role) {
    InputCheck check;
    if (!domain::is_acceptable_name(name)) check.problem("name", std::string(core::msg("community.account.bad_name")));
    if (!domain::is_plausible_email(email)) check.problem("email", std::string(core::msg("community.account.bad_email")));
    if (auto policy = check_password_policy(password, m_common); !policy)
        for (const auto& p : policy.error().problems()) check.problem(p.field, p.reason);
    if (auto ok = check.result(); !ok) return core::fail(ok.error());
    auto hash = m_hashing.hasher().hash(password);
    if (!hash) return core::fail(hash.error());
    const auto now = m_clock.now();
    storage::NewAccount account;
    account.user = domain::User{0, name, domain::normalise_email(email), role, domain::UserStatus::Active, false, now};
    account.password_hash = *hash;
    return m_db.create_user(account, now);
}

core::Status Accounts::confirm_email(std::string_view code) {
    if (!looks_like_token(code)) return core::fail(bad_code());
    auto redeemed = m_db.redeem_confirm_email(token_hash(code), m_clock.now());
    if (!redeemed) return core::fail(redeemed.error());
    return {};
}

core::Status Accounts::resend_confirmation(std::string_view email_in) {
    if (auto ok = check_email(email_in); !ok) return ok;
    auto user = m_db.user_by_email(domain::normalise_email(email_in));
    if (!user) return user.error().code() == core::ErrorCode::NotFound ? core::Status{} : core::fail(user.error());
    if (user->status != domain::UserStatus::Unconfirmed) return {};
    const auto now = m_clock.now();
    const std::string code = new_token();
    return m_db.issue_token({token_hash(code), storage::TokenPurpose::ConfirmEmail, user->id, "", now, now + m_config.confirm_ttl},
                            mail(user->id, user->email, "confirm", user->name, link(m_config.confirm_path, code)));
}

// ---- login and sessions ----------------------------------------------------------------------

core::Result<Accounts::Throttle> Accounts::throttle_for(const std::string& email, const std::string& ip) {
    const auto now = m_clock.now();
    Throttle t{token_hash("account:" + email), token_hash("address:" + ip), 0};
    auto wait_for = [&](const std::string& key, const ThrottleRule& rule) -> core::Result<long> {
        auto state = m_db.throttle_state(key, now - rule.window);
        if (!state) return core::fail(state.error());
        const long delay = throttle_delay(state->failures, rule.free_failures, m_config.max_delay);
        return std::max(0L, static_cast<long>(state->last_failure + delay - now));
    };
    auto account_wait = wait_for(t.account_key, m_config.per_account);
    if (!account_wait) return core::fail(account_wait.error());
    auto address_wait = wait_for(t.address_key, m_config.per_address);
    if (!address_wait) return core::fail(address_wait.error());
    t.retry_after = std::max(*account_wait, *address_wait);
    return t;
}

void Accounts::login(LoginAttempt a, std::function<void(LoginResult)> done) {
    if (!domain::is_plausible_email(a.email) || a.password.size() > max_password_bytes)
        return done({core::fail(login_failed()), 0});
    a.email = domain::normalise_email(a.email);
    auto throttle = throttle_for(a.email, a.ip);
    if (!throttle) return done({core::fail(throttle.error()), 0});
    if (throttle->retry_after > 0) {
        auto error = core::Error::unavailable(
            throttle->retry_after == 1 ? std::string(core::msg("community.login.throttled_one"))
                                       : core::msg("community.login.throttled", {std::to_string(throttle->retry_after)}));
        return done({core::fail(error), throttle->retry_after});
    }
    std::optional<storage::Credentials> credentials;
    if (auto found = m_db.credentials(a.email)) credentials = std::move(*found);
    else if (found.error().code() != core::ErrorCode::NotFound) return done({core::fail(found.error()), 0});

    const std::string hash = credentials ? credentials->password_hash : m_dummy_hash;
    auto shared_done = std::make_shared<std::function<void(LoginResult)>>(std::move(done));
    const std::string password = a.password;
    m_hashing.verify_password(
        hash, password,
        [this, a = std::move(a), credentials, t = *throttle, shared_done](core::Result<HashWorkerPool::Verification> v) {
            if (!v) return (*shared_done)({core::fail(v.error()), 0});
            finish_login(a, credentials, t, *v, *shared_done);
        });
}

void Accounts::finish_login(const LoginAttempt& a, const std::optional<storage::Credentials>& credentials,
                            const Throttle& throttle, HashWorkerPool::Verification v,
                            const std::function<void(LoginResult)>& done) {
    const auto now = m_clock.now();
    if (!credentials || !v.ok) {
        if (auto recorded = m_db.record_failures({throttle.account_key, throttle.address_key}, now); !recorded)
            return done({core::fail(recorded.error()), 0});
        return done({core::fail(login_failed()), 0});
    }
    const domain::User& user = credentials->user;
    (void)m_db.clear_failures(throttle.account_key);
    if (user.status != domain::UserStatus::Active)
        return done({core::fail(core::Error::forbidden(std::string(core::msg("community.login.unconfirmed")))), 0});
    if (v.needs_rehash) {
        // Old limits: store a fresh hash now that the password is known. Best effort.
        if (auto fresh = m_hashing.hasher().hash(a.password)) (void)m_db.set_password_hash(user.id, *fresh, std::nullopt);
    }
    const std::string replaces = looks_like_token(a.current_session) ? token_hash(a.current_session) : "";
    done({start_session(user, a.ip, a.user_agent, replaces), 0});
}

storage::SessionRecord Accounts::new_session_record(domain::UserId user, const std::string& ip,
                                                    const std::string& user_agent, std::string& token) {
    const auto now = m_clock.now();
    token = new_token();
    return {token_hash(token), user, new_token(), now, now, now + m_config.session_lifetime,
            clean_header_value(user_agent), clean_header_value(ip)};
}

core::Result<SessionGrant> Accounts::start_session(const domain::User& user, const std::string& ip,
                                                   const std::string& user_agent, const std::string& replaces) {
    std::string token;
    auto record = new_session_record(user.id, ip, user_agent, token);
    if (auto stored = m_db.create_session(record, replaces); !stored) return core::fail(stored.error());
    return SessionGrant{token, record.csrf_token, record.expires_at, user};
}

core::Result<SessionContext> Accounts::authenticate(std::string_view session_token) {
    constexpr auto remember_for = std::chrono::seconds(1);
    constexpr std::size_t max_remembered = 10000;
    if (!looks_like_token(session_token)) return core::fail(login_required());
    const std::string hash = token_hash(session_token);
    // Read before the database: a change that lands after this read moves the epoch, and the
    // entry stored below is then never used.
    const auto epoch = m_db.session_epoch();
    const auto steady_now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(m_verified_mutex);
        if (auto it = m_verified.find(hash); it != m_verified.end()) {
            const auto& v = it->second;
            const auto now = m_clock.now();
            if (v.epoch == epoch && steady_now - v.at < remember_for && now < v.context.expires_at &&
                now - v.clock_at < m_config.touch_interval)
                return v.context;
            m_verified.erase(it);
        }
    }
    auto verified = authenticate_in_store(hash);
    if (verified) {
        std::lock_guard lock(m_verified_mutex);
        if (m_verified.size() >= max_remembered) m_verified.clear();
        m_verified.insert_or_assign(hash, VerifiedSession{*verified, epoch, steady_now, m_clock.now()});
    }
    return verified;
}

core::Result<SessionContext> Accounts::authenticate_in_store(const std::string& hash) {
    auto s = m_db.session(hash);
    if (!s) return core::fail(s.error().code() == core::ErrorCode::NotFound ? login_required() : s.error());
    const auto now = m_clock.now();
    if (now >= s->expires_at || now >= s->last_seen_at + m_config.session_idle) {
        (void)m_db.delete_session(hash);
        return core::fail(login_required());
    }
    auto user = m_db.user(s->user);
    if (!user) return core::fail(user.error().code() == core::ErrorCode::NotFound ? login_required() : user.error());
    if (user->status != domain::UserStatus::Active) return core::fail(login_required());
    if (now - s->last_seen_at >= m_config.touch_interval) (void)m_db.touch_session(hash, now);
    return SessionContext{*user, Actor::member(user->id, user->role), hash, s->csrf_token, s->expires_at};
}

core::Status Accounts::logout(std::string_view session_token) {
    if (!looks_like_token(session_token)) return {};
    auto deleted = m_db.delete_session(token_hash(session_token));
    if (!deleted) return core::fail(deleted.error());
    return {};
}

core::Result<SessionGrant> Accounts::rotate_session(const SessionContext& session) {
    auto old = m_db.session(session.id_hash);
    if (!old) return core::fail(old.error().code() == core::ErrorCode::NotFound ? login_required() : old.error());
    std::string token;
    auto record = new_session_record(session.user.id, old->ip, old->user_agent, token);
    record.created_at = old->created_at;
    record.expires_at = old->expires_at;
    if (auto rotated = m_db.rotate_session(session.id_hash, record); !rotated) {
        return core::fail(rotated.error().code() == core::ErrorCode::NotFound ? login_required() : rotated.error());
    }
    return SessionGrant{token, record.csrf_token, record.expires_at, session.user};
}

core::Result<std::vector<SessionView>> Accounts::sessions(const SessionContext& session) {
    auto all = m_db.sessions_of(session.user.id);
    if (!all) return core::fail(all.error());
    std::vector<SessionView> out;
    for (const auto& s : *all)
        out.push_back({s.id_hash.substr(0, 16), s.id_hash == session.id_hash, s.created_at, s.last_seen_at, s.expires_at,
                       s.user_agent, s.ip});
    return out;
}

core::Status Accounts::end_session(const SessionContext& session, std::string_view handle) {
    auto all = m_db.sessions_of(session.user.id);
    if (!all) return core::fail(all.error());
    for (const auto& s : *all) {
        if (handle.size() == 16 && s.id_hash.compare(0, 16, handle) == 0) {
            auto deleted = m_db.delete_session(s.id_hash);
            if (!deleted) return core::fail(deleted.error());
            return {};
        }
    }
    return core::fail(core::Error(core::ErrorCode::NotFound, std::string(core::msg("community.session.gone"))));
}

core::Result<long> Accounts::end_other_sessions(const SessionContext& session) {
    return m_db.delete_sessions_of(session.user.id, session.id_hash);
}

// ---- passwords and e-mail address ------------------------------------------------------------

core::Status Accounts::request_password_reset(std::string_view email_in) {
    if (auto ok = check_email(email_in); !ok) return ok;
    auto creds = m_db.credentials(domain::normalise_email(email_in));
    if (!creds) return creds.error().code() == core::ErrorCode::NotFound ? core::Status{} : core::fail(creds.error());
    const auto& user = creds->user;
    const auto now = m_clock.now();
    const std::string code = new_token();
    return m_db.issue_token({token_hash(code), storage::TokenPurpose::ResetPassword, user.id, "", now, now + m_config.reset_ttl},
                            mail(user.id, user.email, "reset", user.name, link(m_config.reset_path, code)));
}

void Accounts::reset_password(std::string code, std::string new_password, std::function<void(core::Status)> done) {
    if (!looks_like_token(code)) return done(core::fail(bad_code()));
    if (auto policy = check_password_policy(new_password, m_common); !policy) return done(policy);
    auto shared_done = std::make_shared<std::function<void(core::Status)>>(std::move(done));
    m_hashing.hash_password(std::move(new_password), [this, code = std::move(code), shared_done](core::Result<std::string> hash) {
        if (!hash) return (*shared_done)(core::fail(hash.error()));
        auto redeemed = m_db.redeem_reset_password(token_hash(code), *hash, m_clock.now());
        (*shared_done)(redeemed ? core::Status{} : core::Status(core::fail(redeemed.error())));
    });
}

void Accounts::change_password(SessionContext session, std::string current_password, std::string new_password,
                               std::function<void(core::Result<SessionGrant>)> done) {
    if (auto policy = check_password_policy(new_password, m_common); !policy) return done(core::fail(policy.error()));
    auto stored = m_db.password_hash(session.user.id);
    if (!stored) return done(core::fail(stored.error()));
    auto shared_done = std::make_shared<std::function<void(core::Result<SessionGrant>)>>(std::move(done));
    m_hashing.verify_password(
        *stored, std::move(current_password),
        [this, session = std::move(session), new_password = std::move(new_password),
         shared_done](core::Result<HashWorkerPool::Verification> v) {
            auto& finish = *shared_done;
            if (!v) return finish(core::fail(v.error()));
            if (!v->ok)
                return finish(core::fail(
                    InputCheck().problem("current_password", std::string(core::msg("community.password.wrong_current")))
                        .result()
                        .error()));
            // Already on a worker thread: hash here rather than queue a second job.
            auto hash = m_hashing.hasher().hash(new_password);
            if (!hash) return finish(core::fail(hash.error()));
            if (auto set = m_db.set_password_hash(session.user.id, *hash, session.id_hash); !set)
                return finish(core::fail(set.error()));
            finish(rotate_session(session));
        });
}

core::Status Accounts::request_email_change(const SessionContext& session, std::string_view new_email) {
    if (auto ok = check_email(new_email); !ok) return ok;
    const std::string email = domain::normalise_email(new_email);
    if (email == session.user.email)
        return InputCheck().problem("email", std::string(core::msg("community.account.same_email"))).result();
    const auto now = m_clock.now();
    // The current address hears of every request, so that its owner notices a stolen session.
    auto warned = m_db.enqueue_message(
        mail(session.user.id, session.user.email, "email_change_requested", session.user.name, ""), now);
    if (!warned) return core::fail(warned.error());
    auto holder = m_db.user_by_email(email);
    if (holder) {
        // Taken: tell the holder of that address; the requester learns nothing.
        auto queued = m_db.enqueue_message(mail(holder->id, email, "already_registered", holder->name, ""), now);
        return queued ? core::Status{} : core::Status(core::fail(queued.error()));
    }
    if (holder.error().code() != core::ErrorCode::NotFound) return core::fail(holder.error());
    const std::string code = new_token();
    return m_db.issue_token(
        {token_hash(code), storage::TokenPurpose::ChangeEmail, session.user.id, email, now, now + m_config.change_email_ttl},
        mail(session.user.id, email, "change_email", session.user.name, link(m_config.change_email_path, code)));
}

core::Status Accounts::confirm_email_change(std::string_view code) {
    if (!looks_like_token(code)) return core::fail(bad_code());
    auto redeemed = m_db.redeem_change_email(token_hash(code), m_clock.now());
    if (!redeemed) return core::fail(redeemed.error());
    return {};
}

core::Status Accounts::set_name(const SessionContext& session, const std::string& name) {
    if (!domain::is_acceptable_name(name))
        return InputCheck().problem("name", std::string(core::msg("community.account.bad_name"))).result();
    auto stored = m_db.set_name(session.user.id, name);
    if (stored && m_after_name_change) m_after_name_change();
    return stored;
}

core::Status Accounts::set_weekly_digest(const SessionContext& session, bool wanted) {
    return m_db.set_weekly_digest(session.user.id, wanted);
}

core::Status Accounts::purge_expired() {
    const auto now = m_clock.now();
    if (auto s = m_db.purge_sessions(now, now - m_config.session_idle); !s) return core::fail(s.error());
    if (auto t = m_db.purge_tokens(now - 7L * 86400); !t) return core::fail(t.error());
    const long window = std::max(m_config.per_account.window, m_config.per_address.window);
    if (auto f = m_db.purge_failures(now - window); !f) return core::fail(f.error());
    return {};
}

}  // namespace gezondin::services
