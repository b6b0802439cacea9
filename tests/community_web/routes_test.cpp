// One table: every account route for an anonymous visitor, a lid, a redacteur and a beheerder,
// with the status each must get. Each cell starts from a fresh login.

#include <array>

#include <gtest/gtest.h>

#include "tests/community_web/fixture.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;

namespace {

struct RouteCase {
    const char* method;
    const char* target;
    web::Params fields;                 // POST fields; the CSRF field is added
    std::array<int, 4> status;          // anonymous, lid, redacteur, beheerder
};

const std::vector<RouteCase>& cases() {
    static const std::vector<RouteCase> table = {
        {"GET", "/account/aanmaken", {}, {200, 303, 303, 303}},
        {"GET", "/account/inloggen", {}, {200, 303, 303, 303}},
        {"GET", "/account/wachtwoord-vergeten", {}, {200, 200, 200, 200}},
        {"GET", "/account/nieuw-wachtwoord?code=onbekend", {}, {200, 200, 200, 200}},
        {"GET", "/account/bevestigen?code=onbekend", {}, {400, 400, 400, 400}},
        {"GET", "/account", {}, {303, 200, 200, 200}},
        {"GET", "/privacy", {}, {200, 200, 200, 200}},
        {"GET", "/beheer/e-mail", {}, {303, 403, 403, 200}},
        {"GET", "/account/bestaat-niet", {}, {404, 404, 404, 404}},
        {"POST", "/account/aanmaken", {{"name", ""}, {"email", "x"}, {"password", "x"}}, {400, 303, 303, 303}},
        {"POST", "/account/inloggen", {{"email", "niemand@example.org"}, {"password", "verkeerd wachtwoord"}}, {400, 400, 400, 400}},
        {"POST", "/account/wachtwoord-vergeten", {{"email", "niemand@example.org"}}, {303, 303, 303, 303}},
        {"POST", "/account/nieuw-wachtwoord", {{"code", "onbekend"}, {"password", "een lang wachtwoord"}}, {400, 400, 400, 400}},
        {"POST", "/account/naam", {{"name", "Nieuwe naam"}}, {303, 303, 303, 303}},
        {"POST", "/account/wachtwoord", {{"current_password", "verkeerd"}, {"password", "een nieuw wachtwoord"}}, {303, 400, 400, 400}},
        {"POST", "/account/sessies/beeindigen", {{"sessie", "0000000000000000"}}, {303, 303, 303, 303}},
        {"POST", "/account/uitloggen", {}, {303, 303, 303, 303}},
        {"POST", "/beheer/e-mail", {}, {405, 405, 405, 405}},
        // -- contributions and attachments --
        // -- comments, library and follows --
        // -- organisations, administration and privacy --
    };
    return table;
}

constexpr std::array<const char*, 4> who = {"anoniem", "lid", "redacteur", "beheerder"};

TEST(AccountRoutes, EveryRouteForEveryRoleGetsItsStatus) {
    CommunityWebFixture fx;
    fx.make_account("Lid", "lid@example.org", domain::Role::Lid);
    fx.make_account("Redacteur", "redacteur@example.org", domain::Role::Redacteur);
    fx.make_account("Beheerder", "beheerder@example.org", domain::Role::Beheerder);
    for (const auto& c : cases()) {
        for (std::size_t role = 0; role < who.size(); ++role) {
            Browser b(*fx.web.app, "192.0.2." + std::to_string(role + 1));
            if (role > 0) {
                ASSERT_EQ(b.login(std::string(who[role]) + "@example.org", "een lang wachtwoord").status, 303);
            }
            b.get(role > 0 ? "/account" : "/account/inloggen");   // a page with the CSRF field
            web::Response r;
            if (std::string(c.method) == "GET") {
                r = b.get(c.target);
            } else {
                auto fields = c.fields;
                fields.emplace_back("csrf", b.csrf());
                r = b.post(c.target, fields);
            }
            EXPECT_EQ(r.status, c.status[role]) << c.method << " " << c.target << " as " << who[role];
            if (role == 0 && r.status == 303 && std::string(c.target).starts_with("/account") &&
                std::string(c.method) == "GET") {
                EXPECT_EQ(r.header("Location"), "/account/inloggen") << c.target;
            }
        }
    }
}

}  // namespace
