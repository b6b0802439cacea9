#pragma once
// The HTTP server: RESTinio on standalone Asio, hidden behind plain Request/Response values.
// The handler is called on one of the server's I/O threads; it must be thread-safe and must
// not block for long. CPU-heavy work (password hashing) goes to a worker pool: the handler
// keeps `respond` and calls it later, exactly once, from any thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "web/http/message.h"

namespace gezondin::web {

using Handler = std::function<Response(const Request&)>;
using Respond = std::function<void(Response)>;
using AsyncHandler = std::function<void(Request, Respond)>;

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;                 // 0 picks a free port
    unsigned threads = 2;
    // Hard limits at which the connection is closed without an answer; the application
    // answers 413/414/431 below them (see App).
    std::size_t hard_max_body_bytes = 64u << 20;
    std::size_t hard_max_header_bytes = 64u << 10;
    std::size_t hard_max_url_bytes = 64u << 10;
    std::chrono::seconds read_timeout{10};     // a client that does not finish its request in time is dropped
    std::chrono::seconds handler_timeout{30};
};

class HttpServer {
public:
    HttpServer();
    ~HttpServer();   // stops the server if it still runs
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Starts listening and serving on background threads; returns the bound port.
    core::Result<std::uint16_t> start(const ServerOptions& options, Handler handler);
    core::Result<std::uint16_t> start_async(const ServerOptions& options, AsyncHandler handler);
    // Stops accepting, finishes in-flight requests and joins the threads. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace gezondin::web
