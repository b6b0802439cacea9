#pragma once
// The web application: routes a Request to a page or API handler and applies what every
// response needs (limits, UTF-8 checks, security headers, error pages). Pure: no sockets,
// so tests call handle() directly; server.cpp puts it on the network.

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/follow.h"
#include "services/kennisbank.h"
#include "web/http/message.h"
#include "web/http/server.h"
#include "web/page_cache.h"
#include "web/render/renderer.h"

namespace gezondin::services {
class Wijkdata;
class Ongelijk;
class OngelijkScenarios;
class Accounts;
class Administration;
class Privacy;
struct SessionContext;
}

namespace gezondin::web {

struct Context;
class AccountPages;
class PageModule;

// What another part of the site adds to the App's own pages, for the visitor in the context
// (no session: anonymous, and then the page is cached for every anonymous visitor). Each
// returns HTML from its own templates (escaped there), or "". Any member may be empty.
struct PageHooks {
    std::function<std::string(const Context&, const domain::Item&)> item_aside;   // in the item's facts column
    std::function<std::string(const Context&, const domain::Item&)> item_below;   // below the item
    // On the page of a theme, GALA goal or municipality (`value`: slug, "1".."7" or code).
    std::function<std::string(const Context&, domain::FollowKind, const std::string& value)> listing;
    // Moves whenever what these hooks show an anonymous visitor changes: the page cache
    // drops its copies then.
    std::function<std::int64_t()> generation;
};

struct AppConfig {
    std::string base_url = "http://127.0.0.1:8080";   // for feeds, sitemaps and canonical links
    std::size_t max_body_bytes = 1u << 20;
    // Routes that accept uploaded files get their own, larger body limit instead of
    // max_body_bytes: a POST to exactly `path` may carry up to `max_body_bytes` bytes.
    struct UploadRoute {
        std::string path;
        std::size_t max_body_bytes = 0;
    };
    std::vector<UploadRoute> upload_routes;
    std::size_t max_import_bytes = 64u << 20;         // the wijkdata import page (set_wijkdata adds its route)
    std::size_t max_header_bytes = 16u << 10;
    std::size_t max_url_bytes = 16u << 10;
    std::size_t page_cache_entries = 1000;            // rendered GET responses kept in memory
    // Set by App::set_wijkdata: the wijkdata profile of a municipality code, or "" when there
    // is no data for it (the kennisbank item page links to it).
    std::function<std::string(std::string_view code)> area_profile_url;
    long session_cookie_max_age = 30L * 86400;        // the server ends sessions itself (Accounts)
    std::vector<PageHooks> page_hooks;                 // added by App::add_page_hooks
};

// Counters for /metrics; updated with relaxed atomics.
struct Metrics {
    std::atomic<long> requests{0};
    std::atomic<long> client_errors{0};
    std::atomic<long> server_errors{0};
    std::atomic<long> search_requests{0};
};

class App {
public:
    App(services::Kennisbank& kennisbank, const Renderer& renderer, AppConfig config);
    ~App();

    // Never throws: an unexpected exception becomes a 500 page or problem+json. Blocks while
    // an account route hashes a password (tests; the server uses handle_async).
    Response handle(const Request& request);
    // Answers through `respond` exactly once: at once for most routes, later from a hashing
    // worker thread for the account routes that hash a password. Called on an I/O thread.
    void handle_async(Request request, Respond respond);

    // /readyz answers 200 only after this is set.
    void set_ready(bool ready) { m_ready = ready; }
    // Turns on the wijkdata pages and API (/wijkdata, /api/v1/areas|indicators|values). The
    // service must outlive the App; call before serving.
    void set_wijkdata(services::Wijkdata* wijkdata);
    // Turns on /ongelijk-investeren and /api/v1/ongelijk (needs set_wijkdata too). The service
    // must outlive the App; call before serving.
    void set_ongelijk(const services::Ongelijk* ongelijk) { m_ongelijk = ongelijk; }
    // Lets logged-in visitors save and compare ongelijk-investeren scenarios (needs
    // set_ongelijk and set_community). The service must outlive the App; call before serving.
    void set_ongelijk_scenarios(services::OngelijkScenarios* scenarios) { m_ongelijk_scenarios = scenarios; }
    const Metrics& metrics() const { return m_metrics; }
    // Turns on sessions and the account pages (/account..., /privacy, /beheer/...). The
    // services must outlive the App, and their hashing pool must be drained before the App
    // is destroyed; call before serving.
    void set_community(services::Accounts* accounts, services::Administration* administration);
    // Turns on the data download and account deletion of the account pages (after
    // set_community). The service must outlive the App; call before serving.
    void set_privacy(services::Privacy* privacy);
    // Adds a part of the site that answers its own paths (needs set_community: modules serve
    // logged-in visitors). Modules are asked in the order added, after the account pages and
    // before the App's own routes. Call before serving.
    void add_module(std::shared_ptr<const PageModule> module);
    // Adds what another part of the site shows on the item and listing pages. Its functions
    // must stay callable while the App serves; call before serving.
    void add_page_hooks(PageHooks hooks) { m_config.page_hooks.push_back(std::move(hooks)); }
    // Lets a POST to exactly `path` carry up to `max_body_bytes` (a page that takes uploaded
    // files; see AppConfig::upload_routes). Call before serving.
    void add_upload_route(std::string path, std::size_t max_body_bytes) {
        m_config.upload_routes.push_back({std::move(path), max_body_bytes});
    }

private:
    // `session_read` (if given) is set when the handler looked at the session.
    Response route(const Request& request, const services::SessionContext* session = nullptr, bool* session_read = nullptr);
    // Through the page cache. For a logged-in visitor (`session`) only pages rendered without
    // looking at the session are shared; the rest is rendered for the visitor.
    Response cached_route(const Request& request, const services::SessionContext* session = nullptr);
    // The validator of the page cache: the index, wijkdata and every page hook's generation.
    std::int64_t cache_generation() const;
    Response check_limits(const Request& request) const;
    // max_body_bytes, or the limit of the upload route the request posts to.
    std::size_t body_limit(const Request& request) const;
    void add_security_headers(Response& response) const;
    void count(const Response& response);
    // The logged-in state from the session cookie; null when anonymous.
    std::shared_ptr<const services::SessionContext> current_session(const Request& request) const;
    // Puts the visitor's account links in the header and keeps the page out of every cache.
    void personalise(Response& response, const services::SessionContext& session) const;
    std::string account_nav(const services::SessionContext& session) const;

    Response wijkdata_route(const Context& ctx, const std::vector<std::string_view>& seg);

    services::Kennisbank& m_kb;
    services::Wijkdata* m_wijkdata = nullptr;
    const services::Ongelijk* m_ongelijk = nullptr;
    services::OngelijkScenarios* m_ongelijk_scenarios = nullptr;
    const Renderer& m_renderer;
    AppConfig m_config;
    std::atomic<bool> m_ready{false};
    Metrics m_metrics;
    PageCache m_cache;
    services::Accounts* m_accounts = nullptr;
    std::shared_ptr<AccountPages> m_account_pages;
    std::vector<std::shared_ptr<const PageModule>> m_modules;   // the account pages first
    struct NavEntry {
        std::string name;
        int role = 0;
        std::string csrf;
        std::string html;
    };
    mutable std::mutex m_nav_mutex;
    mutable std::unordered_map<std::string, NavEntry> m_nav_cache;   // by session id hash
};

}  // namespace gezondin::web
