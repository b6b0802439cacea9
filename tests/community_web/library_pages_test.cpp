// Mijn bibliotheek through the pages: bookmark and remove from an item page and the library
// page, follow and unfollow a theme, a GALA goal and a municipality, the weekly digest choice,
// the navigation link, CSRF, and personal state kept out of the anonymous page cache.

#include <ctime>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/item.h"
#include "tests/community_web/fixture.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// A Location as a browser requests it: without the #fragment.
std::string followed(const web::Response& redirect) {
    const std::string location(redirect.header("Location"));
    return location.substr(0, location.find('#'));
}

constexpr const char* password = "een lang wachtwoord";

class LibraryPagesTest : public ::testing::Test {
protected:
    LibraryPagesTest() {
        item = fx.web.rt.kennisbank->item(1).value();
        path = domain::item_path(item);
        mira = fx.make_account("Mira Lid", "mira@example.org", domain::Role::Lid);
        fx.make_account("Bas Lid", "bas@example.org", domain::Role::Lid);
    }

    Browser as(const std::string& email, const std::string& ip = "192.0.2.40") {
        Browser b(*fx.web.app, ip);
        EXPECT_EQ(b.login(email, password).status, 303);
        b.get("/bibliotheek");
        return b;
    }
    web::Response post(Browser& b, const std::string& target, web::Params fields) {
        fields.emplace_back("csrf", b.csrf());
        return b.post(target, fields);
    }

    CommunityWebFixture fx;
    domain::Item item;
    std::string path;
    domain::UserId mira = 0;
};

TEST_F(LibraryPagesTest, BookmarkFromTheItemPageAndRemoveFromTheLibrary) {
    Browser b = as("mira@example.org");
    auto page = b.get(path);
    EXPECT_THAT(page.body, HasSubstr("action=\"/bibliotheek/bewaren\""));
    EXPECT_THAT(page.body, HasSubstr(">Bewaren in Mijn bibliotheek</button>"));
    auto saved = post(b, "/bibliotheek/bewaren", {{"item", std::to_string(item.id)}, {"from", "item"}});
    ASSERT_EQ(saved.status, 303);
    EXPECT_EQ(saved.header("Location"), path + "?melding=bewaard#bibliotheek-titel");
    ASSERT_EQ(fx.db->bookmarks(mira).value().size(), 1u);
    auto again = b.get(followed(saved));
    EXPECT_THAT(again.body, HasSubstr("Het item staat nu in Mijn bibliotheek."));
    EXPECT_THAT(again.body, HasSubstr(">Weghalen uit Mijn bibliotheek</button>"));
    EXPECT_EQ(post(b, "/bibliotheek/bewaren", {{"item", std::to_string(item.id)}}).status, 303) << "idempotent";

    auto library = b.get("/bibliotheek");
    ASSERT_EQ(library.status, 200);
    EXPECT_THAT(library.body, HasSubstr("<a href=\"" + path + "\">" + item.title + "</a>"));
    Browser bas = as("bas@example.org", "192.0.2.41");
    EXPECT_THAT(bas.get("/bibliotheek").body, Not(HasSubstr(item.title))) << "each member sees only their own";

    auto removed = post(b, "/bibliotheek/verwijderen", {{"item", std::to_string(item.id)}, {"from", "bibliotheek"}});
    ASSERT_EQ(removed.status, 303);
    EXPECT_EQ(removed.header("Location"), "/bibliotheek?melding=verwijderd");
    EXPECT_TRUE(fx.db->bookmarks(mira).value().empty());
    auto empty = b.get("/bibliotheek?melding=verwijderd");
    EXPECT_THAT(empty.body, HasSubstr("U heeft nog niets bewaard."));
    EXPECT_THAT(empty.body, HasSubstr("Het item staat niet meer in Mijn bibliotheek."));
    EXPECT_EQ(post(b, "/bibliotheek/bewaren", {{"item", "999"}}).status, 404);
    EXPECT_EQ(post(b, "/bibliotheek/bewaren", {{"item", "abc"}}).status, 404);
}

TEST_F(LibraryPagesTest, AnonymousVisitorSeesLoginLinksAndNoPersonalStateFromTheCache) {
    Browser anon(*fx.web.app, "192.0.2.99");
    EXPECT_THAT(anon.get(path).body, HasSubstr("<a href=\"/account/inloggen\">Log in om dit item te bewaren</a>"));
    EXPECT_THAT(anon.get("/themas/eenzaamheid").body, HasSubstr("Log in om dit thema te volgen"));
    EXPECT_EQ(anon.get("/bibliotheek").status, 303);
    EXPECT_THAT(anon.get("/").body, Not(HasSubstr("href=\"/bibliotheek\"")));

    Browser b = as("mira@example.org");
    EXPECT_THAT(b.get("/").body, HasSubstr("<a href=\"/bibliotheek\">Mijn bibliotheek</a>"));
    ASSERT_EQ(post(b, "/bibliotheek/bewaren", {{"item", std::to_string(item.id)}}).status, 303);
    ASSERT_EQ(post(b, "/bibliotheek/volgen", {{"kind", "theme"}, {"value", "eenzaamheid"}}).status, 303);
    auto item_page = anon.get(path);
    EXPECT_THAT(item_page.body, Not(HasSubstr("Weghalen uit Mijn bibliotheek")));
    EXPECT_THAT(item_page.body, Not(HasSubstr("name=\"csrf\"")));
    auto theme = anon.get("/themas/eenzaamheid");
    EXPECT_THAT(theme.body, Not(HasSubstr("U volgt dit thema.")));
    EXPECT_THAT(theme.body, Not(HasSubstr("name=\"csrf\"")));
}

TEST_F(LibraryPagesTest, FollowAndUnfollowAThemeAGoalAndAMunicipality) {
    struct Case {
        std::string page, kind, value, start, following, listed;
    };
    const std::vector<Case> cases = {
        {"/themas/eenzaamheid", "theme", "eenzaamheid", "Volg dit thema", "U volgt dit thema.", "Thema: Eenzaamheid"},
        {"/gala-doelen/3", "goal", "3", "Volg dit GALA-doel", "U volgt dit GALA-doel.", "GALA-doel 3: "},
        {"/gemeenten/GM9901", "municipality", "GM9901", "Volg deze gemeente", "U volgt deze gemeente.", "Gemeente Testmond"},
    };
    Browser b = as("mira@example.org");
    for (const auto& c : cases) {
        auto page = b.get(c.page);
        ASSERT_EQ(page.status, 200) << c.page;
        EXPECT_THAT(page.body, HasSubstr(">" + c.start + "</button>")) << c.page;
        auto done = post(b, "/bibliotheek/volgen", {{"kind", c.kind}, {"value", c.value}});
        ASSERT_EQ(done.status, 303) << c.page;
        EXPECT_EQ(done.header("Location"), c.page + "?melding=gevolgd");
        auto now = b.get(followed(done));
        EXPECT_THAT(now.body, HasSubstr(c.following)) << c.page;
        EXPECT_THAT(now.body, HasSubstr(">Niet meer volgen</button>")) << c.page;
        EXPECT_THAT(b.get("/bibliotheek").body, HasSubstr(c.listed)) << c.page;
    }
    EXPECT_EQ(fx.db->follows(mira).value().size(), 3u);

    auto unfollowed = post(b, "/bibliotheek/ontvolgen", {{"kind", "goal"}, {"value", "3"}, {"from", "bibliotheek"}});
    ASSERT_EQ(unfollowed.status, 303);
    EXPECT_EQ(unfollowed.header("Location"), "/bibliotheek?melding=ontvolgd");
    EXPECT_THAT(b.get("/bibliotheek").body, Not(HasSubstr("GALA-doel 3: ")));
    ASSERT_EQ(post(b, "/bibliotheek/ontvolgen", {{"kind", "theme"}, {"value", "eenzaamheid"}}).status, 303);
    EXPECT_THAT(b.get("/themas/eenzaamheid").body, HasSubstr(">Volg dit thema</button>"));
    EXPECT_EQ(fx.db->follows(mira).value().size(), 1u);

    EXPECT_EQ(post(b, "/bibliotheek/volgen", {{"kind", "theme"}, {"value", "bestaat-niet"}}).status, 400);
    EXPECT_EQ(post(b, "/bibliotheek/volgen", {{"kind", "goal"}, {"value", "8"}}).status, 400);
    EXPECT_EQ(post(b, "/bibliotheek/volgen", {{"kind", "spoor"}, {"value", "participatie"}}).status, 400);
    EXPECT_EQ(fx.db->follows(mira).value().size(), 1u);
}

TEST_F(LibraryPagesTest, WeeklyDigestIsOffUntilTheMemberTurnsItOn) {
    Browser b = as("mira@example.org");
    auto page = b.get("/bibliotheek");
    EXPECT_THAT(page.body, HasSubstr("<label for=\"wekelijks\">"));
    EXPECT_THAT(page.body, Not(HasSubstr("value=\"1\" checked")));
    auto on = post(b, "/bibliotheek/samenvatting", {{"weekly", "1"}});
    ASSERT_EQ(on.status, 303);
    EXPECT_EQ(on.header("Location"), "/bibliotheek?melding=samenvatting-aan");
    EXPECT_TRUE(fx.db->user(mira).value().weekly_digest);
    EXPECT_THAT(b.get("/bibliotheek").body, HasSubstr("value=\"1\" checked"));
    ASSERT_EQ(post(b, "/bibliotheek/samenvatting", {}).status, 303);
    EXPECT_FALSE(fx.db->user(mira).value().weekly_digest);
}

TEST_F(LibraryPagesTest, WeeklyDigestChosenOnThePageListsFollowedItemsAndLinksBackToTheLibrary) {
    Browser b = as("mira@example.org");
    ASSERT_EQ(post(b, "/bibliotheek/volgen", {{"kind", "theme"}, {"value", "eenzaamheid"}}).status, 303);
    fx.clock.set(std::time(nullptr));   // the fixture's items were imported just now
    EXPECT_EQ(fx.library->build_weekly_digest().value().queued, 0) << "off until chosen";
    ASSERT_EQ(post(b, "/bibliotheek/samenvatting", {{"weekly", "1"}}).status, 303);
    EXPECT_EQ(fx.library->build_weekly_digest().value().queued, 1);
    const std::string mail = fx.last_mail_to("mira@example.org");
    EXPECT_THAT(mail, HasSubstr(item.title));
    EXPECT_THAT(mail, HasSubstr("Zet de e-mail per week uit in Mijn bibliotheek: http://127.0.0.1:8080/bibliotheek"));
}

TEST_F(LibraryPagesTest, PostsWithoutOrWithWrongCsrfAre403AndChangeNothing) {
    Browser b = as("mira@example.org");
    const std::vector<std::pair<std::string, web::Params>> posts = {
        {"/bibliotheek/bewaren", {{"item", std::to_string(item.id)}}},
        {"/bibliotheek/volgen", {{"kind", "theme"}, {"value", "eenzaamheid"}}},
        {"/bibliotheek/samenvatting", {{"weekly", "1"}}},
    };
    for (const auto& [target, fields] : posts) {
        EXPECT_EQ(b.post(target, fields).status, 403) << target;
        auto wrong = fields;
        wrong.emplace_back("csrf", "0123456789abcdef");
        EXPECT_EQ(b.post(target, wrong).status, 403) << target;
    }
    EXPECT_TRUE(fx.db->bookmarks(mira).value().empty());
    EXPECT_TRUE(fx.db->follows(mira).value().empty());
    EXPECT_FALSE(fx.db->user(mira).value().weekly_digest);
    EXPECT_EQ(b.get("/bibliotheek/bewaren").status, 405);
    EXPECT_EQ(b.get("/bibliotheek/onbekend").status, 404);
}

TEST_F(LibraryPagesTest, HostileStringsInTheFieldsGetAClearAnswerAndAreNeverEchoed) {
    Browser b = as("mira@example.org");
    for (const auto& hostile : hostile_strings()) {
        for (const auto& fields : {web::Params{{"item", hostile}}, web::Params{{"kind", "theme"}, {"value", hostile}},
                                   web::Params{{"kind", hostile}, {"value", "eenzaamheid"}}}) {
            const std::string target = fields.size() == 1 ? "/bibliotheek/bewaren" : "/bibliotheek/volgen";
            auto r = post(b, target, fields);
            EXPECT_TRUE(r.status == 400 || r.status == 404) << r.status << " " << hostile;
            if (hostile.size() >= 8 && hostile.find_first_of("<>\"'&") != std::string::npos) {
                EXPECT_THAT(r.body, Not(HasSubstr(hostile))) << hostile;
            }
        }
    }
    EXPECT_TRUE(fx.db->bookmarks(mira).value().empty());
    EXPECT_TRUE(fx.db->follows(mira).value().empty());
}

}  // namespace
