// Page modules: the App asks them before its own routes, passes the visitor's session, and puts
// their navigation links in the header of a logged-in visitor only.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/community/accounts.h"
#include "tests/community_web/fixture.h"
#include "web/page_module.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// Answers /proef with the visitor's name, or "anoniem".
class EchoModule final : public web::PageModule {
public:
    bool handles(std::string_view path) const override { return path == "/proef"; }
    void handle(std::shared_ptr<const web::Request>, std::shared_ptr<const services::SessionContext> session,
                web::Respond respond) const override {
        respond(web::Response::text(session ? session->user.name : "anoniem"));
    }
    void nav_links(const services::SessionContext&, std::vector<web::NavLink>& out) const override {
        out.push_back({"/proef", "Proef <b>"});
    }
};

TEST(PageModules, ModuleSeesTheSessionAndAddsItsNavLinkForLoggedInVisitorsOnly) {
    CommunityWebFixture fx;
    fx.web.app->add_module(std::make_shared<EchoModule>());
    fx.make_account("Mira Jansen", "mira@example.org", domain::Role::Lid);

    Browser anonymous(*fx.web.app);
    EXPECT_EQ(anonymous.get("/proef").body, "anoniem");
    EXPECT_THAT(anonymous.get("/").body, Not(HasSubstr("href=\"/proef\"")));

    Browser member(*fx.web.app);
    ASSERT_EQ(member.login("mira@example.org", "een lang wachtwoord").status, 303);
    EXPECT_EQ(member.get("/proef").body, "Mira Jansen");
    auto home = member.get("/");
    EXPECT_THAT(home.body, HasSubstr("<a href=\"/proef\">Proef &lt;b&gt;</a>"));
}

TEST(PageModules, PathsOfNoModuleStillReachTheAppsOwnRoutes) {
    CommunityWebFixture fx;
    fx.web.app->add_module(std::make_shared<EchoModule>());
    Browser anonymous(*fx.web.app);
    EXPECT_EQ(anonymous.get("/healthz").status, 200);
    EXPECT_EQ(anonymous.get("/beheer/onbekend").status, 404);
}

}  // namespace
