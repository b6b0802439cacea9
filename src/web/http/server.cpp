#include "web/http/server.h"

#include <restinio/all.hpp>

#include <atomic>

#include "web/http/url.h"

namespace gezondin::web {

namespace {

using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
using RunningServer = restinio::running_server_handle_t<Traits>;

const char* reason_phrase(int status) {
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return status < 500 ? "Error" : "Internal Server Error";
    }
}

Request to_request(const restinio::request_t& req) {
    Request r;
    r.method = req.header().method().c_str();
    r.target = std::string(req.header().request_target());
    auto q = r.target.find('?');
    auto path = percent_decode(std::string_view(r.target).substr(0, q), false);
    auto query = q == std::string::npos ? std::optional<Params>(Params{}) : parse_query_string(std::string_view(r.target).substr(q + 1));
    r.bad_encoding = !path || !query;
    if (path) r.path = std::move(*path);
    if (query) r.query = std::move(*query);
    req.header().for_each_field([&](const restinio::http_header_field_t& f) {
        std::string name = f.name();
        for (auto& c : name)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        r.headers.emplace_back(std::move(name), f.value());
    });
    r.body = req.body();
    r.remote_address = req.remote_endpoint().address().to_string();
    return r;
}

}  // namespace

struct HttpServer::Impl {
    RunningServer server;
    std::atomic<std::uint16_t> port{0};
};

HttpServer::HttpServer() : m_impl(std::make_unique<Impl>()) {}
HttpServer::~HttpServer() { stop(); }

core::Result<std::uint16_t> HttpServer::start(const ServerOptions& o, Handler handler) {
    return start_async(o, [handler = std::move(handler)](Request r, Respond respond) { respond(handler(r)); });
}

namespace {

// Sends `res` on the connection of `req`; safe from any thread (RESTinio posts to the
// connection's own strand).
void send(const restinio::request_handle_t& req, bool head, Response res) {
    auto out = req->create_response(
        restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(res.status)},
                                     reason_phrase(res.status)});
    for (auto& [k, v] : res.headers) out.append_header(k, v);
    if (head) res.body.clear();
    out.set_body(std::move(res.body));
    out.done();
}

Response internal_error() { return Response::text("Er ging iets mis op de server.", "text/plain; charset=utf-8", 500); }

}  // namespace

core::Result<std::uint16_t> HttpServer::start_async(const ServerOptions& o, AsyncHandler handler) {
    auto limits = restinio::incoming_http_msg_limits_t{}
                      .max_url_size(o.hard_max_url_bytes)
                      .max_field_name_size(o.hard_max_header_bytes)
                      .max_field_value_size(o.hard_max_header_bytes)
                      .max_field_count(200)
                      .max_body_size(o.hard_max_body_bytes);
    auto shared_handler = std::make_shared<AsyncHandler>(std::move(handler));
    auto* impl = m_impl.get();
    try {
        auto handle = restinio::run_async<Traits>(
            restinio::own_io_context(),
            restinio::server_settings_t<Traits>{}
                .address(o.address)
                .port(o.port)
                .incoming_http_msg_limits(limits)
                .read_next_http_message_timelimit(o.read_timeout)
                .handle_request_timeout(o.handler_timeout)
                .acceptor_post_bind_hook([impl](asio::ip::tcp::acceptor& a) { impl->port = a.local_endpoint().port(); })
                .request_handler([shared_handler](restinio::request_handle_t req) {
                    bool head = req->header().method() == restinio::http_method_head();
                    auto answered = std::make_shared<std::atomic<bool>>(false);
                    Respond respond = [req, head, answered](Response res) {
                        if (answered->exchange(true)) return;   // a second answer would corrupt the stream
                        send(req, head, std::move(res));
                    };
                    try {
                        (*shared_handler)(to_request(*req), respond);
                    } catch (...) {
                        respond(internal_error());
                    }
                    return restinio::request_accepted();
                }),
            o.threads);
        m_impl->server = std::move(handle);
    } catch (const std::exception& e) {
        return core::fail(core::Error::unavailable(std::string("De server kan niet starten op ") + o.address + ":" +
                                                   std::to_string(o.port) + ": " + e.what()));
    }
    return m_impl->port.load();
}

void HttpServer::stop() {
    if (m_impl && m_impl->server) {
        m_impl->server->stop();
        m_impl->server->wait();
        m_impl->server.reset();
    }
}

}  // namespace gezondin::web
