#pragma once
// The web application: routes a Request to a page or API handler and applies what every
// response needs (limits, UTF-8 checks, security headers, error pages). Pure: no sockets,
// so tests call handle() directly; server.cpp puts it on the network.

#include <atomic>
#include <cstddef>
#include <functional>
#include <string_view>
#include <memory>
#include <string>
#include <vector>

#include "services/kennisbank.h"
#include "web/http/message.h"
#include "web/http/server.h"
#include "web/page_cache.h"
#include "web/render/renderer.h"

namespace gezondin::services {
class Wijkdata;
class Ongelijk;
class Accounts;
class Administration;
struct SessionContext;
}

namespace gezondin::web {

struct Context;
class AccountPages;
class PageModule;

struct AppConfig {
    std::string base_url = "http://127.0.0.1:8080";   // for feeds, sitemaps and canonical links
    std::size_t max_body_bytes = 1u << 20;
    std::size_t max_header_bytes = 16u << 10;
    std::size_t max_url_bytes = 16u << 10;
    std::size_t page_cache_entries = 1000;            // rendered GET responses kept in memory
    // Set by App::set_wijkdata: the wijkdata profile of a municipality code, or "" when there
    // is no data for it (the kennisbank item page links to it).
    std::function<std::string(std::string_view code)> area_profile_url;
    long session_cookie_max_age = 30L * 86400;        // the server ends sessions itself (Accounts)
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
    const Metrics& metrics() const { return m_metrics; }
    // Turns on sessions and the account pages (/account..., /privacy, /beheer/...). The
    // services must outlive the App, and their hashing pool must be drained before the App
    // is destroyed; call before serving.
    void set_community(services::Accounts* accounts, services::Administration* administration);
    // Adds a part of the site that answers its own paths (needs set_community: modules serve
    // logged-in visitors). Modules are asked in the order added, after the account pages and
    // before the App's own routes. Call before serving.
    void add_module(std::shared_ptr<const PageModule> module);

private:
    // `session_read` (if given) is set when the handler looked at the session.
    Response route(const Request& request, const services::SessionContext* session = nullptr, bool* session_read = nullptr);
    // Through the page cache. For a logged-in visitor (`session`) only pages rendered without
    // looking at the session are shared; the rest is rendered for the visitor.
    Response cached_route(const Request& request, const services::SessionContext* session = nullptr);
    Response check_limits(const Request& request) const;
    void add_security_headers(Response& response) const;
    void count(const Response& response);
    // The logged-in state from the session cookie; null when anonymous.
    std::shared_ptr<const services::SessionContext> current_session(const Request& request) const;
    // Puts the visitor's account links in the header and keeps the page out of every cache.
    void personalise(Response& response, const services::SessionContext& session) const;

    Response wijkdata_route(const Context& ctx, const std::vector<std::string_view>& seg);

    services::Kennisbank& m_kb;
    services::Wijkdata* m_wijkdata = nullptr;
    const services::Ongelijk* m_ongelijk = nullptr;
    const Renderer& m_renderer;
    AppConfig m_config;
    std::atomic<bool> m_ready{false};
    Metrics m_metrics;
    PageCache m_cache;
    services::Accounts* m_accounts = nullptr;
    std::shared_ptr<AccountPages> m_account_pages;
    std::vector<std::shared_ptr<const PageModule>> m_modules;   // the account pages first
};

}  // namespace gezondin::web
