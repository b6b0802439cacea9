#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <algorithm>
#include <thread>

#include "core/messages.h"
#include "main/background_jobs.h"
#include "main/commands.h"
#include "services/ongelijk/ongelijk.h"
#include "services/ongelijk/ongelijk_scenarios.h"
#include "storage/scenarios.h"
#include "web/app.h"
#include "web/pages/admin_pages.h"
#include "web/pages/comment_pages.h"
#include "web/pages/contribution_pages.h"
#include "web/pages/library_pages.h"
#include "web/pages/organisation_pages.h"
#include "web/http/server.h"

namespace gezondin::app {

namespace {

bool split_listen(const std::string& listen, std::string& host, std::uint16_t& port) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    auto p = std::string_view(listen).substr(colon + 1);
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
    if (ec != std::errc() || ptr != p.data() + p.size() || value > 65535) return false;
    port = static_cast<std::uint16_t>(value);
    return true;
}

// Follows the change log so that writes by other processes (CLI imports, other instances on
// the same PostgreSQL) reach this instance's index and its wijkdata tables.
class IndexFollower {
public:
    IndexFollower(services::Kennisbank& kb, services::Wijkdata& wd) : m_kb(kb), m_wd(wd), m_thread([this] { loop(); }) {}
    ~IndexFollower() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }

private:
    void loop() {
        std::unique_lock lock(m_mutex);
        while (!m_cv.wait_for(lock, std::chrono::seconds(2), [this] { return m_stop; })) {
            lock.unlock();
            if (auto r = m_kb.sync_index(); !r) std::cerr << core::msg("cli.sync_failed", {r.error().message()}) << "\n";
            if (auto r = m_wd.refresh_if_changed(); !r) std::cerr << core::msg("cli.sync_failed", {r.error().message()}) << "\n";
            lock.lock();
        }
    }

    services::Kennisbank& m_kb;
    services::Wijkdata& m_wd;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace

int run_serve(const Settings& s) {
    std::string host;
    std::uint16_t port = 0;
    if (!split_listen(s.listen, host, port))
        return report_error(core::Error::invalid_input(core::msg("cli.bad_listen", {s.listen})));

    // Per-request buffers are freed and allocated again at a high rate; glibc's defaults return
    // that memory to the kernel each time (madvise, page faults dominated a profile of the
    // item API). Keep it in the process instead.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);

    // Signals are taken by sigwait below; block them before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto job_settings = job_settings_from_environment();
    if (!job_settings) return report_error(job_settings.error());
    auto rt = open_runtime(s, IndexMode::Required);
    if (!rt) return report_error(rt.error());
    if (auto loaded = rt->wijkdata->load(); !loaded) return report_error(loaded.error());
    auto renderer = web::Renderer::load();
    if (!renderer) return report_error(renderer.error());

    web::AppConfig config;
    config.base_url = s.base_url.empty() ? "http://" + s.listen : s.base_url;
    config.max_body_bytes = s.max_body_kb * 1024;
    config.max_import_bytes = s.max_import_mb << 20;
    config.page_cache_entries = s.page_cache_entries;
    auto community = open_community(s, 2);
    if (!community) return report_error(community.error());
    services::Ongelijk ongelijk(*rt->wijkdata);
    auto scenario_store = storage::open_scenario_store(
        s.database_url.empty() ? (std::filesystem::path(s.data_dir) / "gezondin.db").string() : s.database_url);
    if (!scenario_store) return report_error(scenario_store.error());
    services::OngelijkScenarios scenarios(**scenario_store, (*community)->clock);
    web::App app(*rt->kennisbank, **renderer, config);
    app.set_wijkdata(rt->wijkdata.get());
    app.set_ongelijk(&ongelijk);
    app.set_ongelijk_scenarios(&scenarios);
    app.set_community((*community)->accounts.get(), (*community)->administration.get());
    rt->wijkdata->set_audit([db = (*community)->db.get()](const domain::AuditEntry& e) { (void)db->append_audit(e); });
    add_library(**community, *rt, config.base_url);
    web::add_comment_pages(app, *(*community)->comments, *rt->kennisbank, **renderer);
    web::add_library_pages(app, *(*community)->library, *rt->kennisbank, **renderer);
    if (auto added = add_contributions(**community, *rt); !added) return report_error(added.error());
    // After add_contributions: changes waiting since the last run are indexed with the text of
    // their attachments.
    if (auto synced = rt->kennisbank->sync_index(); !synced) return report_error(synced.error());
    web::add_contribution_pages(app, *(*community)->contributions, *(*community)->attachments, *rt->kennisbank,
                                **renderer);
    add_privacy(**community, *rt);
    (*community)->privacy->set_scenarios(scenario_store->get());
    app.set_privacy((*community)->privacy.get());
    web::add_organisation_pages(app, *(*community)->organisations, *rt->kennisbank, **renderer);
    web::add_admin_pages(app, *(*community)->administration, *(*community)->organisations, *rt->kennisbank, **renderer,
                         (*community)->privacy.get());

    auto jobs = ServerJobs::start(*rt, **community, *job_settings, config.base_url);
    if (!jobs) return report_error(jobs.error());

    web::HttpServer server;
    web::ServerOptions options;
    options.address = host;
    options.port = port;
    // The import page takes larger bodies than other routes (App::body_limit); the server's hard
    // limit must leave room for it and the multipart framing, so the App can answer 413 itself.
    options.hard_max_body_bytes = std::max(options.hard_max_body_bytes, config.max_import_bytes + (1u << 20));
    auto bound = server.start_async(options, [&app](web::Request r, web::Respond respond) {
        app.handle_async(std::move(r), std::move(respond));
    });
    if (!bound) return report_error(bound.error());
    auto follower = std::make_unique<IndexFollower>(*rt->kennisbank, *rt->wijkdata);
    app.set_ready(true);
    std::cout << core::msg("cli.serving", {"http://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(*bound)})
              << std::endl;

    int sig = 0;
    sigwait(&signals, &sig);
    app.set_ready(false);
    std::cout << core::msg("cli.stopping") << std::endl;
    // Answer the logins still waiting for a password hash while the server can still send
    // them (a worker answering after server.stop() would write to a closed connection).
    (*community)->pool->drain();
    server.stop();
    jobs->reset();   // stops the timers before the services they call go away
    follower.reset();     // its index syncs read the attachments of the community
    community->reset();   // finishes the queued password jobs while the App still exists
    return 0;
}

}  // namespace gezondin::app
