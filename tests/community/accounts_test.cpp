// The Accounts service on both engines: register, confirm, login with throttling, sessions,
// reset and change of password and e-mail address.

#include <future>
#include <set>

#include <gtest/gtest.h>

#include "community_backend.h"
#include "services/community/tokens.h"

namespace gezondin::services {
namespace {

using community_testing::last_code_sent_to;
using community_testing::login_now;
using community_testing::register_now;
using core::ErrorCode;

GEZONDIN_COMMUNITY_SUITE(AccountsService);

constexpr const char* password = "paard batterij nietje";

LoginAttempt attempt(const std::string& email, const std::string& pw, const std::string& ip = "192.0.2.1") {
    return {email, pw, ip, "TestBrowser/1.0", ""};
}

TEST_P(AccountsService, RegisterConfirmLoginLogout) {
    ASSERT_TRUE(register_now(*accounts, {"Anne de Vries", "Anne@Example.NL", password}));
    auto user = store().user_by_email("anne@example.nl").value();
    EXPECT_EQ(user.status, domain::UserStatus::Unconfirmed);
    EXPECT_EQ(user.role, domain::Role::Lid);
    EXPECT_EQ(store().password_hash(user.id)->rfind("$argon2id$", 0), 0u);

    auto unconfirmed = login_now(*accounts, attempt("anne@example.nl", password));
    ASSERT_FALSE(unconfirmed.session);
    EXPECT_EQ(unconfirmed.session.error().code(), ErrorCode::Forbidden);

    const auto code = last_code_sent_to(store(), "anne@example.nl");
    ASSERT_TRUE(looks_like_token(code));
    ASSERT_TRUE(accounts->confirm_email(code));
    EXPECT_EQ(accounts->confirm_email(code).error().code(), ErrorCode::NotFound);   // single use

    auto login = login_now(*accounts, attempt("ANNE@example.nl", password));
    ASSERT_TRUE(login.session) << login.session.error().message();
    auto ctx = accounts->authenticate(login.session->token);
    ASSERT_TRUE(ctx);
    EXPECT_EQ(ctx->user.id, user.id);
    EXPECT_EQ(ctx->actor, Actor::member(user.id, domain::Role::Lid));
    EXPECT_TRUE(tokens_equal(ctx->csrf_token, login.session->csrf_token));
    // Only the hash is stored.
    EXPECT_FALSE(store().session(login.session->token));
    EXPECT_TRUE(store().session(token_hash(login.session->token)));

    ASSERT_TRUE(accounts->logout(login.session->token));
    EXPECT_EQ(accounts->authenticate(login.session->token).error().code(), ErrorCode::Unauthenticated);
}

TEST_P(AccountsService, RegisteringATakenAddressLooksTheSameButMailsTheOwner) {
    ASSERT_TRUE(accounts->create_confirmed_account("Anne", "anne@example.nl", password, domain::Role::Lid));
    auto again = register_now(*accounts, {"Iemand anders", "anne@example.nl", "een ander lang wachtwoord"});
    EXPECT_TRUE(again);
    auto mails = store().messages(0, 10).value();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].to, "anne@example.nl");
    EXPECT_EQ(store().user_by_email("anne@example.nl")->name, "Anne");
}

TEST_P(AccountsService, RegisterRefusesBadInputWithFieldProblems) {
    auto bad = register_now(*accounts, {"", "geen-adres", "kort"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code(), ErrorCode::InvalidInput);
    std::set<std::string> fields;
    for (const auto& p : bad.error().problems()) fields.insert(p.field);
    EXPECT_EQ(fields, (std::set<std::string>{"name", "email", "password"}));
    EXPECT_EQ(register_now(*accounts, {"Anne", "anne@example.nl", "welkom12345"}).error().code(), ErrorCode::InvalidInput);
    EXPECT_TRUE(store().users(0, 10)->empty());
}

TEST_P(AccountsService, UnknownAccountAndWrongPasswordGiveTheSameError) {
    ASSERT_TRUE(accounts->create_confirmed_account("Anne", "anne@example.nl", password, domain::Role::Lid));
    auto wrong = login_now(*accounts, attempt("anne@example.nl", "verkeerd wachtwoord"));
    auto unknown = login_now(*accounts, attempt("niemand@example.nl", "verkeerd wachtwoord"));
    ASSERT_FALSE(wrong.session);
    ASSERT_FALSE(unknown.session);
    EXPECT_EQ(wrong.session.error().code(), ErrorCode::Unauthenticated);
    EXPECT_EQ(unknown.session.error().code(), wrong.session.error().code());
    EXPECT_EQ(unknown.session.error().message(), wrong.session.error().message());
}

TEST_P(AccountsService, ThrottlesPerAccountWithGrowingDelaysAndNeverRevealsExistence) {
    ASSERT_TRUE(accounts->create_confirmed_account("Anne", "anne@example.nl", password, domain::Role::Lid));
    for (const std::string email : {"anne@example.nl", "niemand@example.nl"}) {
        for (int i = 0; i < 5; ++i) {
            auto r = login_now(*accounts, attempt(email, "fout fout fout", "198.51.100." + std::to_string(i)));
            EXPECT_EQ(r.session.error().code(), ErrorCode::Unauthenticated) << email << " " << i;
        }
        auto throttled = login_now(*accounts, attempt(email, password, "203.0.113.9"));
        ASSERT_FALSE(throttled.session);
        EXPECT_EQ(throttled.session.error().code(), ErrorCode::Unavailable) << email;
        EXPECT_EQ(throttled.retry_after, 1) << email;
        clock.advance(1);
        auto sixth = login_now(*accounts, attempt(email, "fout fout fout", "203.0.113.9"));
        EXPECT_EQ(sixth.session.error().code(), ErrorCode::Unauthenticated);
        EXPECT_EQ(login_now(*accounts, attempt(email, password, "203.0.113.9")).retry_after, 2) << email;
        clock.advance(2);
    }
    // After the pause the right password works and clears the account's failures.
    auto ok = login_now(*accounts, attempt("anne@example.nl", password, "203.0.113.9"));
    ASSERT_TRUE(ok.session) << ok.session.error().message();
    EXPECT_EQ(store().throttle_state(token_hash("account:anne@example.nl"), 0)->failures, 0);
}

TEST_P(AccountsService, ThrottlesPerAddressAcrossAccounts) {
    for (int i = 0; i < 20; ++i)
        login_now(*accounts, attempt("iemand" + std::to_string(i) + "@example.nl", "fout fout fout", "192.0.2.66"));
    auto r = login_now(*accounts, attempt("nog.iemand@example.nl", "fout fout fout", "192.0.2.66"));
    EXPECT_EQ(r.session.error().code(), ErrorCode::Unavailable);
    EXPECT_EQ(r.retry_after, 1);
    auto elsewhere = login_now(*accounts, attempt("nog.iemand@example.nl", "fout fout fout", "192.0.2.67"));
    EXPECT_EQ(elsewhere.session.error().code(), ErrorCode::Unauthenticated);
    clock.advance(3600 + 1);   // the window passed
    EXPECT_EQ(login_now(*accounts, attempt("x@example.nl", "fout fout fout", "192.0.2.66")).session.error().code(),
              ErrorCode::Unauthenticated);
}

TEST_P(AccountsService, LoginRotatesThePresentedSessionAndSessionsCanBeListedAndEnded) {
    ASSERT_TRUE(accounts->create_confirmed_account("Anne", "anne@example.nl", password, domain::Role::Lid));
    auto first = login_now(*accounts, attempt("anne@example.nl", password)).session.value();
    auto phone = login_now(*accounts, {"anne@example.nl", password, "10.0.0.2", "Phone\r\nX-Evil: 1", ""}).session.value();
    auto again = login_now(*accounts, {"anne@example.nl", password, "192.0.2.1", "TestBrowser/1.0", first.token});
    ASSERT_TRUE(again.session);
    EXPECT_FALSE(accounts->authenticate(first.token));   // old id deleted
    auto ctx = accounts->authenticate(again.session->token).value();
    auto list = accounts->sessions(ctx).value();
    ASSERT_EQ(list.size(), 2u);
    const auto& other = list[0].current ? list[1] : list[0];
    EXPECT_EQ(other.user_agent, "Phone??X-Evil: 1");   // control characters never stored
    ASSERT_TRUE(accounts->end_session(ctx, other.handle));
    EXPECT_FALSE(accounts->authenticate(phone.token));
    EXPECT_EQ(accounts->end_session(ctx, "0000000000000000").error().code(), ErrorCode::NotFound);
    auto rotated = accounts->rotate_session(ctx).value();
    EXPECT_FALSE(accounts->authenticate(again.session->token));
    EXPECT_TRUE(accounts->authenticate(rotated.token));
}

TEST_P(AccountsService, SessionsExpireWhenIdleOrPastTheirEnd) {
    ASSERT_TRUE(accounts->create_confirmed_account("Anne", "anne@example.nl", password, domain::Role::Lid));
    auto s = login_now(*accounts, attempt("anne@example.nl", password)).session.value();
    clock.advance(6L * 86400);
    ASSERT_TRUE(accounts->authenticate(s.token));   // touches last_seen
    clock.advance(6L * 86400);
    ASSERT_TRUE(accounts->authenticate(s.token));
    clock.advance(7L * 86400 + 1);                  // idle too long
    EXPECT_EQ(accounts->authenticate(s.token).error().code(), ErrorCode::Unauthenticated);
    EXPECT_EQ(accounts->authenticate("not-a-token").error().code(), ErrorCode::Unauthenticated);
}

TEST_P(AccountsService, RoleChangeEndsSessionsAndIsAuditedForBeheerders) {
    auto admin_id = accounts->create_confirmed_account("Beheer", "beheer@example.nl", password, domain::Role::Beheerder).value();
    auto anne = accounts->create_confirmed_account("Anne", "anne@example.nl", password, domain::Role::Lid).value();
    auto s = login_now(*accounts, attempt("anne@example.nl", password)).session.value();
    const Actor admin = Actor::member(admin_id, domain::Role::Beheerder);
    EXPECT_EQ(administration->set_role(Actor::member(anne, domain::Role::Lid), anne, domain::Role::Beheerder).error().code(),
              ErrorCode::Forbidden);
    EXPECT_EQ(administration->set_role(admin, admin_id, domain::Role::Lid).error().code(), ErrorCode::Forbidden);
    ASSERT_TRUE(administration->set_role(admin, anne, domain::Role::Redacteur));
    EXPECT_FALSE(accounts->authenticate(s.token));
    auto log = administration->audit_log(admin, 0, 10).value();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].detail, "lid -> redacteur");
    EXPECT_EQ(administration->audit_log(Actor::member(anne, domain::Role::Redacteur), 0, 10).error().code(),
              ErrorCode::Forbidden);
}

TEST_P(AccountsService, PasswordResetWorksOnceWithinAnHour) {
    auto id = accounts->create_confirmed_account("Anne", "anne@example.nl", password, domain::Role::Lid).value();
    auto s = login_now(*accounts, attempt("anne@example.nl", password)).session.value();
    ASSERT_TRUE(accounts->request_password_reset("niemand@example.nl"));   // same answer
    EXPECT_TRUE(store().messages(0, 10)->empty());
    ASSERT_TRUE(accounts->request_password_reset("Anne@example.nl"));
    const auto code = last_code_sent_to(store(), "anne@example.nl");
    auto reset = [&](const std::string& c, const std::string& pw) {
        std::optional<core::Status> out;
        accounts->reset_password(c, pw, [&](core::Status st) { out = st; });
        return out.value();
    };
    EXPECT_EQ(reset(code, "kort").error().code(), ErrorCode::InvalidInput);
    ASSERT_TRUE(reset(code, "een heel nieuw wachtwoord"));
    EXPECT_EQ(reset(code, "nog een nieuw wachtwoord").error().code(), ErrorCode::NotFound);
    EXPECT_FALSE(accounts->authenticate(s.token));   // all sessions ended
    EXPECT_FALSE(login_now(*accounts, attempt("anne@example.nl", password)).session);
    EXPECT_TRUE(login_now(*accounts, attempt("anne@example.nl", "een heel nieuw wachtwoord")).session);

    ASSERT_TRUE(accounts->request_password_reset("anne@example.nl"));
    const auto late = last_code_sent_to(store(), "anne@example.nl");
    clock.advance(3600);
    EXPECT_EQ(reset(late, "weer een nieuw wachtwoord").error().code(), ErrorCode::NotFound);
    (void)id;
}

TEST_P(AccountsService, ChangePasswordChecksTheCurrentOneAndRotates) {
    ASSERT_TRUE(accounts->create_confirmed_account("Anne", "anne@example.nl", password, domain::Role::Lid));
    auto here = login_now(*accounts, attempt("anne@example.nl", password)).session.value();
    auto there = login_now(*accounts, attempt("anne@example.nl", password)).session.value();
    auto ctx = accounts->authenticate(here.token).value();
    auto change = [&](const std::string& current, const std::string& fresh) {
        std::optional<core::Result<SessionGrant>> out;
        accounts->change_password(ctx, current, fresh, [&](core::Result<SessionGrant> g) { out = std::move(g); });
        return std::move(out.value());
    };
    EXPECT_EQ(change("verkeerd wachtwoord", "een heel nieuw wachtwoord").error().code(), ErrorCode::InvalidInput);
    auto grant = change(password, "een heel nieuw wachtwoord");
    ASSERT_TRUE(grant) << grant.error().message();
    EXPECT_FALSE(accounts->authenticate(here.token));
    EXPECT_FALSE(accounts->authenticate(there.token));
    EXPECT_TRUE(accounts->authenticate(grant->token));
}

TEST_P(AccountsService, ChangeEmailNeedsConfirmationOfTheNewAddress) {
    ASSERT_TRUE(accounts->create_confirmed_account("Anne", "anne@example.nl", password, domain::Role::Lid));
    ASSERT_TRUE(accounts->create_confirmed_account("Bert", "bert@example.nl", password, domain::Role::Lid));
    auto s = login_now(*accounts, attempt("anne@example.nl", password)).session.value();
    auto ctx = accounts->authenticate(s.token).value();
    ASSERT_TRUE(accounts->request_email_change(ctx, "bert@example.nl"));   // taken: Bert gets a notice
    EXPECT_EQ(last_code_sent_to(store(), "bert@example.nl"), "");
    ASSERT_TRUE(accounts->request_email_change(ctx, "Anne@Nieuw.NL"));
    EXPECT_EQ(store().user(ctx.user.id)->email, "anne@example.nl");
    ASSERT_TRUE(accounts->confirm_email_change(last_code_sent_to(store(), "anne@nieuw.nl")));
    EXPECT_EQ(store().user(ctx.user.id)->email, "anne@nieuw.nl");
    EXPECT_TRUE(login_now(*accounts, attempt("anne@nieuw.nl", password)).session);
}

TEST_P(AccountsService, RehashesAfterLoginWhenLimitsChanged) {
    PasswordHasher old_hasher(HashLimits{HashLimits::minimum().ops + 1, HashLimits::minimum().mem});
    storage::NewAccount a;
    a.user = domain::User{0, "Anne", "anne@example.nl", domain::Role::Lid, domain::UserStatus::Active, false, 0};
    a.password_hash = old_hasher.hash(password).value();
    auto id = store().create_user(a, clock.now()).value();
    ASSERT_TRUE(login_now(*accounts, attempt("anne@example.nl", password)).session);
    auto now_stored = store().password_hash(id).value();
    EXPECT_NE(now_stored, a.password_hash);
    EXPECT_FALSE(hasher->needs_rehash(now_stored));
}

TEST_P(AccountsService, ThreadedPoolCallsDoneOnAWorker) {
    WorkerPool threaded(2, 16);
    HashWorkerPool threaded_hashing(*hasher, threaded);
    Accounts threaded_accounts(store(), threaded_hashing, CommonPasswords::builtin(), clock);
    std::promise<core::Status> done;
    threaded_accounts.register_user({"Anne", "anne@example.nl", password}, [&](core::Status s) { done.set_value(s); });
    EXPECT_TRUE(done.get_future().get());
    EXPECT_TRUE(store().user_by_email("anne@example.nl"));
}

}  // namespace
}  // namespace gezondin::services
