// The organisation pages: the public list and page, members shown only to members and
// beheerders, published contributions, and hostile organisation names through the admin form.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/community/contributions.h"
#include "tests/community_web/fixture.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* password = "een lang wachtwoord";

class OrganisationPagesTest : public ::testing::Test {
protected:
    OrganisationPagesTest() {
        beheerder = fx.make_account("Bea Beheer", "bea@example.org", domain::Role::Beheerder);
        member = fx.make_account("Mo Lid", "mo@example.org", domain::Role::Lid);
        outsider = fx.make_account("Olga Buiten", "olga@example.org", domain::Role::Lid);
        org = fx.organisations->create(admin(), {domain::OrganisationKind::Gemeente, "Gemeente Testmond", "GM9901"}).value();
        EXPECT_TRUE(fx.organisations->add_member(admin(), org, member));
    }
    services::Actor admin() const { return services::Actor::member(beheerder, domain::Role::Beheerder); }
    std::string org_path() const { return "/organisaties/" + std::to_string(org); }

    CommunityWebFixture fx;
    domain::UserId beheerder = 0, member = 0, outsider = 0;
    domain::OrganisationId org = 0;
};

TEST_F(OrganisationPagesTest, ListAndPageArePublicWithNameKindAndMunicipality) {
    Browser anonymous(*fx.web.app);
    auto list = anonymous.get("/organisaties");
    EXPECT_EQ(list.status, 200);
    EXPECT_THAT(list.body, HasSubstr("<a href=\"" + org_path() + "\">Gemeente Testmond</a>"));
    EXPECT_THAT(list.body, HasSubstr("<caption>"));
    auto page = anonymous.get(org_path());
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("<h1>Gemeente Testmond</h1>"));
    EXPECT_THAT(page.body, HasSubstr("Testmond</a>"));   // the municipality's name, linked
    EXPECT_THAT(page.body, HasSubstr("href=\"/gemeenten/GM9901\""));
}

TEST_F(OrganisationPagesTest, MembersAreShownToMembersAndBeheerdersOnly) {
    Browser anonymous(*fx.web.app);
    auto seen = anonymous.get(org_path());
    EXPECT_THAT(seen.body, Not(HasSubstr("Mo Lid")));
    EXPECT_THAT(seen.body, HasSubstr("Alleen leden van deze organisatie"));

    Browser other(*fx.web.app, "192.0.2.21");
    ASSERT_EQ(other.login("olga@example.org", password).status, 303);
    EXPECT_THAT(other.get(org_path()).body, Not(HasSubstr("Mo Lid")));

    Browser insider(*fx.web.app, "192.0.2.22");
    ASSERT_EQ(insider.login("mo@example.org", password).status, 303);
    auto own = insider.get(org_path());
    EXPECT_THAT(own.body, HasSubstr("<td>Mo Lid</td>"));
    EXPECT_THAT(own.body, Not(HasSubstr("mo@example.org</td>"))) << "members see names, not addresses";
    EXPECT_THAT(own.body, Not(HasSubstr("Leden beheren")));

    Browser admin_browser(*fx.web.app, "192.0.2.23");
    ASSERT_EQ(admin_browser.login("bea@example.org", password).status, 303);
    auto managed = admin_browser.get(org_path());
    EXPECT_THAT(managed.body, HasSubstr("<td>Mo Lid</td>"));
    EXPECT_THAT(managed.body, HasSubstr("href=\"/beheer/organisaties/" + std::to_string(org) + "\""));
}

TEST_F(OrganisationPagesTest, PublishedContributionsOfTheOrganisationAreListed) {
    const auto editor = fx.make_account("Rik Redactie", "rik@example.org", domain::Role::Redacteur);
    services::Contributions contributions(*fx.db, *fx.web.rt.db, *fx.web.rt.taxonomy, fx.clock,
                                          [&] { (void)fx.web.rt.kennisbank->sync_index(); });
    domain::Item content;
    content.type = domain::ItemType::Praktijkvoorbeeld;
    content.title = "Wandelen met de buurt in Testmond";
    content.summary = "Bewoners wandelen samen.";
    content.body = "Elke week een wandeling.";
    content.date = core::Date{2026, 3, 1};
    content.themes = {"wonen"};
    content.gala_goals = {1};
    content.tracks = {"participatie"};
    content.level = domain::Level::Lokaal;
    content.municipality_code = "GM9901";
    const auto author = services::Actor::member(member, domain::Role::Lid);
    const auto published = contributions.create(author, content, org).value();
    content.title = "Nog niet klaar";
    (void)contributions.create(author, content, org).value();   // a draft: not shown
    EXPECT_TRUE(contributions.submit(author, published));
    (void)contributions.publish(services::Actor::member(editor, domain::Role::Redacteur), published).value();

    auto page = Browser(*fx.web.app).get(org_path());
    EXPECT_THAT(page.body, HasSubstr("Wandelen met de buurt in Testmond</a>"));
    EXPECT_THAT(page.body, Not(HasSubstr("Nog niet klaar")));
}

TEST_F(OrganisationPagesTest, UnknownOrMalformedIdsAre404AndPostIs405) {
    Browser b(*fx.web.app);
    EXPECT_EQ(b.get("/organisaties/999").status, 404);
    EXPECT_EQ(b.get("/organisaties/abc").status, 404);
    EXPECT_EQ(b.get("/organisaties/-1").status, 404);
    EXPECT_EQ(b.get(org_path() + "/leden").status, 404);
    EXPECT_EQ(b.post("/organisaties", {}).status, 405);
}

TEST_F(OrganisationPagesTest, LoggedInVisitorsGetTheNavLink) {
    Browser anonymous(*fx.web.app);
    EXPECT_THAT(anonymous.get("/").body, Not(HasSubstr("<a href=\"/organisaties\">Organisaties</a>")));
    Browser b(*fx.web.app, "192.0.2.24");
    ASSERT_EQ(b.login("olga@example.org", password).status, 303);
    EXPECT_THAT(b.get("/").body, HasSubstr("<a href=\"/organisaties\">Organisaties</a>"));
}

TEST_F(OrganisationPagesTest, HostileOrganisationNamesAreEscapedAndStoredIntact) {
    Browser admin_browser(*fx.web.app, "192.0.2.25");
    ASSERT_EQ(admin_browser.login("bea@example.org", password).status, 303);
    admin_browser.get("/beheer/organisaties");
    const auto strings = hostile_strings();
    ASSERT_GE(strings.size(), 100u);
    long accepted = 0;
    for (const auto& name : strings) {
        auto r = admin_browser.post("/beheer/organisaties", {{"naam", name}, {"soort", "overig"}, {"csrf", admin_browser.csrf()}});
        ASSERT_TRUE(r.status == 303 || r.status == 400) << r.status << " for " << name;
        // Strings short enough to occur in any page by chance ("", -->) prove nothing.
        const bool dangerous = name.find_first_of("<>\"'&") != std::string::npos && name.size() >= 8;
        if (r.status == 400) {
            if (dangerous) {
                EXPECT_THAT(r.body, Not(HasSubstr(name)));
            }
            continue;
        }
        ++accepted;
        const std::string location(r.header("Location"));
        const auto id = std::stoll(location.substr(std::string("/beheer/organisaties/").size()));
        EXPECT_EQ(fx.organisations->organisation(id).value().name, name);
        for (const auto& path : {"/organisaties/" + std::to_string(id), "/beheer/organisaties/" + std::to_string(id)}) {
            auto page = admin_browser.get(path);
            EXPECT_EQ(page.status, 200) << path;
            if (dangerous) {
                EXPECT_THAT(page.body, Not(HasSubstr(name))) << path;
            }
        }
    }
    EXPECT_GT(accepted, 50);
    auto list = Browser(*fx.web.app).get("/organisaties");
    EXPECT_EQ(list.status, 200);
    EXPECT_THAT(list.body, Not(HasSubstr("<script>")));
}

}  // namespace
