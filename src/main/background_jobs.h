#pragma once
// The server's timers: deliver due e-mails from the outbox (only when GEZONDIN_SMTP_URL is
// set; otherwise messages stay in the outbox for the beheerder), queue the weekly digest
// once a week, and purge expired sessions, tokens, old login failures and old sent e-mails.
//
// BackgroundJobs::run_due() decides by the given clock which jobs are due and runs them, so a
// test drives it with a fake clock and never sleeps. start() runs it on one thread that waits
// on a condition variable between runs; stop() (or the destructor) wakes and joins it.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/error.h"
#include "services/community/accounts.h"
#include "services/community/clock.h"
#include "services/community/email.h"
#include "services/community/library.h"
#include "storage/community.h"

namespace gezondin::services {
class Attachments;
}

namespace gezondin::app {

struct Runtime;
struct Community;

struct JobSettings {
    std::string smtp_url;         // GEZONDIN_SMTP_URL; empty: no delivery, mail stays in the outbox
    std::string smtp_from;        // GEZONDIN_SMTP_FROM, "Name <address>"; empty: from the base URL
    long smtp_timeout = 30;       // GEZONDIN_SMTP_TIMEOUT: seconds for one message at most
    long mail_interval = 30;      // GEZONDIN_MAIL_INTERVAL: seconds between outbox runs
    long purge_interval = 3600;   // seconds between purges
    long digest_check_interval = 300;   // seconds between looks at the digest schedule
    long digest_at = 6 * 3600;    // GEZONDIN_DIGEST_AT: seconds after Monday 00:00 UTC (Monday 06:00 UTC)
    long sent_retention = 90L * 86400;   // sent e-mails are deleted after this long
    long unreferenced_file_age = 3600;   // attachment files without a record are deleted after this long
};

// The settings from the GEZONDIN_* variables above; InvalidInput (a Dutch message that says
// what to change) for a bad value.
core::Result<JobSettings> job_settings_from_environment();

// The start of the last scheduled digest moment at or before `now`: Monday 00:00 UTC of
// now's week plus `digest_at`, or the week before when that lies after `now`.
domain::Timestamp last_digest_moment(domain::Timestamp now, long digest_at);

// What one run_due() did; a job that did not run leaves its field empty.
struct JobsRun {
    std::optional<services::DeliveryReport> delivery;
    std::optional<services::DigestReport> digest;
    std::optional<long> purged_messages;
    std::optional<long> purged_files;   // attachment files no record refers to
    long seconds_to_next = 0;   // until the next job is due by the clock
};

// The services the jobs call; not owned, must outlive the BackgroundJobs.
struct JobServices {
    services::OutboxDelivery* delivery = nullptr;   // null: no SMTP configured
    services::Accounts& accounts;
    storage::CommunityDatabase& db;
    services::Library& library;
    services::Attachments* attachments = nullptr;   // null: no upload folder to clean up
};

class BackgroundJobs {
public:
    BackgroundJobs(JobServices services, JobSettings settings, const services::Clock& clock);
    ~BackgroundJobs();
    BackgroundJobs(const BackgroundJobs&) = delete;
    BackgroundJobs& operator=(const BackgroundJobs&) = delete;

    // Runs every job that is due by the clock. Failures are written to stderr and the job is
    // tried again at its next turn. Not to be called while the thread of start() runs.
    JobsRun run_due();

    // Runs run_due() on a thread until stop().
    void start();
    // Wakes and joins the thread; a message being sent finishes first (at most smtp_timeout).
    // Idempotent.
    void stop();

private:
    void loop();
    void deliver(JobsRun& run);
    void digest(JobsRun& run, domain::Timestamp now);
    void purge(JobsRun& run, domain::Timestamp now);
    bool stopping();

    JobServices m_services;
    JobSettings m_settings;
    const services::Clock& m_clock;
    domain::Timestamp m_next_mail = 0, m_next_digest = 0, m_next_purge = 0;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

// The jobs of `gezondin serve`, wired to the runtime: the SMTP sender when configured, the
// delivery, the digest library and the jobs thread (already started). Destroy it before the
// Community and Runtime it uses.
class ServerJobs {
public:
    static core::Result<std::unique_ptr<ServerJobs>> start(const Runtime& rt, Community& community,
                                                           const JobSettings& settings, const std::string& base_url);
    ~ServerJobs();

private:
    ServerJobs() = default;
    std::unique_ptr<services::EmailSender> m_sender;
    std::unique_ptr<services::OutboxDelivery> m_delivery;
    std::unique_ptr<services::Library> m_library;
    std::unique_ptr<BackgroundJobs> m_jobs;
};

}  // namespace gezondin::app
