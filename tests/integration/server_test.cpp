// The whole server on a free loopback port: real sockets, real SQLite and Xapian.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "tests/web/fixture.h"
#include "web/http/server.h"
#include "web/http/url.h"

using namespace gezondin;

web::Params gezondin::testing::WebFixture::parse(const std::string& qs) {
    return web::parse_query_string(qs).value_or(web::Params{});
}

namespace {

class ServerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        fx = new gezondin::testing::WebFixture();
        server = new web::HttpServer();
        web::ServerOptions o;
        o.port = 0;
        o.read_timeout = std::chrono::seconds(1);
        port = server->start(o, [](const web::Request& r) { return fx->app->handle(r); }).value();
    }
    static void TearDownTestSuite() {
        server->stop();
        delete server;
        delete fx;
    }
    httplib::Client client() {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(5, 0);
        return c;
    }
    // Opens a raw TCP connection to the server; -1 on failure.
    static int connect_raw() {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(fd);
            return -1;
        }
        return fd;
    }

    static gezondin::testing::WebFixture* fx;
    static web::HttpServer* server;
    static std::uint16_t port;
};

gezondin::testing::WebFixture* ServerTest::fx = nullptr;
web::HttpServer* ServerTest::server = nullptr;
std::uint16_t ServerTest::port = 0;

TEST_F(ServerTest, ServesPagesWithHeaders) {
    auto c = client();
    auto r = c.Get("/kennisbank?q=wijken");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
    EXPECT_NE(r->body.find("Buurtkamers"), std::string::npos);
    EXPECT_EQ(c.Get("/healthz")->status, 200);
}

TEST_F(ServerTest, BrokenEscapesAndInvalidUtf8Get400) {
    auto c = client();
    EXPECT_EQ(c.Get("/kennisbank?q=%zz")->status, 400);
    EXPECT_EQ(c.Get("/kennisbank?q=%C3%28")->status, 400);
    auto api = c.Get("/api/v1/search?q=%FF");
    EXPECT_EQ(api->status, 400);
    EXPECT_EQ(api->get_header_value("Content-Type"), "application/problem+json");
}

TEST_F(ServerTest, OversizedBodyGets413) {
    auto c = client();
    auto r = c.Post("/kennisbank", std::string(2u << 20, 'x'), "text/plain");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, HugeHeadersAreRefusedAndServerKeepsServing) {
    auto c = client();
    httplib::Headers h{{"X-Filler", std::string(20000, 'h')}};
    auto r = c.Get("/", h);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431);
    httplib::Headers huge{{"X-Filler", std::string(100000, 'h')}};
    auto closed = c.Get("/", huge);   // over the hard limit: the connection is closed
    EXPECT_TRUE(!closed || closed->status >= 400);
    EXPECT_EQ(client().Get("/healthz")->status, 200);
}

TEST_F(ServerTest, SlowClientIsDroppedWhileOthersAreServed) {
    int fd = connect_raw();
    ASSERT_GE(fd, 0);
    std::string partial = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    ASSERT_EQ(::send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
    EXPECT_EQ(client().Get("/")->status, 200);   // others are served meanwhile
    timeval tv{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[256];
    auto n = ::recv(fd, buf, sizeof buf, 0);   // the server closes after its read timeout (1 s)
    EXPECT_LE(n, 0);
    ::close(fd);
}

TEST_F(ServerTest, ConcurrentClientsAllSucceed) {
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            auto c = client();
            for (int i = 0; i < 25; ++i) {
                auto r = c.Get(i % 2 ? "/kennisbank?q=gemeente" : "/api/v1/search?q=GALA");
                if (r && r->status == 200) ++ok;
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 200);
}

}  // namespace
