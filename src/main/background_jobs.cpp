#include "main/background_jobs.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "core/messages.h"
#include "main/runtime.h"
#include "services/community/attachments.h"
#include "services/community/smtp_sender.h"

namespace gezondin::app {

namespace {

constexpr const char* digest_job = "weekly-digest";
constexpr long delivery_batch = 10;

core::Error bad_setting(std::string_view name, std::string_view value, std::string_view hint_key) {
    return core::Error::invalid_input(core::msg("email.jobs.bad_setting", {name, value, core::msg(hint_key)}));
}

std::optional<long> whole_number(std::string_view text, long low, long high) {
    long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) return std::nullopt;
    return value;
}

core::Status read_seconds(const char* name, long& target, long high) {
    const char* v = std::getenv(name);
    if (!v || !*v) return {};
    auto value = whole_number(v, 1, high);
    if (!value) return core::fail(bad_setting(name, v, "email.jobs.bad_seconds"));
    target = *value;
    return {};
}

// "1 06:00": day 1 (Monday) to 7 (Sunday), then HH:MM in UTC.
std::optional<long> parse_digest_at(std::string_view text) {
    if (text.size() != 7 || text[1] != ' ' || text[4] != ':') return std::nullopt;
    auto day = whole_number(text.substr(0, 1), 1, 7);
    auto hour = whole_number(text.substr(2, 2), 0, 23);
    auto minute = whole_number(text.substr(5, 2), 0, 59);
    if (!day || !hour || !minute) return std::nullopt;
    return (*day - 1) * 86400 + *hour * 3600 + *minute * 60;
}

// "GezondIn <noreply@host>" for the host of the base URL, or noreply@localhost when that host
// is an address or has no dot.
std::string default_from(const std::string& base_url) {
    std::string_view host = base_url;
    if (auto scheme = host.find("://"); scheme != std::string_view::npos) host.remove_prefix(scheme + 3);
    host = host.substr(0, host.find_first_of(":/"));
    const bool name = host.find('.') != std::string_view::npos &&
                      std::any_of(host.begin(), host.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    return "GezondIn <noreply@" + std::string(name ? host : "localhost") + ">";
}

void report_failure(std::string_view job, const core::Error& error) {
    std::cerr << core::msg("email.jobs.failed", {job, error.message()}) << std::endl;
}

}  // namespace

core::Result<JobSettings> job_settings_from_environment() {
    JobSettings s;
    if (const char* v = std::getenv("GEZONDIN_SMTP_URL")) s.smtp_url = v;
    if (const char* v = std::getenv("GEZONDIN_SMTP_FROM")) s.smtp_from = v;
    if (auto r = read_seconds("GEZONDIN_SMTP_TIMEOUT", s.smtp_timeout, 600); !r) return core::fail(r.error());
    if (auto r = read_seconds("GEZONDIN_MAIL_INTERVAL", s.mail_interval, 86400); !r) return core::fail(r.error());
    if (const char* v = std::getenv("GEZONDIN_DIGEST_AT"); v && *v) {
        auto at = parse_digest_at(v);
        if (!at) return core::fail(bad_setting("GEZONDIN_DIGEST_AT", v, "email.jobs.bad_digest_at"));
        s.digest_at = *at;
    }
    return s;
}

domain::Timestamp last_digest_moment(domain::Timestamp now, long digest_at) {
    const domain::Timestamp day = now >= 0 ? now / 86400 : (now - 86399) / 86400;
    const domain::Timestamp weekday = ((day + 3) % 7 + 7) % 7;   // 0 = Monday; 1970-01-01 was a Thursday
    const domain::Timestamp moment = (day - weekday) * 86400 + digest_at;
    return moment > now ? moment - 7 * 86400 : moment;
}

BackgroundJobs::BackgroundJobs(JobServices services, JobSettings settings, const services::Clock& clock)
    : m_services(services), m_settings(std::move(settings)), m_clock(clock) {}

BackgroundJobs::~BackgroundJobs() { stop(); }

JobsRun BackgroundJobs::run_due() {
    JobsRun run;
    const auto now = m_clock.now();
    if (m_services.delivery && now >= m_next_mail) {
        deliver(run);
        m_next_mail = now + m_settings.mail_interval;
    }
    if (now >= m_next_digest) {
        digest(run, now);
        m_next_digest = now + m_settings.digest_check_interval;
    }
    if (now >= m_next_purge) {
        purge(run, now);
        m_next_purge = now + m_settings.purge_interval;
    }
    auto next = std::min(m_next_digest, m_next_purge);
    if (m_services.delivery) next = std::min(next, m_next_mail);
    run.seconds_to_next = std::max<long>(0, next - m_clock.now());
    return run;
}

void BackgroundJobs::deliver(JobsRun& run) {
    services::DeliveryReport total;
    // Small batches, so that shutdown waits for one batch at most.
    for (;;) {
        auto report = m_services.delivery->deliver_due(delivery_batch);
        if (!report) {
            report_failure("e-mail", report.error());
            break;
        }
        total.sent += report->sent;
        total.retried += report->retried;
        total.given_up += report->given_up;
        if (report->sent + report->retried + report->given_up < delivery_batch || stopping()) break;
    }
    run.delivery = total;
}

void BackgroundJobs::digest(JobsRun& run, domain::Timestamp now) {
    auto last = m_services.db.last_job_run(digest_job);
    if (!last) return report_failure(digest_job, last.error());
    if (!*last) {
        // A new installation: the first digest goes out at the next scheduled moment.
        if (auto c = m_services.db.claim_job_run(digest_job, now, now); !c) report_failure(digest_job, c.error());
        return;
    }
    const auto moment = last_digest_moment(now, m_settings.digest_at);
    if (**last >= moment) return;
    // Building is idempotent per ISO week, so it runs before the run is recorded: a failure
    // is retried at the next check, and two servers at once still queue each e-mail once.
    auto report = m_services.library.build_weekly_digest();
    if (!report) return report_failure(digest_job, report.error());
    run.digest = *report;
    if (auto c = m_services.db.claim_job_run(digest_job, moment, now); !c) report_failure(digest_job, c.error());
}

void BackgroundJobs::purge(JobsRun& run, domain::Timestamp now) {
    if (auto p = m_services.accounts.purge_expired(); !p) report_failure("purge", p.error());
    if (m_services.attachments) {
        auto files = m_services.attachments->purge_unreferenced(std::chrono::seconds(m_settings.unreferenced_file_age));
        if (files) run.purged_files = *files;
        else report_failure("purge", files.error());
    }
    auto purged = m_services.db.purge_sent_messages(now - m_settings.sent_retention);
    if (!purged) return report_failure("purge", purged.error());
    run.purged_messages = *purged;
}

bool BackgroundJobs::stopping() {
    std::lock_guard lock(m_mutex);
    return m_stop;
}

void BackgroundJobs::start() {
    if (!m_thread.joinable()) m_thread = std::thread([this] { loop(); });
}

void BackgroundJobs::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void BackgroundJobs::loop() {
    for (;;) {
        const auto run = run_due();
        const auto pause = std::chrono::seconds(std::clamp<long>(run.seconds_to_next, 1, 60));
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, pause, [this] { return m_stop; })) return;
    }
}

core::Result<std::unique_ptr<ServerJobs>> ServerJobs::start(const Runtime& rt, Community& community,
                                                            const JobSettings& settings, const std::string& base_url) {
    std::unique_ptr<ServerJobs> jobs(new ServerJobs());
    if (!settings.smtp_url.empty()) {
        auto from = services::parse_mailbox(settings.smtp_from.empty() ? default_from(base_url) : settings.smtp_from);
        if (!from) return core::fail(from.error());
        services::SmtpConfig config{settings.smtp_url, from->address, from->name,
                                    std::min(10L, settings.smtp_timeout) * 1000, settings.smtp_timeout * 1000};
        auto sender = services::SmtpSender::create(std::move(config));
        if (!sender) return core::fail(sender.error());
        jobs->m_sender = std::move(*sender);
        services::DeliveryPolicy policy;
        // A claimed batch must be done before its lease ends, or another server may take it too.
        policy.lease_seconds = std::max(policy.lease_seconds, 2 * delivery_batch * settings.smtp_timeout);
        jobs->m_delivery =
            std::make_unique<services::OutboxDelivery>(*community.db, *jobs->m_sender, community.clock, policy);
        std::cout << core::msg("email.jobs.sending", {services::redacted_smtp_url(settings.smtp_url),
                                                       std::to_string(settings.mail_interval)})
                  << std::endl;
    } else {
        std::cout << core::msg("email.jobs.outbox_only") << std::endl;
    }
    jobs->m_library = std::make_unique<services::Library>(*community.db, *rt.db, *rt.taxonomy, community.clock, base_url);
    JobServices services{jobs->m_delivery.get(), *community.accounts, *community.db, *jobs->m_library,
                         community.attachments.get()};
    jobs->m_jobs = std::make_unique<BackgroundJobs>(services, settings, community.clock);
    jobs->m_jobs->start();
    return jobs;
}

ServerJobs::~ServerJobs() {
    if (m_jobs) m_jobs->stop();
}

}  // namespace gezondin::app
