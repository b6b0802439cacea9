// Contract tests of the community stores: one body, run on SQLite and on PostgreSQL.

#include <algorithm>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "community_backend.h"

namespace gezondin::storage {
namespace {

using core::ErrorCode;
using domain::Role;

GEZONDIN_COMMUNITY_SUITE(SessionContract);
GEZONDIN_COMMUNITY_SUITE(ThrottleContract);
GEZONDIN_COMMUNITY_SUITE(TokenContract);
GEZONDIN_COMMUNITY_SUITE(UserContract);
GEZONDIN_COMMUNITY_SUITE(OutboxContract);
GEZONDIN_COMMUNITY_SUITE(ContentContract);

SessionRecord session_for(domain::UserId user, const std::string& hash, Timestamp now) {
    return {hash, user, "csrf-" + hash, now, now, now + 3600, "Mozilla/5.0 (X11)", "192.0.2.7"};
}

// ---- sessions ----

TEST_P(SessionContract, CreateReadTouchDelete) {
    auto user = make_user("Anne", "anne@example.nl");
    const auto now = clock.now();
    ASSERT_TRUE(store().create_session(session_for(user, "h1", now), ""));
    auto s = store().session("h1");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->user, user);
    EXPECT_EQ(s->csrf_token, "csrf-h1");
    EXPECT_EQ(s->expires_at, now + 3600);
    EXPECT_EQ(s->user_agent, "Mozilla/5.0 (X11)");
    EXPECT_EQ(s->ip, "192.0.2.7");
    ASSERT_TRUE(store().touch_session("h1", now + 100));
    EXPECT_EQ(store().session("h1")->last_seen_at, now + 100);
    EXPECT_TRUE(store().delete_session("h1").value());
    EXPECT_FALSE(store().delete_session("h1").value());
    EXPECT_EQ(store().session("h1").error().code(), ErrorCode::NotFound);
}

TEST_P(SessionContract, CreateReplacesThePresentedSessionInOneTransaction) {
    auto user = make_user("Anne", "anne@example.nl");
    ASSERT_TRUE(store().create_session(session_for(user, "old", clock.now()), ""));
    ASSERT_TRUE(store().create_session(session_for(user, "new", clock.now()), "old"));
    EXPECT_FALSE(store().session("old"));
    EXPECT_TRUE(store().session("new"));
    // A duplicate id is a Conflict and leaves the replaced session alone.
    ASSERT_TRUE(store().create_session(session_for(user, "other", clock.now()), ""));
    auto clash = store().create_session(session_for(user, "new", clock.now()), "other");
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().code(), ErrorCode::Conflict);
    EXPECT_TRUE(store().session("other"));
}

TEST_P(SessionContract, RotateSwapsIdsForTheSameUserOnly) {
    auto anne = make_user("Anne", "anne@example.nl");
    auto bert = make_user("Bert", "bert@example.nl");
    ASSERT_TRUE(store().create_session(session_for(anne, "a1", clock.now()), ""));
    ASSERT_TRUE(store().rotate_session("a1", session_for(anne, "a2", clock.now())));
    EXPECT_FALSE(store().session("a1"));
    EXPECT_TRUE(store().session("a2"));
    EXPECT_EQ(store().rotate_session("a1", session_for(anne, "a3", clock.now())).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(store().rotate_session("a2", session_for(bert, "b1", clock.now())).error().code(), ErrorCode::NotFound);
    EXPECT_TRUE(store().session("a2"));
    EXPECT_FALSE(store().session("b1"));
}

TEST_P(SessionContract, ListsNewestFirstAndDeletesAllButOne) {
    auto user = make_user("Anne", "anne@example.nl");
    auto other = make_user("Bert", "bert@example.nl");
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(store().create_session(session_for(user, "s" + std::to_string(i), clock.now() + i), ""));
    ASSERT_TRUE(store().create_session(session_for(other, "x", clock.now()), ""));
    auto list = store().sessions_of(user).value();
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].id_hash, "s2");
    EXPECT_EQ(list[2].id_hash, "s0");
    EXPECT_EQ(store().delete_sessions_of(user, "s1").value(), 2);
    ASSERT_EQ(store().sessions_of(user)->size(), 1u);
    EXPECT_EQ(store().sessions_of(user)->at(0).id_hash, "s1");
    EXPECT_TRUE(store().session("x"));
}

TEST_P(SessionContract, PurgeRemovesExpiredAndIdleSessions) {
    auto user = make_user("Anne", "anne@example.nl");
    const auto now = clock.now();
    auto expired = session_for(user, "expired", now - 7200);   // expires now - 3600
    auto idle = session_for(user, "idle", now - 100);
    idle.last_seen_at = now - 5000;
    idle.expires_at = now + 10000;
    ASSERT_TRUE(store().create_session(expired, ""));
    ASSERT_TRUE(store().create_session(idle, ""));
    ASSERT_TRUE(store().create_session(session_for(user, "fresh", now), ""));
    EXPECT_EQ(store().purge_sessions(now, now - 4000).value(), 2);
    EXPECT_TRUE(store().session("fresh"));
}

TEST_P(SessionContract, ConcurrentRotationsOfOneSessionLeaveExactlyOneWinner) {
    auto user = make_user("Anne", "anne@example.nl");
    ASSERT_TRUE(store().create_session(session_for(user, "start", clock.now()), ""));
    auto second = open_store_again();
    ASSERT_TRUE(second);
    std::atomic<int> won{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            auto& db = i % 2 ? *second : store();
            if (db.rotate_session("start", session_for(user, "next" + std::to_string(i), clock.now()))) ++won;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(store().sessions_of(user)->size(), 1u);
}

// ---- throttling ----

TEST_P(ThrottleContract, CountsFailuresPerKeyWithinTheWindow) {
    const auto now = clock.now();
    ASSERT_TRUE(store().record_failures({"acct", "addr"}, now - 500));
    ASSERT_TRUE(store().record_failures({"acct", "addr"}, now - 100));
    ASSERT_TRUE(store().record_failures({"addr"}, now - 10));
    auto acct = store().throttle_state("acct", now - 1000).value();
    EXPECT_EQ(acct.failures, 2);
    EXPECT_EQ(acct.last_failure, now - 100);
    auto addr = store().throttle_state("addr", now - 200).value();
    EXPECT_EQ(addr.failures, 2);
    EXPECT_EQ(addr.last_failure, now - 10);
    auto none = store().throttle_state("unknown", 0).value();
    EXPECT_EQ(none.failures, 0);
    EXPECT_EQ(none.last_failure, 0);
}

TEST_P(ThrottleContract, ClearAndPurge) {
    const auto now = clock.now();
    ASSERT_TRUE(store().record_failures({"a", "b"}, now - 50));
    ASSERT_TRUE(store().record_failures({"b"}, now - 5000));
    ASSERT_TRUE(store().clear_failures("a"));
    EXPECT_EQ(store().throttle_state("a", 0)->failures, 0);
    EXPECT_EQ(store().purge_failures(now - 1000).value(), 1);
    EXPECT_EQ(store().throttle_state("b", 0)->failures, 1);
}

TEST_P(ThrottleContract, ConcurrentFailuresAreAllCounted) {
    auto second = open_store_again();
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] {
            auto& db = i % 2 ? *second : store();
            for (int j = 0; j < 10; ++j) ASSERT_TRUE(db.record_failures({"k"}, clock.now()));
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(store().throttle_state("k", 0)->failures, 40);
}

// ---- tokens ----

TEST_P(TokenContract, ConfirmTokenWorksOnceAndActivates) {
    NewAccount a;
    a.user = domain::User{0, "Anne", "anne@example.nl", Role::Lid, domain::UserStatus::Unconfirmed, false, 0};
    a.password_hash = "h";
    a.confirm_token_hash = "t1";
    a.confirm_expires_at = clock.now() + 60;
    a.mail = NewMessage{std::nullopt, "anne@example.nl", "Bevestig", "code=..."};
    auto id = store().create_user(a, clock.now()).value();
    ASSERT_EQ(store().messages_to_user(id)->size(), 1u);   // the mail is tied to the new user
    EXPECT_EQ(store().redeem_confirm_email("t1", clock.now()).value(), id);
    EXPECT_EQ(store().user(id)->status, domain::UserStatus::Active);
    EXPECT_EQ(store().redeem_confirm_email("t1", clock.now()).error().code(), ErrorCode::NotFound);
}

TEST_P(TokenContract, ExpiredWrongPurposeAndUnknownTokensFail) {
    auto id = make_user("Anne", "anne@example.nl");
    const auto now = clock.now();
    ASSERT_TRUE(store().issue_token({"reset", TokenPurpose::ResetPassword, id, "", now, now + 3600}, std::nullopt));
    EXPECT_EQ(store().redeem_confirm_email("reset", now).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(store().redeem_reset_password("reset", "new", now + 3600).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(store().redeem_reset_password("nope", "new", now).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(store().redeem_reset_password("reset", "new", now + 3599).value(), id);
    EXPECT_EQ(store().password_hash(id).value(), "new");
}

TEST_P(TokenContract, ResetEndsAllSessionsAndANewTokenVoidsTheOld) {
    auto id = make_user("Anne", "anne@example.nl");
    const auto now = clock.now();
    ASSERT_TRUE(store().create_session(session_for(id, "s", now), ""));
    ASSERT_TRUE(store().issue_token({"r1", TokenPurpose::ResetPassword, id, "", now, now + 3600}, std::nullopt));
    ASSERT_TRUE(store().issue_token({"r2", TokenPurpose::ResetPassword, id, "", now, now + 3600},
                                    NewMessage{id, "anne@example.nl", "Herstel", "code=r2"}));
    EXPECT_EQ(store().redeem_reset_password("r1", "x1", now).error().code(), ErrorCode::NotFound);
    EXPECT_TRUE(store().redeem_reset_password("r2", "x2", now));
    EXPECT_TRUE(store().sessions_of(id)->empty());
}

TEST_P(TokenContract, ConcurrentRedeemsOfOneTokenSucceedOnce) {
    auto id = make_user("Anne", "anne@example.nl");
    ASSERT_TRUE(store().issue_token({"once", TokenPurpose::ResetPassword, id, "", clock.now(), clock.now() + 60}, std::nullopt));
    auto second = open_store_again();
    std::atomic<int> won{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] {
            auto& db = i % 2 ? *second : store();
            if (db.redeem_reset_password("once", "p" + std::to_string(i), clock.now())) ++won;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(won.load(), 1);
}

TEST_P(TokenContract, ChangeEmailSetsThePayloadOrConflicts) {
    auto anne = make_user("Anne", "anne@example.nl");
    make_user("Bert", "bert@example.nl");
    const auto now = clock.now();
    ASSERT_TRUE(store().issue_token({"c1", TokenPurpose::ChangeEmail, anne, "anne@new.nl", now, now + 60}, std::nullopt));
    EXPECT_TRUE(store().redeem_change_email("c1", now));
    EXPECT_EQ(store().user(anne)->email, "anne@new.nl");
    ASSERT_TRUE(store().issue_token({"c2", TokenPurpose::ChangeEmail, anne, "bert@example.nl", now, now + 60}, std::nullopt));
    EXPECT_EQ(store().redeem_change_email("c2", now).error().code(), ErrorCode::Conflict);
    EXPECT_EQ(store().user(anne)->email, "anne@new.nl");
}

// ---- users ----

TEST_P(UserContract, CreateReadAndDuplicateEmailConflicts) {
    auto id = make_user("Anne", "anne@example.nl", Role::Redacteur);
    auto u = store().user(id).value();
    EXPECT_EQ(u.name, "Anne");
    EXPECT_EQ(u.email, "anne@example.nl");
    EXPECT_EQ(u.role, Role::Redacteur);
    EXPECT_EQ(u.status, domain::UserStatus::Active);
    EXPECT_EQ(store().user_by_email("anne@example.nl")->id, id);
    EXPECT_EQ(store().credentials("anne@example.nl")->password_hash, "x");
    NewAccount dup;
    dup.user = domain::User{0, "Ander", "anne@example.nl", Role::Lid, domain::UserStatus::Unconfirmed, false, 0};
    dup.password_hash = "y";
    EXPECT_EQ(store().create_user(dup, clock.now()).error().code(), ErrorCode::Conflict);
    EXPECT_EQ(store().user(id + 1000).error().code(), ErrorCode::NotFound);
}

TEST_P(UserContract, RoleChangeEndsSessionsAndIsAudited) {
    auto admin = make_user("Beheer", "beheer@example.nl", Role::Beheerder);
    auto id = make_user("Anne", "anne@example.nl");
    ASSERT_TRUE(store().create_session(session_for(id, "s", clock.now()), ""));
    ASSERT_TRUE(store().set_role(id, Role::Redacteur, domain::AuditEntry{0, clock.now(), admin, "user.role", "user:" + std::to_string(id), "lid -> redacteur"}));
    EXPECT_EQ(store().user(id)->role, Role::Redacteur);
    EXPECT_TRUE(store().sessions_of(id)->empty());
    auto log = store().audit_entries(0, 10).value();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].actor, admin);
    EXPECT_EQ(log[0].action, "user.role");
}

TEST_P(UserContract, EraseRemovesPersonalDataAndKeepsTheRow) {
    auto id = make_user("Anne", "anne@example.nl");
    auto item = make_item("x1");
    ASSERT_TRUE(store().create_session(session_for(id, "s", clock.now()), ""));
    ASSERT_TRUE(store().add_bookmark(id, item, clock.now()));
    ASSERT_TRUE(store().follow(id, {domain::FollowKind::Theme, "wonen", clock.now()}));
    ASSERT_TRUE(store().enqueue_message({id, "anne@example.nl", "Hoi", "tekst"}, clock.now()));
    auto erased = store().erase_user(id, false, clock.now()).value();
    EXPECT_EQ(erased.sessions, 1);
    EXPECT_EQ(erased.bookmarks, 1);
    EXPECT_EQ(erased.follows, 1);
    EXPECT_EQ(erased.messages, 1);
    auto u = store().user(id).value();
    EXPECT_EQ(u.name, "");
    EXPECT_EQ(u.email, "");
    EXPECT_EQ(u.status, domain::UserStatus::Deleted);
    EXPECT_EQ(store().password_hash(id).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(store().credentials("anne@example.nl").error().code(), ErrorCode::NotFound);
    EXPECT_EQ(store().erase_user(id, false, clock.now()).error().code(), ErrorCode::NotFound);
    // The address is free again.
    EXPECT_TRUE(store().user_by_email("anne@example.nl").error().code() == ErrorCode::NotFound);
    make_user("Anne opnieuw", "anne@example.nl");
}

// ---- outbox ----

TEST_P(OutboxContract, ClaimLeasesDueMessagesOnce) {
    const auto now = clock.now();
    auto id = store().enqueue_message({std::nullopt, "a@example.nl", "Onderwerp", "Tekst"}, now).value();
    auto first = store().claim_due_messages(now, 300, 10).value();
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].id, id);
    EXPECT_EQ(first[0].to, "a@example.nl");
    EXPECT_TRUE(store().claim_due_messages(now, 300, 10)->empty());          // leased
    EXPECT_EQ(store().claim_due_messages(now + 300, 300, 10)->size(), 1u);   // lease ran out
    ASSERT_TRUE(store().mark_message_sent(id, now + 301));
    auto all = store().messages(0, 10).value();
    EXPECT_EQ(all[0].status, OutboxStatus::Sent);
    EXPECT_EQ(all[0].attempts, 1);
    EXPECT_EQ(all[0].sent_at, now + 301);
    EXPECT_TRUE(store().claim_due_messages(now + 10000, 300, 10)->empty());
}

TEST_P(OutboxContract, FailedAttemptsRetryThenGiveUp) {
    const auto now = clock.now();
    auto id = store().enqueue_message({std::nullopt, "a@example.nl", "S", "B"}, now).value();
    ASSERT_TRUE(store().mark_message_failed(id, "421 try later", now + 60));
    auto m = store().messages(0, 1)->at(0);
    EXPECT_EQ(m.status, OutboxStatus::Pending);
    EXPECT_EQ(m.attempts, 1);
    EXPECT_EQ(m.last_error, "421 try later");
    EXPECT_TRUE(store().claim_due_messages(now + 59, 300, 10)->empty());
    EXPECT_EQ(store().claim_due_messages(now + 60, 300, 10)->size(), 1u);
    ASSERT_TRUE(store().mark_message_failed(id, "550 no such user", std::nullopt));
    EXPECT_EQ(store().messages(0, 1)->at(0).status, OutboxStatus::Failed);
    EXPECT_EQ(store().mark_message_sent(id + 99, now).error().code(), ErrorCode::NotFound);
}

TEST_P(OutboxContract, ConcurrentSendersNeverClaimTheSameMessage) {
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(store().enqueue_message({std::nullopt, "a@example.nl", "S", "B"}, clock.now()));
    auto second = open_store_again();
    std::mutex mutex;
    std::vector<std::int64_t> ids;
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] {
            auto& db = i % 2 ? *second : store();
            // A round may come back empty while the other senders hold the last rows, so each
            // sender keeps going until all twenty are out (or gives up after many rounds).
            for (int round = 0; round < 200; ++round) {
                auto got = db.claim_due_messages(clock.now(), 300, 3);
                std::lock_guard lock(mutex);
                if (got)
                    for (const auto& m : *got) ids.push_back(m.id);
                if (ids.size() >= 20) break;
            }
        });
    for (auto& t : threads) t.join();
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "a message went to two senders";
    EXPECT_EQ(ids.size(), 20u);
}

// ---- organisations, contributions, comments, follows ----

TEST_P(ContentContract, OrganisationMembers) {
    auto anne = make_user("Anne", "anne@example.nl");
    auto bert = make_user("Bert", "bert@example.nl");
    auto org = store().create_organisation({0, domain::OrganisationKind::Gemeente, "Gemeente Amsterdam", "GM0363", 1}, std::nullopt).value();
    ASSERT_TRUE(store().add_member({org, bert, 5}, std::nullopt));
    ASSERT_TRUE(store().add_member({org, anne, 6}, std::nullopt));
    EXPECT_EQ(store().add_member({org, anne, 7}, std::nullopt).error().code(), ErrorCode::Conflict);
    EXPECT_EQ(store().add_member({org + 9, anne, 7}, std::nullopt).error().code(), ErrorCode::NotFound);
    auto members = store().members(org).value();
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0].user.name, "Anne");
    EXPECT_EQ(members[0].joined_at, 6);
    EXPECT_TRUE(store().is_member(org, anne).value());
    EXPECT_EQ(store().organisation(org)->municipality_code, "GM0363");
    ASSERT_TRUE(store().remove_member(org, anne, std::nullopt));
    EXPECT_FALSE(store().is_member(org, anne).value());
    EXPECT_EQ(store().remove_member(org, anne, std::nullopt).error().code(), ErrorCode::NotFound);
}

TEST_P(ContentContract, ContributionRevisionsAndCompareAndSetStatus) {
    auto anne = make_user("Anne", "anne@example.nl");
    domain::Contribution c;
    c.author = anne;
    c.content = content("Buurtkamer");
    auto id = store().create_contribution(c, 10).value();
    auto stored = store().contribution(id).value();
    EXPECT_TRUE(stored.content.same_content(c.content));
    EXPECT_EQ(stored.revision_count, 1);
    auto edited = content("Buurtkamer", "Eerste regel\nAndere regel");
    ASSERT_TRUE(store().change_contribution({id, domain::ContributionStatus::Draft, domain::ContributionStatus::Submitted,
                                             "", edited, std::nullopt, anne, 20},
                                            std::nullopt));
    auto conflict = store().change_contribution({id, domain::ContributionStatus::Draft, domain::ContributionStatus::Submitted,
                                                 "", std::nullopt, std::nullopt, anne, 30},
                                                std::nullopt);
    EXPECT_EQ(conflict.error().code(), ErrorCode::Conflict);
    auto revisions = store().revisions(id).value();
    ASSERT_EQ(revisions.size(), 2u);
    EXPECT_EQ(revisions[1].number, 2);
    EXPECT_EQ(revisions[1].content.body, "Eerste regel\nAndere regel");
    EXPECT_EQ(store().contributions_with_status(domain::ContributionStatus::Submitted, 0, 10)->size(), 1u);
    EXPECT_EQ(store().revision(id, 3).error().code(), ErrorCode::NotFound);
}

TEST_P(ContentContract, CommentsFlagsAndHiding) {
    auto anne = make_user("Anne", "anne@example.nl");
    auto bert = make_user("Bert", "bert@example.nl");
    auto item = make_item("x1");
    auto cid = store().add_comment({0, item, anne, "Mooi voorbeeld!", 100, std::nullopt, 0}).value();
    EXPECT_EQ(store().add_comment({0, item + 50, anne, "x", 100, std::nullopt, 0}).error().code(), ErrorCode::NotFound);
    ASSERT_TRUE(store().flag_comment({cid, bert, "spam", 101}));
    EXPECT_EQ(store().flag_comment({cid, bert, "nog eens", 102}).error().code(), ErrorCode::Conflict);
    auto queue = store().flagged_comments(10).value();
    ASSERT_EQ(queue.size(), 1u);
    EXPECT_EQ(queue[0].flag_count, 1);
    ASSERT_TRUE(store().set_comment_hidden(cid, domain::Moderation{"reclame", bert, 103}, std::nullopt));
    EXPECT_TRUE(store().comments_on(item, false)->empty());
    auto all = store().comments_on(item, true).value();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].hidden, (domain::Moderation{"reclame", bert, 103}));
    ASSERT_TRUE(store().set_comment_hidden(cid, std::nullopt, std::nullopt));
    EXPECT_EQ(store().comments_on(item, false)->size(), 1u);
}

TEST_P(ContentContract, FollowsFindNewItemsAndDigestIsOncePerWeek) {
    auto anne = make_user("Anne", "anne@example.nl");
    ASSERT_TRUE(store().set_weekly_digest(anne, true));
    EXPECT_TRUE(store().digest_recipients()->empty());   // follows nothing yet
    ASSERT_TRUE(store().follow(anne, {domain::FollowKind::Theme, "wonen", 1}));
    ASSERT_TRUE(store().follow(anne, {domain::FollowKind::Theme, "wonen", 1}));   // idempotent
    ASSERT_TRUE(store().follow(anne, {domain::FollowKind::GalaGoal, "5", 1}));
    ASSERT_EQ(store().follows(anne)->size(), 2u);
    auto wonen = make_item("w", "wonen", 2);
    auto goal5 = make_item("g", "eenzaamheid", 5);
    make_item("other", "eenzaamheid", 2);
    const auto now = clock.now() + 1000000000;   // items were created "now" in real time
    auto found = store().new_items_followed_by(anne, 0, now).value();
    EXPECT_EQ(found, (std::vector<domain::ItemId>{wonen, goal5}));
    EXPECT_TRUE(store().new_items_followed_by(anne, now, now + 10)->empty());
    ASSERT_EQ(store().digest_recipients()->size(), 1u);
    NewMessage mail{anne, "anne@example.nl", "Nieuw", "..."};
    EXPECT_TRUE(store().enqueue_digest(anne, "2026-W47", mail, 5).value());
    EXPECT_FALSE(store().enqueue_digest(anne, "2026-W47", mail, 6).value());
    EXPECT_TRUE(store().enqueue_digest(anne, "2026-W48", mail, 7).value());
    EXPECT_EQ(store().messages_to_user(anne)->size(), 2u);
    ASSERT_TRUE(store().unfollow(anne, domain::FollowKind::Theme, "wonen"));
    EXPECT_EQ(store().new_items_followed_by(anne, 0, now).value(), (std::vector<domain::ItemId>{goal5}));
}

TEST_P(ContentContract, BookmarksAreIdempotentAndNeedAnItem) {
    auto anne = make_user("Anne", "anne@example.nl");
    auto a = make_item("a"), b = make_item("b");
    ASSERT_TRUE(store().add_bookmark(anne, a, 1));
    ASSERT_TRUE(store().add_bookmark(anne, b, 2));
    ASSERT_TRUE(store().add_bookmark(anne, a, 3));
    EXPECT_EQ(store().bookmarks(anne).value(), (std::vector<Bookmark>{{b, 2}, {a, 1}}));
    EXPECT_EQ(store().add_bookmark(anne, b + 100, 4).error().code(), ErrorCode::NotFound);
    ASSERT_TRUE(store().remove_bookmark(anne, a));
    ASSERT_TRUE(store().remove_bookmark(anne, a));
    EXPECT_EQ(store().bookmarks(anne)->size(), 1u);
}

}  // namespace
}  // namespace gezondin::storage
