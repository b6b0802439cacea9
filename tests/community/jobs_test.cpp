// The server's background jobs, driven by a fake clock on both engines: outbox delivery
// every interval, the weekly digest once per scheduled moment (also across a restart), and
// the purge of expired sessions and old sent e-mails; plus the JobStore contract.

#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "main/background_jobs.h"
#include "services/community/tokens.h"
#include "tests/community/community_backend.h"

using namespace gezondin;
using namespace gezondin::services;
using app::BackgroundJobs;
using app::JobSettings;
using ::testing::HasSubstr;

namespace {

GEZONDIN_COMMUNITY_SUITE(BackgroundJobsTest);

JobSettings quick_settings() {
    JobSettings s;
    s.mail_interval = 30;
    s.digest_check_interval = 10;
    s.purge_interval = 3600;
    s.sent_retention = 1000;
    return s;
}

std::int64_t queue(storage::CommunityDatabase& db, domain::Timestamp now, const std::string& to = "a@example.org") {
    auto id = db.enqueue_message({std::nullopt, to, "Onderwerp", "Tekst"}, now);
    EXPECT_TRUE(id) << id.error().message();
    return id.value_or(0);
}

storage::OutboxStatus status_of(storage::CommunityDatabase& db, std::int64_t id) {
    const auto all = db.messages(0, 1000).value();
    for (const auto& m : all)
        if (m.id == id) return m.status;
    ADD_FAILURE() << "no message " << id;
    return storage::OutboxStatus::Pending;
}

bool has_message(storage::CommunityDatabase& db, std::int64_t id) {
    const auto all = db.messages(0, 1000).value();
    for (const auto& m : all)
        if (m.id == id) return true;
    return false;
}

TEST_P(BackgroundJobsTest, JobStoreClaimsOneRunPerPeriod) {
    EXPECT_FALSE(store().last_job_run("digest").value().has_value());
    EXPECT_TRUE(store().claim_job_run("digest", 100, 100).value());
    EXPECT_EQ(store().last_job_run("digest").value(), 100);
    EXPECT_FALSE(store().claim_job_run("digest", 100, 150).value());   // already ran for the period from 100
    EXPECT_EQ(store().last_job_run("digest").value(), 100);
    EXPECT_TRUE(store().claim_job_run("digest", 200, 210).value());
    EXPECT_EQ(store().last_job_run("digest").value(), 210);
    EXPECT_FALSE(store().last_job_run("other").value().has_value());
}

TEST_P(BackgroundJobsTest, PurgeSentMessagesKeepsPendingAndFailedOnes) {
    const auto now = clock.now();
    const auto old_sent = queue(store(), now), new_sent = queue(store(), now), pending = queue(store(), now),
               failed = queue(store(), now);
    ASSERT_TRUE(store().mark_message_sent(old_sent, now - 500));
    ASSERT_TRUE(store().mark_message_sent(new_sent, now));
    ASSERT_TRUE(store().mark_message_failed(failed, "kapot", std::nullopt));
    EXPECT_EQ(store().purge_sent_messages(now - 100).value(), 1);
    EXPECT_FALSE(has_message(store(), old_sent));
    for (auto id : {new_sent, pending, failed}) EXPECT_TRUE(has_message(store(), id)) << id;
    EXPECT_EQ(store().purge_sent_messages(now - 100).value(), 0);
}

TEST_P(BackgroundJobsTest, OutboxIsDeliveredAtOnceAndThenEveryInterval) {
    FakeEmailSender sender;
    OutboxDelivery delivery(store(), sender, clock);
    BackgroundJobs jobs({&delivery, *accounts, store(), *library}, quick_settings(), clock);
    const auto first = queue(store(), clock.now());
    auto run = jobs.run_due();
    ASSERT_TRUE(run.delivery);
    EXPECT_EQ(run.delivery->sent, 1);
    EXPECT_EQ(status_of(store(), first), storage::OutboxStatus::Sent);
    EXPECT_LE(run.seconds_to_next, 30);
    queue(store(), clock.now(), "b@example.org");
    clock.advance(29);
    EXPECT_FALSE(jobs.run_due().delivery);   // not its turn yet
    EXPECT_EQ(sender.sent().size(), 1u);
    clock.advance(1);
    run = jobs.run_due();
    ASSERT_TRUE(run.delivery);
    EXPECT_EQ(run.delivery->sent, 1);
    ASSERT_EQ(sender.sent().size(), 2u);
    EXPECT_EQ(sender.sent()[1].to, "b@example.org");
}

TEST_P(BackgroundJobsTest, WithoutSmtpMessagesStayInTheOutbox) {
    BackgroundJobs jobs({nullptr, *accounts, store(), *library}, quick_settings(), clock);
    const auto id = queue(store(), clock.now());
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(jobs.run_due().delivery);
        clock.advance(3600);
    }
    EXPECT_EQ(status_of(store(), id), storage::OutboxStatus::Pending);
}

TEST_P(BackgroundJobsTest, WeeklyDigestGoesOutOnceAtTheScheduledMomentAlsoAcrossARestart) {
    clock.set(SystemClock().now());   // kennisbank items carry real creation times
    const auto start = clock.now();
    // The schedule puts this week's moment one minute from now.
    JobSettings settings = quick_settings();
    settings.digest_at = static_cast<long>(start + 60 - app::last_digest_moment(start + 60, 0));
    const auto user = make_user("Mila", "mila@example.org");
    ASSERT_TRUE(store().set_weekly_digest(user, true));
    ASSERT_TRUE(store().follow(user, {domain::FollowKind::Theme, "wonen", start}));
    make_item("digest-1", "wonen");

    {
        BackgroundJobs jobs({nullptr, *accounts, store(), *library}, settings, clock);
        EXPECT_FALSE(jobs.run_due().digest);   // a new installation waits for the next moment
        clock.advance(30);
        EXPECT_FALSE(jobs.run_due().digest);
        clock.advance(60);
        auto run = jobs.run_due();
        ASSERT_TRUE(run.digest);
        EXPECT_EQ(run.digest->queued, 1);
        clock.advance(3600);
        EXPECT_FALSE(jobs.run_due().digest);
    }
    BackgroundJobs restarted({nullptr, *accounts, store(), *library}, settings, clock);
    clock.advance(60);
    EXPECT_FALSE(restarted.run_due().digest);   // the database remembers this week's run
    auto mails = store().messages_to_user(user).value();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_THAT(mails[0].body, HasSubstr("Item digest-1"));
    clock.advance(7L * 86400);
    auto next_week = restarted.run_due();
    ASSERT_TRUE(next_week.digest);
    EXPECT_EQ(next_week.digest->queued, 0);
    EXPECT_EQ(next_week.digest->nothing_new, 1);
}

TEST_P(BackgroundJobsTest, PurgeRemovesExpiredSessionsAndOldSentMessages) {
    BackgroundJobs jobs({nullptr, *accounts, store(), *library}, quick_settings(), clock);
    const auto user = make_user("Mila", "mila@example.org");
    const auto now = clock.now();
    storage::SessionRecord session{token_hash(new_token()), user, new_token(), now, now, now + 100, "test", "192.0.2.1"};
    ASSERT_TRUE(store().create_session(session, ""));
    const auto sent = queue(store(), now), pending = queue(store(), now);
    ASSERT_TRUE(store().mark_message_sent(sent, now));
    auto first = jobs.run_due();
    ASSERT_TRUE(first.purged_messages);
    EXPECT_EQ(*first.purged_messages, 0);
    EXPECT_EQ(store().sessions_of(user)->size(), 1u);
    clock.advance(3600);   // past the session's end and the sent message's retention
    auto second = jobs.run_due();
    ASSERT_TRUE(second.purged_messages);
    EXPECT_EQ(*second.purged_messages, 1);
    EXPECT_TRUE(store().sessions_of(user)->empty());
    EXPECT_FALSE(has_message(store(), sent));
    EXPECT_TRUE(has_message(store(), pending));
}

TEST_P(BackgroundJobsTest, ThreadRunsTheJobsAndStopsWhenAsked) {
    FakeEmailSender sender;
    OutboxDelivery delivery(store(), sender, clock);
    queue(store(), clock.now());
    BackgroundJobs jobs({&delivery, *accounts, store(), *library}, quick_settings(), clock);
    jobs.start();
    jobs.stop();   // the loop runs the due jobs once before it first waits, then joins
    EXPECT_EQ(sender.sent().size(), 1u);
    jobs.stop();   // idempotent
}

TEST(DigestSchedule, LastMomentIsTheMostRecentScheduledTime) {
    const domain::Timestamp monday = 1'795'392'000;   // Monday 23 November 2026, 00:00 UTC
    ASSERT_EQ(domain::iso_week(monday), "2026-W48");
    ASSERT_EQ(domain::iso_week(monday - 1), "2026-W47");
    const long six = 6 * 3600;
    EXPECT_EQ(app::last_digest_moment(monday + six, six), monday + six);
    EXPECT_EQ(app::last_digest_moment(monday + six - 1, six), monday + six - 7 * 86400);
    EXPECT_EQ(app::last_digest_moment(monday + 3 * 86400, six), monday + six);
    EXPECT_EQ(app::last_digest_moment(monday + 7 * 86400 - 1, six), monday + six);
    EXPECT_EQ(app::last_digest_moment(monday + 7 * 86400 + six, six), monday + 7 * 86400 + six);
}

TEST(JobSettingsFromEnvironment, ReadsValuesAndRefusesBadOnes) {
    ::setenv("GEZONDIN_SMTP_URL", "smtp://127.0.0.1:2525", 1);
    ::setenv("GEZONDIN_MAIL_INTERVAL", "5", 1);
    ::setenv("GEZONDIN_DIGEST_AT", "2 07:30", 1);
    auto s = app::job_settings_from_environment();
    ASSERT_TRUE(s) << s.error().message();
    EXPECT_EQ(s->smtp_url, "smtp://127.0.0.1:2525");
    EXPECT_EQ(s->mail_interval, 5);
    EXPECT_EQ(s->digest_at, 86400 + 7 * 3600 + 30 * 60);
    for (const char* bad : {"0", "-3", "tien", "5s"}) {
        ::setenv("GEZONDIN_MAIL_INTERVAL", bad, 1);
        auto r = app::job_settings_from_environment();
        ASSERT_FALSE(r) << bad;
        EXPECT_THAT(r.error().message(), HasSubstr("GEZONDIN_MAIL_INTERVAL"));
    }
    ::setenv("GEZONDIN_MAIL_INTERVAL", "5", 1);
    for (const char* bad : {"8 06:00", "1 25:00", "maandag", "1 6:00"}) {
        ::setenv("GEZONDIN_DIGEST_AT", bad, 1);
        EXPECT_FALSE(app::job_settings_from_environment()) << bad;
    }
    ::unsetenv("GEZONDIN_SMTP_URL");
    ::unsetenv("GEZONDIN_MAIL_INTERVAL");
    ::unsetenv("GEZONDIN_DIGEST_AT");
}

}  // namespace
