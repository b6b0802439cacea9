// Register, confirm, log in and see the account page through the real server (RESTinio,
// async handler, hashing on a worker thread), with cpp-httplib as the client.

#include <httplib.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/community_web/fixture.h"
#include "web/http/server.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;
using ::testing::HasSubstr;

namespace {

// "name=value" of the Set-Cookie header for `name` in an httplib response.
std::string cookie_pair(const httplib::Result& r, const std::string& name) {
    for (const auto& [k, v] : r->headers)
        if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v.substr(0, v.find(';'));
    return {};
}

TEST(AccountServer, RegisterConfirmLoginThroughTheRealServer) {
    CommunityWebFixture fx(2);
    web::HttpServer server;
    web::ServerOptions o;
    o.port = 0;
    auto port = server.start_async(o, [&fx](web::Request r, web::Respond respond) {
        fx.web.app->handle_async(std::move(r), std::move(respond));
    });
    ASSERT_TRUE(port);
    httplib::Client c("127.0.0.1", *port);
    c.set_read_timeout(10, 0);
    const char* form_type = "application/x-www-form-urlencoded";

    auto form = c.Get("/account/aanmaken");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->status, 200);
    const std::string form_cookie = cookie_pair(form, "gezondin_formulier");
    httplib::Headers with_form_cookie = {{"Cookie", form_cookie}};
    auto registered = c.Post("/account/aanmaken", with_form_cookie,
                             "name=Mila+Bakker&email=mila%40example.org&password=een+lang+wachtwoord&csrf=" + csrf_in(form->body),
                             form_type);
    ASSERT_TRUE(registered);
    EXPECT_EQ(registered->status, 303);
    EXPECT_NE(registered->get_header_value("Content-Security-Policy"), "");

    auto confirmed = c.Get("/account/bevestigen?code=" + fx.last_code_to("mila@example.org"));
    ASSERT_TRUE(confirmed);
    EXPECT_EQ(confirmed->status, 303);

    auto login = c.Post("/account/inloggen", with_form_cookie,
                        "email=mila%40example.org&password=een+lang+wachtwoord&csrf=" + csrf_in(form->body), form_type);
    ASSERT_TRUE(login);
    EXPECT_EQ(login->status, 303);
    const std::string session = cookie_pair(login, "gezondin_sessie");
    ASSERT_FALSE(session.empty());

    auto account = c.Get("/account", httplib::Headers{{"Cookie", session}});
    ASSERT_TRUE(account);
    EXPECT_EQ(account->status, 200);
    EXPECT_THAT(account->body, HasSubstr("Mila Bakker"));

    const std::string wrong = "email=mila%40example.org&password=verkeerd+wachtwoord&csrf=" + csrf_in(form->body);
    for (int i = 0; i < 5; ++i) ASSERT_EQ(c.Post("/account/inloggen", with_form_cookie, wrong, form_type)->status, 400);
    auto throttled = c.Post("/account/inloggen", with_form_cookie, wrong, form_type);
    ASSERT_TRUE(throttled);
    EXPECT_EQ(throttled->status, 429);
    EXPECT_EQ(throttled->get_header_value("Retry-After"), "1");
    server.stop();
}

}  // namespace
