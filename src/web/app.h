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
#include "web/page_cache.h"
#include "web/render/renderer.h"

namespace gezondin::services {
class Wijkdata;
}

namespace gezondin::web {

struct Context;

struct AppConfig {
    std::string base_url = "http://127.0.0.1:8080";   // for feeds, sitemaps and canonical links
    std::size_t max_body_bytes = 1u << 20;
    std::size_t max_header_bytes = 16u << 10;
    std::size_t max_url_bytes = 16u << 10;
    std::size_t page_cache_entries = 1000;            // rendered GET responses kept in memory
    // Set by App::set_wijkdata: the wijkdata profile of a municipality code, or "" when there
    // is no data for it (the kennisbank item page links to it).
    std::function<std::string(std::string_view code)> area_profile_url;
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

    // Never throws: an unexpected exception becomes a 500 page or problem+json.
    Response handle(const Request& request);

    // /readyz answers 200 only after this is set.
    void set_ready(bool ready) { m_ready = ready; }
    // Turns on the wijkdata pages and API (/wijkdata, /api/v1/areas|indicators|values). The
    // service must outlive the App; call before serving.
    void set_wijkdata(services::Wijkdata* wijkdata);
    const Metrics& metrics() const { return m_metrics; }

private:
    Response route(const Request& request);
    Response cached_route(const Request& request);
    Response check_limits(const Request& request) const;
    void add_security_headers(Response& response) const;

    Response wijkdata_route(const Context& ctx, const std::vector<std::string_view>& seg);

    services::Kennisbank& m_kb;
    services::Wijkdata* m_wijkdata = nullptr;
    const Renderer& m_renderer;
    AppConfig m_config;
    std::atomic<bool> m_ready{false};
    Metrics m_metrics;
    PageCache m_cache;
};

}  // namespace gezondin::web
