// The member's own data through the web: change the e-mail address by link, download all own
// data as JSON, delete the account (keeping or removing contributions), the privacy page,
// and CSRF on these forms.

#include <fstream>
#include <iterator>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "services/community/comments.h"
#include "services/community/contributions.h"
#include "tests/community_web/fixture.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* password = "een lang wachtwoord";

class PrivacyPagesTest : public ::testing::Test {
protected:
    PrivacyPagesTest() {
        anna = fx.make_account("Anna Unieknaam", "anna.uniek@example.org", domain::Role::Lid);
        bert = fx.make_account("Bert Anderenaam", "bert.ander@example.org", domain::Role::Lid);
        editor = fx.make_account("Rik Redactie", "rik@example.org", domain::Role::Redacteur);
    }

    // A published contribution by `author`; returns its kennisbank item.
    domain::ItemId publish_by(domain::UserId author, const std::string& title) {
        services::Contributions contributions(*fx.db, *fx.web.rt.db, *fx.web.rt.taxonomy, fx.clock);
        domain::Item content;
        content.type = domain::ItemType::Praktijkvoorbeeld;
        content.title = title;
        content.summary = "Een korte samenvatting.";
        content.body = "De aanpak in het kort.";
        content.date = core::Date{2026, 3, 1};
        content.themes = {"wonen"};
        content.gala_goals = {1};
        content.tracks = {"participatie"};
        content.level = domain::Level::Lokaal;
        const auto actor = services::Actor::member(author, domain::Role::Lid);
        const auto id = contributions.create(actor, content).value();
        EXPECT_TRUE(contributions.submit(actor, id));
        return contributions.publish(services::Actor::member(editor, domain::Role::Redacteur), id).value();
    }
    domain::CommentId comment_by(domain::UserId author, const std::string& text) {
        services::Comments comments(*fx.db, fx.clock);
        return comments.add(services::Actor::member(author, domain::Role::Lid), 1, text).value();
    }
    Browser logged_in(const std::string& email, const std::string& ip) {
        Browser b(*fx.web.app, ip);
        EXPECT_EQ(b.login(email, password).status, 303);
        return b;
    }

    CommunityWebFixture fx;
    domain::UserId anna = 0, bert = 0, editor = 0;
};

TEST_F(PrivacyPagesTest, DownloadContainsOwnDataAndNothingOfOthers) {
    comment_by(anna, "Anna vraagt iets over buurtkamers.");
    comment_by(bert, "Bert zegt iets geheims.");
    publish_by(bert, "Bert zijn voorbeeld");
    auto b = logged_in("anna.uniek@example.org", "192.0.2.41");
    auto r = b.get("/account/gegevens");
    ASSERT_EQ(r.status, 200);
    EXPECT_THAT(std::string(r.header("Content-Type")), HasSubstr("application/json"));
    EXPECT_THAT(std::string(r.header("Content-Disposition")), HasSubstr("attachment; filename="));
    EXPECT_THAT(std::string(r.header("Cache-Control")), HasSubstr("no-store"));
    const auto data = nlohmann::json::parse(r.body);
    EXPECT_EQ(data["account"]["e-mailadres"], "anna.uniek@example.org");
    EXPECT_EQ(data["account"]["naam"], "Anna Unieknaam");
    ASSERT_EQ(data["reacties"].size(), 1u);
    EXPECT_EQ(data["reacties"][0]["tekst"], "Anna vraagt iets over buurtkamers.");
    EXPECT_FALSE(data["sessies"].empty());
    for (const char* other : {"bert.ander@example.org", "Bert Anderenaam", "Bert zegt", "Bert zijn voorbeeld", "rik@example.org"})
        EXPECT_THAT(r.body, Not(HasSubstr(other))) << other;

    EXPECT_EQ(Browser(*fx.web.app).get("/account/gegevens").status, 303);
}

TEST_F(PrivacyPagesTest, DeleteKeepsContributionsUnderVoormaligLidAndRemovesPersonalData) {
    const auto item = publish_by(anna, "Anna haar praktijkvoorbeeld");
    comment_by(anna, "Een reactie van Anna.");
    const auto org = fx.organisations->create(services::operator_actor(),
                                              {domain::OrganisationKind::Overig, "Stichting Test", std::nullopt}).value();
    EXPECT_TRUE(fx.organisations->add_member(services::operator_actor(), org, anna));
    (void)fx.db->add_bookmark(anna, item, fx.clock.now());

    auto b = logged_in("anna.uniek@example.org", "192.0.2.42");
    auto other_session = logged_in("anna.uniek@example.org", "192.0.2.43");
    auto form = b.get("/account/verwijderen");
    ASSERT_EQ(form.status, 200);
    EXPECT_THAT(form.body, HasSubstr("value=\"bewaren\" checked"));
    EXPECT_THAT(form.body, HasSubstr("<label for=\"bevestiging\">"));

    auto unconfirmed = b.post("/account/verwijderen", {{"bijdragen", "bewaren"}, {"bevestiging", "ja"}, {"csrf", b.csrf()}});
    EXPECT_EQ(unconfirmed.status, 400);
    EXPECT_THAT(unconfirmed.body, HasSubstr("href=\"#bevestiging\""));
    EXPECT_EQ(fx.db->user(anna).value().status, domain::UserStatus::Active);

    auto deleted = b.post("/account/verwijderen", {{"bijdragen", "bewaren"}, {"bevestiging", " Verwijderen "}, {"csrf", b.csrf()}});
    ASSERT_EQ(deleted.status, 303);
    EXPECT_EQ(deleted.header("Location"), "/account/verwijderd");
    EXPECT_THAT(set_cookie_for(deleted, "gezondin_sessie"), HasSubstr("Max-Age=0"));
    auto done = b.get("/account/verwijderd");
    EXPECT_EQ(done.status, 200);
    EXPECT_THAT(done.body, HasSubstr("voormalig lid"));
    EXPECT_THAT(done.body, Not(HasSubstr("Anna Unieknaam")));
    EXPECT_EQ(other_session.get("/account").status, 303) << "every session ended";

    const auto user = fx.db->user(anna).value();
    EXPECT_EQ(user.status, domain::UserStatus::Deleted);
    EXPECT_EQ(user.name, "");
    EXPECT_EQ(user.email, "");
    EXPECT_EQ(domain::display_name(user), "voormalig lid");
    EXPECT_FALSE(fx.db->user_by_email("anna.uniek@example.org"));
    EXPECT_FALSE(fx.db->credentials("anna.uniek@example.org"));
    EXPECT_TRUE(fx.db->sessions_of(anna).value().empty());
    EXPECT_TRUE(fx.db->messages_to_user(anna).value().empty());
    EXPECT_TRUE(fx.db->memberships_of(anna).value().empty());
    EXPECT_TRUE(fx.db->bookmarks(anna).value().empty());
    const auto messages = fx.db->messages(0, 1000).value();   // a copy: the Result is a temporary
    for (const auto& m : messages) EXPECT_NE(m.to, "anna.uniek@example.org");
    EXPECT_EQ(fx.db->contributions_by_author(anna).value().size(), 1u) << "kept";
    EXPECT_EQ(fx.db->comments_by(anna).value().size(), 1u) << "kept";
    EXPECT_TRUE(fx.web.rt.kennisbank->item(item)) << "the published item stays";
    EXPECT_FALSE(b.login("anna.uniek@example.org", password).status == 303);
    // Not even in free pages of the database file or its write-ahead log.
    for (const char* file : {"/gezondin.db", "/gezondin.db-wal"}) {
        std::ifstream in(fx.web.dir + file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        EXPECT_EQ(bytes.find("anna.uniek@example.org"), std::string::npos) << file;
        EXPECT_EQ(bytes.find("Anna Unieknaam"), std::string::npos) << file;
    }
}

TEST_F(PrivacyPagesTest, DeleteWithRemovalAlsoRemovesContributionsCommentsAndItems) {
    const auto item = publish_by(anna, "Anna haar praktijkvoorbeeld");
    comment_by(anna, "Een reactie van Anna.");
    const auto bert_item = publish_by(bert, "Bert zijn voorbeeld");
    auto b = logged_in("anna.uniek@example.org", "192.0.2.44");
    b.get("/account/verwijderen");
    auto deleted = b.post("/account/verwijderen", {{"bijdragen", "verwijderen"}, {"bevestiging", "verwijderen"}, {"csrf", b.csrf()}});
    ASSERT_EQ(deleted.status, 303);
    EXPECT_EQ(deleted.header("Location"), "/account/verwijderd?bijdragen=verwijderd");
    EXPECT_THAT(b.get(std::string(deleted.header("Location"))).body, HasSubstr("ook verwijderd"));
    EXPECT_TRUE(fx.db->contributions_by_author(anna).value().empty());
    EXPECT_TRUE(fx.db->comments_by(anna).value().empty());
    EXPECT_FALSE(fx.web.rt.kennisbank->item(item));
    EXPECT_TRUE(fx.web.rt.kennisbank->item(bert_item)) << "others' items stay";
    EXPECT_EQ(fx.db->user(bert).value().status, domain::UserStatus::Active);
}

TEST_F(PrivacyPagesTest, DeleteRefusesAnUnknownChoiceAndAMissingCsrfField) {
    auto b = logged_in("anna.uniek@example.org", "192.0.2.45");
    b.get("/account/verwijderen");
    EXPECT_EQ(b.post("/account/verwijderen", {{"bijdragen", "alles"}, {"bevestiging", "verwijderen"}, {"csrf", b.csrf()}}).status, 400);
    EXPECT_EQ(b.post("/account/verwijderen", {{"bijdragen", "bewaren"}, {"bevestiging", "verwijderen"}}).status, 403);
    EXPECT_EQ(b.post("/account/verwijderen", {{"bijdragen", "bewaren"}, {"bevestiging", "verwijderen"}, {"csrf", "fout"}}).status, 403);
    EXPECT_EQ(fx.db->user(anna).value().status, domain::UserStatus::Active);
    EXPECT_EQ(b.post("/account/e-mailadres", {{"email", "nieuw@example.org"}}).status, 403);
    EXPECT_EQ(fx.last_mail_to("nieuw@example.org"), "");
}

TEST_F(PrivacyPagesTest, EmailChangeTakesEffectOnlyThroughTheLinkToTheNewAddress) {
    auto b = logged_in("anna.uniek@example.org", "192.0.2.46");
    auto form = b.get("/account/e-mailadres");
    ASSERT_EQ(form.status, 200);
    EXPECT_THAT(form.body, HasSubstr("<label for=\"nieuw-e-mailadres\">"));
    auto sent = b.post("/account/e-mailadres", {{"email", "Anna.Nieuw@example.org"}, {"csrf", b.csrf()}});
    ASSERT_EQ(sent.status, 303);
    EXPECT_THAT(b.get(std::string(sent.header("Location"))).body, HasSubstr("Wij hebben een e-mail gestuurd"));
    EXPECT_EQ(fx.db->user(anna).value().email, "anna.uniek@example.org") << "not before the link";
    EXPECT_THAT(fx.last_mail_to("anna.uniek@example.org"), HasSubstr("Er is gevraagd om het e-mailadres"))
        << "the current address hears of the request";
    EXPECT_THAT(fx.last_mail_to("anna.uniek@example.org"), Not(HasSubstr("anna.nieuw@example.org")));

    const std::string code = fx.last_code_to("anna.nieuw@example.org");
    ASSERT_FALSE(code.empty());
    EXPECT_EQ(b.get("/account/e-mailadres-bevestigen?code=onbekend").status, 400);
    auto confirmed = Browser(*fx.web.app).get("/account/e-mailadres-bevestigen?code=" + code);
    EXPECT_EQ(confirmed.status, 200);
    EXPECT_THAT(confirmed.body, HasSubstr("Uw e-mailadres is gewijzigd"));
    EXPECT_EQ(fx.db->user(anna).value().email, "anna.nieuw@example.org");
    EXPECT_EQ(Browser(*fx.web.app).get("/account/e-mailadres-bevestigen?code=" + code).status, 400) << "single use";

    Browser later(*fx.web.app, "192.0.2.47");
    EXPECT_EQ(later.login("anna.nieuw@example.org", password).status, 303);
    Browser old(*fx.web.app, "192.0.2.48");
    EXPECT_NE(old.login("anna.uniek@example.org", password).status, 303);
}

TEST_F(PrivacyPagesTest, EmailChangeToABadOrTakenAddressTellsNothingAboutOthers) {
    auto b = logged_in("anna.uniek@example.org", "192.0.2.49");
    b.get("/account/e-mailadres");
    auto bad = b.post("/account/e-mailadres", {{"email", "geen adres"}, {"csrf", b.csrf()}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_THAT(bad.body, HasSubstr("aria-invalid=\"true\""));
    auto taken = b.post("/account/e-mailadres", {{"email", "bert.ander@example.org"}, {"csrf", b.csrf()}});
    EXPECT_EQ(taken.status, 303) << "same answer as for a free address";
    EXPECT_THAT(fx.last_mail_to("anna.uniek@example.org"), HasSubstr("Er is gevraagd om het e-mailadres"));
    EXPECT_THAT(fx.last_mail_to("bert.ander@example.org"), Not(HasSubstr("?code="))) << "no link to a taken address";
    EXPECT_EQ(fx.db->user(anna).value().email, "anna.uniek@example.org");
}

TEST_F(PrivacyPagesTest, PrivacyPageSaysWhatIsStoredAndLinksToDownloadAndDelete) {
    auto page = Browser(*fx.web.app).get("/privacy");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("href=\"/account/gegevens\""));
    EXPECT_THAT(page.body, HasSubstr("href=\"/account/verwijderen\""));
    EXPECT_THAT(page.body, HasSubstr("Bij welke organisaties u hoort"));
    EXPECT_THAT(page.body, HasSubstr("voormalig lid"));
    auto b = logged_in("anna.uniek@example.org", "192.0.2.50");
    auto account = b.get("/account");
    EXPECT_THAT(account.body, HasSubstr("href=\"/account/e-mailadres\""));
    EXPECT_THAT(account.body, HasSubstr("href=\"/account/verwijderen\""));
}

}  // namespace
