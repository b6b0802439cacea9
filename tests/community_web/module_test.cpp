// Page modules: the App asks them before its own routes, passes the visitor's session, and puts
// their navigation links in the header of a logged-in visitor only.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/community/accounts.h"
#include "tests/community_web/fixture.h"
#include "storage/database.h"
#include "web/app.h"
#include "web/context.h"
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

namespace {

// An item-page hook like the comment form: names the visitor and carries the session's CSRF.
web::PageHooks personal_hook() {
    web::PageHooks hooks;
    hooks.item_below = [](const web::Context& ctx, const domain::Item&) -> std::string {
        if (!ctx.session) return "<p>anoniem</p>";
        return "<p>formulier van " + ctx.session->user.name + " " + ctx.session->csrf_token + "</p>";
    };
    return hooks;
}

}  // namespace

TEST(PageModules, LoggedInVisitorsShareOnlyPagesThatNeverReadTheSession) {
    CommunityWebFixture fx;
    fx.web.app->add_page_hooks(personal_hook());
    fx.make_account("Mira Jansen", "mira@example.org", domain::Role::Lid);
    fx.make_account("Daan Smit", "daan@example.org", domain::Role::Lid);
    Browser mira(*fx.web.app), daan(*fx.web.app, "192.0.2.11"), anonymous(*fx.web.app, "192.0.2.12");
    ASSERT_EQ(mira.login("mira@example.org", "een lang wachtwoord").status, 303);
    ASSERT_EQ(daan.login("daan@example.org", "een lang wachtwoord").status, 303);

    auto page = fx.web.rt.kennisbank->list(storage::ItemFilter{}, 0, 1).value();
    ASSERT_FALSE(page.items.empty());
    const std::string url = domain::item_path(page.items.front());
    auto for_mira = mira.get(url);
    ASSERT_EQ(for_mira.status, 200);
    EXPECT_THAT(for_mira.body, HasSubstr("formulier van Mira Jansen " + mira.csrf()));
    auto for_daan = daan.get(url);
    EXPECT_THAT(for_daan.body, HasSubstr("formulier van Daan Smit"));
    EXPECT_THAT(for_daan.body, Not(HasSubstr("Mira")));
    auto for_anonymous = anonymous.get(url);
    EXPECT_THAT(for_anonymous.body, HasSubstr("<p>anoniem</p>"));
    EXPECT_THAT(for_anonymous.body, Not(HasSubstr("formulier van")));
    EXPECT_TRUE(for_anonymous.header("ETag").size() > 0);
    EXPECT_EQ(for_mira.header("ETag"), "");   // personal pages carry no validator

    // A page no handler personalises is the same for everyone, apart from the account links.
    auto search_mira = mira.get("/kennisbank?q=gezondheid");
    auto search_anonymous = anonymous.get("/kennisbank?q=gezondheid");
    EXPECT_THAT(search_mira.body, HasSubstr("Mira Jansen"));
    EXPECT_THAT(search_anonymous.body, Not(HasSubstr("Mira Jansen")));
    EXPECT_EQ(search_mira.header("Cache-Control"), "private, no-store");
}
