#include "web/app.h"

#include <future>
#include <optional>
#include <string>
#include <vector>

#include "core/messages.h"
#include "core/text.h"
#include "services/community/accounts.h"
#include "web/api/api_v1.h"
#include "web/api/stats_api.h"
#include "web/errors.h"
#include "web/page_module.h"
#include "web/pages/account_pages.h"
#include "web/pages/feeds.h"
#include "web/pages/kennisbank_pages.h"
#include "web/pages/ongelijk_pages.h"
#include "web/pages/wijkdata_pages.h"
#include "web/session.h"
#include "web/static_files.h"

namespace gezondin::web {

namespace {

// "/a/b/" -> {"a", "b"}
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    for (auto s : core::split(path, '/'))
        if (!s.empty()) out.push_back(s);
    return out;
}

constexpr const char* content_security_policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

}  // namespace

App::App(services::Kennisbank& kennisbank, const Renderer& renderer, AppConfig config)
    : m_kb(kennisbank), m_renderer(renderer), m_config(std::move(config)), m_cache(m_config.page_cache_entries) {}

App::~App() = default;

namespace {
bool cacheable(const Request& req) {
    if (req.method != "GET" && req.method != "HEAD") return false;
    for (const char* p : {"/healthz", "/readyz", "/metrics", "/static/"})
        if (req.path.rfind(p, 0) == 0) return false;
    return true;
}
}  // namespace

// Serves a stored copy while the index has not changed; answers If-None-Match from it too.
Response App::cached_route(const Request& req, const services::SessionContext* session) {
    if (!cacheable(req)) return route(req, session);
    auto generation = cache_generation();
    auto hit = m_cache.find(req.target, generation, session != nullptr);
    if (!hit) {
        bool session_read = false;
        hit = route(req, session, &session_read);
        if (session && session_read) return *hit;   // personal: not for the shared cache
        if (hit->status == 200 && req.method == "GET") m_cache.store(req.target, generation, *hit, !session_read);
    }
    auto etag = hit->header("ETag");
    // Logged-in pages carry no validator (personalise drops it): never a 304 from an
    // anonymous copy.
    if (!session && !etag.empty() && req.header("if-none-match").find(etag) != std::string_view::npos) {
        Response not_modified;
        not_modified.status = 304;
        not_modified.set_header("ETag", std::string(etag));
        return not_modified;
    }
    return *hit;
}

// A sum of counters that only grow: it grows whenever one of them does.
std::int64_t App::cache_generation() const {
    std::int64_t generation = m_kb.generation() + (m_wijkdata ? m_wijkdata->generation() << 32 : 0);
    for (const auto& hooks : m_config.page_hooks)
        if (hooks.generation) generation += hooks.generation();
    return generation;
}

Response App::check_limits(const Request& req) const {
    std::size_t header_bytes = 0;
    for (const auto& [k, v] : req.headers) header_bytes += k.size() + v.size() + 4;
    auto fail = [&](int status, std::string message) { return error_response(req, m_renderer, core::Error::too_large(std::move(message)), status); };
    if (req.target.size() > m_config.max_url_bytes) return fail(414, std::string(core::msg("error.too_long_url")));
    if (header_bytes > m_config.max_header_bytes) return fail(431, std::string(core::msg("error.too_large_headers")));
    if (const auto limit = body_limit(req); req.body.size() > limit)
        return fail(413, core::msg("error.too_large_body", {std::to_string(limit / 1024)}));
    if (req.bad_encoding)
        return error_response(req, m_renderer, core::Error::invalid_input(std::string(core::msg("error.bad_url"))));
    if (!core::is_valid_utf8(req.path))
        return error_response(req, m_renderer, core::Error::invalid_input(std::string(core::msg("error.not_utf8"))));
    for (const auto& [k, v] : req.query)
        if (!core::is_valid_utf8(k) || !core::is_valid_utf8(v))
            return error_response(req, m_renderer, core::Error::invalid_input(std::string(core::msg("error.not_utf8"))));
    return Response{0, {}, {}};
}

std::size_t App::body_limit(const Request& req) const {
    if (req.method == "POST")
        for (const auto& route : m_config.upload_routes)
            if (req.path == route.path) return route.max_body_bytes;
    return m_config.max_body_bytes;
}

void App::add_security_headers(Response& r) const {
    r.set_header("Content-Security-Policy", content_security_policy);
    r.set_header("X-Content-Type-Options", "nosniff");
    r.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
    r.set_header("X-Frame-Options", "DENY");
    if (r.header("Cache-Control").empty()) r.set_header("Cache-Control", "no-store");
}

Response App::handle(const Request& request) {
    std::promise<Response> answer;
    auto future = answer.get_future();
    handle_async(request, [&answer](Response r) { answer.set_value(std::move(r)); });
    return future.get();
}

void App::count(const Response& r) {
    if (r.status >= 500) m_metrics.server_errors.fetch_add(1, std::memory_order_relaxed);
    else if (r.status >= 400) m_metrics.client_errors.fetch_add(1, std::memory_order_relaxed);
}

void App::handle_async(Request request, Respond respond) {
    m_metrics.requests.fetch_add(1, std::memory_order_relaxed);
    auto req = std::make_shared<const Request>(std::move(request));
    auto answered = std::make_shared<std::atomic<bool>>(false);
    auto finish = [this, answered, respond = std::move(respond)](Response r) {
        if (answered->exchange(true)) return;   // an exception after an async hand-off
        count(r);
        add_security_headers(r);
        respond(std::move(r));
    };
    try {
        Response r = check_limits(*req);
        if (r.status != 0) return finish(std::move(r));
        auto session = current_session(*req);
        for (const auto& module : m_modules) {
            if (!module->handles(req->path)) continue;
            module->handle(req, session, [this, session, finish](Response answer) {
                if (session) personalise(answer, *session);
                finish(std::move(answer));
            });
            return;
        }
        // Personal pages never enter the shared page cache (see cached_route).
        r = cached_route(*req, session.get());
        if (session) personalise(r, *session);
        finish(std::move(r));
    } catch (const std::exception&) {
        finish(error_response(*req, m_renderer, core::Error::internal(std::string(core::msg("error.internal")))));
    }
}

void App::set_community(services::Accounts* accounts, services::Administration* administration) {
    m_accounts = accounts;
    m_account_pages.reset();
    m_modules.clear();
    if (accounts && administration) {
        m_account_pages = std::make_shared<AccountPages>(*accounts, *administration, m_renderer, m_config);
        m_modules.push_back(m_account_pages);
    }
}

void App::set_privacy(services::Privacy* privacy) {
    if (m_account_pages) m_account_pages->set_privacy(privacy);
}

void App::add_module(std::shared_ptr<const PageModule> module) {
    if (module) m_modules.push_back(std::move(module));
}

std::shared_ptr<const services::SessionContext> App::current_session(const Request& request) const {
    if (!m_accounts || !m_account_pages) return nullptr;
    const std::string token = cookie_value(request, session_cookie_name);
    if (token.empty()) return nullptr;
    auto session = m_accounts->authenticate(token);
    if (!session) return nullptr;
    return std::make_shared<const services::SessionContext>(std::move(*session));
}

void App::personalise(Response& r, const services::SessionContext& session) const {
    r.set_header("Cache-Control", "private, no-store");
    std::erase_if(r.headers, [](const auto& h) { return core::to_lower_ascii(h.first) == "etag"; });
    if (r.header("Content-Type").rfind("text/html", 0) != 0) return;
    constexpr std::string_view open = "<!--account-nav-->", close = "<!--/account-nav-->";
    const auto begin = r.body.find(open);
    if (begin == std::string::npos) return;
    const auto end = r.body.find(close, begin);
    if (end == std::string::npos) return;
    r.body.replace(begin, end + close.size() - begin, account_nav(session));
}

// The header's account links depend on the visitor's session, name and role only (the modules'
// nav_links look at the role): rendered once per session and kept while those stay the same.
std::string App::account_nav(const services::SessionContext& session) const {
    constexpr std::size_t max_kept = 10000;
    const auto role = static_cast<int>(session.user.role);
    {
        std::lock_guard lock(m_nav_mutex);
        if (auto it = m_nav_cache.find(session.id_hash); it != m_nav_cache.end() && it->second.name == session.user.name &&
                                                         it->second.role == role && it->second.csrf == session.csrf_token)
            return it->second.html;
    }
    std::vector<NavLink> links;
    for (const auto& module : m_modules) module->nav_links(session, links);
    auto html = m_account_pages->nav(session, links);
    std::lock_guard lock(m_nav_mutex);
    if (m_nav_cache.size() >= max_kept) m_nav_cache.clear();
    m_nav_cache.insert_or_assign(session.id_hash, NavEntry{session.user.name, role, session.csrf_token, html});
    return html;
}

Response App::route(const Request& req, const services::SessionContext* session, bool* session_read) {
    Context ctx{m_kb, m_renderer, m_config, req, SessionRef(session, session_read)};
    auto seg = segments(req.path);
    bool get = req.method == "GET" || req.method == "HEAD";
    auto not_found = [&] {
        return error_response(req, m_renderer, core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
    };
    if (req.method == "POST" && seg.size() == 4 && seg[0] == "api" && seg[1] == "v1" && seg[2] == "stats") {
        if (seg[3] == "sii") return api_stats_sii(ctx);
        if (seg[3] == "allocation") return api_stats_allocation(ctx);
    }
    if (m_wijkdata && seg.size() >= 2 && seg[0] == "wijkdata" && seg[1] == "beheer")
        return wijkdata_admin_route(WijkdataContext{ctx, *m_wijkdata}, seg);
    if (m_wijkdata && m_ongelijk && seg.size() >= 2 && seg[0] == "ongelijk-investeren" && seg[1] == "scenarios")
        return ongelijk_scenarios(OngelijkContext{ctx, *m_wijkdata, *m_ongelijk, m_ongelijk_scenarios}, seg);
    if (!get) return web::method_not_allowed(req, m_renderer, "GET, HEAD");
    if (seg.empty()) return home_page(ctx);
    const auto first = seg[0];
    const auto n = seg.size();
    if (first == "healthz" && n == 1) return Response::text("ok\n");
    if (first == "readyz" && n == 1)
        return m_ready ? Response::text("ready\n") : Response::text("starting\n", "text/plain; charset=utf-8", 503);
    if (first == "metrics" && n == 1) {
        std::string body = "# TYPE gezondin_requests_total counter\ngezondin_requests_total " + std::to_string(m_metrics.requests.load()) +
                           "\n# TYPE gezondin_client_errors_total counter\ngezondin_client_errors_total " + std::to_string(m_metrics.client_errors.load()) +
                           "\n# TYPE gezondin_server_errors_total counter\ngezondin_server_errors_total " + std::to_string(m_metrics.server_errors.load()) + "\n";
        return Response::text(body, "text/plain; version=0.0.4");
    }
    if (first == "kennisbank") {
        if (n == 1) return search_page(ctx);
        if (n == 2) return item_page(ctx, seg[1]);
    }
    if (first == "themas") return n == 1 ? themes_index(ctx) : n == 2 ? theme_page(ctx, seg[1]) : not_found();
    if (first == "gala-doelen") return n == 1 ? goals_index(ctx) : n == 2 ? goal_page(ctx, seg[1]) : not_found();
    if (first == "sporen") return n == 1 ? tracks_index(ctx) : n == 2 ? track_page(ctx, seg[1]) : not_found();
    if (first == "gemeenten") return n == 1 ? municipalities_index(ctx) : n == 2 ? municipality_page(ctx, seg[1]) : not_found();
    if (m_wijkdata && (first == "wijkdata" || (first == "api" && n == 3 && seg[1] == "v1" &&
                                               (seg[2] == "areas" || seg[2] == "indicators" || seg[2] == "values"))))
        return wijkdata_route(ctx, seg);
    if (m_wijkdata && m_ongelijk && (first == "ongelijk-investeren" || (first == "api" && n == 4 && seg[1] == "v1" && seg[2] == "ongelijk")))
        return ongelijk_route(OngelijkContext{ctx, *m_wijkdata, *m_ongelijk, m_ongelijk_scenarios}, seg);
    if (first == "feed.atom" && n == 1) return atom_feed(ctx);
    if (first == "sitemap.xml" && n == 1) return sitemap(ctx);
    if (first == "robots.txt" && n == 1) return robots_txt(ctx);
    if (first == "static" && n == 2) {
        if (auto r = static_file(seg[1])) return *r;
        return not_found();
    }
    if (first == "api" && n >= 3 && seg[1] == "v1") {
        if (seg[2] == "items" && n == 3) return api_items(ctx);
        if (seg[2] == "items" && n == 4) return api_item(ctx, seg[3]);
        if (seg[2] == "search" && n == 3) return api_search(ctx);
        if (seg[2] == "taxonomies" && n == 3) return api_taxonomies(ctx);
        if (seg[2] == "openapi.json" && n == 3) return api_openapi(ctx);
    }
    return not_found();
}

void App::set_wijkdata(services::Wijkdata* wijkdata) {
    m_wijkdata = wijkdata;
    if (!wijkdata) {
        m_config.area_profile_url = nullptr;
        return;
    }
    std::erase_if(m_config.upload_routes, [](const auto& r) { return r.path == wijkdata_upload_path; });
    m_config.upload_routes.push_back({std::string(wijkdata_upload_path), m_config.max_import_bytes});
    m_config.area_profile_url = [wijkdata](std::string_view code) {
        return wijkdata->has_area(std::string(code)) ? "/wijkdata/gebied/" + std::string(code) : std::string();
    };
}

Response App::wijkdata_route(const Context& ctx, const std::vector<std::string_view>& seg) {
    WijkdataContext w{ctx, *m_wijkdata};
    auto n = seg.size();
    if (seg[0] == "api") {
        if (seg[2] == "areas") return api_wijk_areas(w);
        if (seg[2] == "indicators") return api_wijk_indicators(w);
        return api_wijk_values(w);
    }
    if (n == 1) return wijkdata_index(w);
    if (n == 2 && seg[1] == "kaart") return wijkdata_map_page(w);
    if (n == 2 && seg[1] == "vergelijk") return wijkdata_compare_page(w);
    if (n == 3 && seg[1] == "gebied") return wijkdata_profile_page(w, seg[2]);
    if (n == 4 && seg[1] == "gebied" && (seg[3] == "profiel.csv" || seg[3] == "profiel.xlsx"))
        return wijkdata_profile_download(w, seg[2], seg[3]);
    return error_response(ctx.request, m_renderer, core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
}

}  // namespace gezondin::web
