// Contributions through the pages: the whole way from draft to published (sent back with
// feedback once), the Markdown preview (safe: a script stays text), form errors, versions and
// the diff, CSRF and the roles.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/community_web/fixture.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* password = "een lang wachtwoord";

web::Params content_fields(const std::string& title, const std::string& body, const std::string& action = "opslaan") {
    return {{"title", title},
            {"type", "praktijkvoorbeeld"},
            {"summary", "Een wijkteam werkt samen met sleutelpersonen."},
            {"body", body},
            {"date", "2026-03-01"},
            {"themes", "eenzaamheid"},
            {"themes", "ouderen"},
            {"goals", "3"},
            {"tracks", "sociale-omgeving"},
            {"level", "lokaal"},
            {"municipality", "GM9901"},
            {"links", "https://example.org/wijkteam Over het wijkteam"},
            {"actie", action}};
}

class ContributionPagesTest : public ::testing::Test {
protected:
    ContributionPagesTest() {
        fx.make_account("Anne Auteur", "anne@example.org", domain::Role::Lid);
        fx.make_account("Bas Lid", "bas@example.org", domain::Role::Lid);
        fx.make_account("Rita Redacteur", "rita@example.org", domain::Role::Redacteur);
        EXPECT_EQ(author.login("anne@example.org", password).status, 303);
        EXPECT_EQ(other.login("bas@example.org", password).status, 303);
        EXPECT_EQ(editor.login("rita@example.org", password).status, 303);
    }

    // Posts `fields` with the CSRF field of the browser's last page.
    static web::Response post(Browser& b, const std::string& path, web::Params fields) {
        b.get("/bijdragen");
        fields.emplace_back("csrf", b.csrf());
        return b.post(path, fields);
    }

    // A new draft by the author; its page path.
    std::string create(const std::string& title, const std::string& body) {
        auto r = post(author, "/bijdragen/nieuw", content_fields(title, body));
        EXPECT_EQ(r.status, 303) << r.body;
        const std::string location(r.header("Location"));
        return location.substr(0, location.find('?'));
    }

    CommunityWebFixture fx;
    Browser author{*fx.web.app, "192.0.2.21"};
    Browser other{*fx.web.app, "192.0.2.22"};
    Browser editor{*fx.web.app, "192.0.2.23"};
};

TEST_F(ContributionPagesTest, DraftSubmittedSentBackEditedResubmittedAndPublishedIsFoundBySearch) {
    const std::string page = create("Buurtkamer met kookclub", "Eerste regel\nOude tweede regel");
    EXPECT_EQ(page, "/bijdragen/1");
    auto view = author.get(page);
    ASSERT_EQ(view.status, 200);
    EXPECT_THAT(view.body, HasSubstr("Concept"));
    EXPECT_THAT(author.get("/bijdragen").body, HasSubstr("Buurtkamer met kookclub"));

    ASSERT_EQ(post(author, page + "/indienen", {}).status, 303);
    EXPECT_THAT(editor.get("/redactie").body, HasSubstr("Buurtkamer met kookclub"));
    EXPECT_THAT(editor.get("/redactie/1").body, HasSubstr("Terugsturen met opmerking"));
    auto returned = post(editor, "/redactie/1/terugsturen", {{"feedback", "Noem graag ook de kosten <per jaar>."}});
    ASSERT_EQ(returned.status, 303);
    EXPECT_EQ(returned.header("Location"), "/redactie?melding=teruggestuurd");

    view = author.get(page);
    EXPECT_THAT(view.body, HasSubstr("Teruggestuurd door de redactie"));
    EXPECT_THAT(view.body, HasSubstr("Noem graag ook de kosten &lt;per jaar&gt;."));
    EXPECT_THAT(fx.last_mail_to("anne@example.org"), HasSubstr("Noem graag ook de kosten"));

    ASSERT_EQ(author.get(page + "/bewerken").status, 200);
    auto edited = post(author, page + "/bewerken",
                       content_fields("Buurtkamer met kookclub", "Eerste regel\nNieuwe tweede regel\nKosten: 2000 euro per jaar"));
    ASSERT_EQ(edited.status, 303);
    ASSERT_EQ(post(author, page + "/indienen", {}).status, 303);

    auto versions = editor.get(page + "/versies");
    ASSERT_EQ(versions.status, 200);
    EXPECT_THAT(versions.body, HasSubstr("/bijdragen/1/verschil?van=1&amp;tot=2"));
    auto diff = editor.get(page + "/verschil?van=1&tot=2");
    ASSERT_EQ(diff.status, 200);
    EXPECT_THAT(diff.body, HasSubstr("<del>"));
    EXPECT_THAT(diff.body, HasSubstr("Oude tweede regel</del>"));
    EXPECT_THAT(diff.body, HasSubstr("Nieuwe tweede regel</ins>"));
    EXPECT_THAT(diff.body, HasSubstr("2 regels toegevoegd, 1 regels weggehaald"));

    EXPECT_THAT(fx.web.get("/kennisbank?q=kookclub").body, Not(HasSubstr("Buurtkamer met kookclub")));
    auto published = post(editor, "/redactie/1/publiceren", {});
    ASSERT_EQ(published.status, 303);
    EXPECT_EQ(published.header("Location"), "/redactie?melding=gepubliceerd");
    EXPECT_THAT(author.get(page).body, HasSubstr("Gepubliceerd"));
    EXPECT_THAT(fx.web.get("/kennisbank?q=kookclub").body, HasSubstr("Buurtkamer met kookclub"));
    EXPECT_THAT(editor.get("/redactie").body, Not(HasSubstr("Buurtkamer met kookclub")));
}

TEST_F(ContributionPagesTest, PreviewRendersMarkdownSafelyAndSavesNothing) {
    auto r = post(author, "/bijdragen/nieuw",
                  content_fields("Voorbeeld", "## Aanpak\n**vet** <script>alert(1)</script>\n\n[klik](javascript:alert(2))",
                                 "voorbeeld"));
    ASSERT_EQ(r.status, 200);
    EXPECT_THAT(r.body, HasSubstr("<h2>Aanpak</h2>"));
    EXPECT_THAT(r.body, HasSubstr("<strong>vet</strong>"));
    EXPECT_THAT(r.body, Not(HasSubstr("<script>alert(1)")));
    EXPECT_THAT(r.body, Not(HasSubstr("javascript:alert(2)\"")));
    // The typed text comes back in the textarea, escaped.
    EXPECT_THAT(r.body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_THAT(author.get("/bijdragen").body, HasSubstr("U heeft nog geen bijdragen."));
}

TEST_F(ContributionPagesTest, FormErrorsAreListedAtTheTopAndBesideTheField) {
    auto r = post(author, "/bijdragen/nieuw", content_fields("", "Tekst"));
    EXPECT_EQ(r.status, 400);
    EXPECT_THAT(r.body, HasSubstr("class=\"notice error error-summary\""));
    EXPECT_THAT(r.body, HasSubstr("<a href=\"#titel\">"));
    EXPECT_THAT(r.body, HasSubstr("id=\"titel-fout\""));
    // What was typed stays.
    EXPECT_THAT(r.body, HasSubstr("Een wijkteam werkt samen met sleutelpersonen."));
    auto fields = content_fields("Titel", "Tekst");
    fields.emplace_back("themes", "bestaat-niet");
    auto theme = post(author, "/bijdragen/nieuw", fields);
    EXPECT_EQ(theme.status, 400);
    EXPECT_THAT(theme.body, HasSubstr("<a href=\"#themas\">"));
    EXPECT_THAT(theme.body, HasSubstr("id=\"themas-fout\""));
    auto bad_date = content_fields("Titel", "Tekst");
    bad_date[4].second = "1 maart";
    EXPECT_THAT(post(author, "/bijdragen/nieuw", bad_date).body, HasSubstr("id=\"datum-fout\""));
}

TEST_F(ContributionPagesTest, PostsWithoutTheRightCsrfAre403AndChangeNothing) {
    author.get("/bijdragen");
    auto fields = content_fields("Zonder token", "Tekst");
    EXPECT_EQ(author.post("/bijdragen/nieuw", fields).status, 403);
    fields.emplace_back("csrf", "verkeerd");
    EXPECT_EQ(author.post("/bijdragen/nieuw", fields).status, 403);
    EXPECT_THAT(author.get("/bijdragen").body, HasSubstr("U heeft nog geen bijdragen."));

    create("Met token", "Tekst");
    ASSERT_EQ(post(author, "/bijdragen/1/indienen", {}).status, 303);
    EXPECT_EQ(editor.post("/redactie/1/publiceren", {{"csrf", "verkeerd"}}).status, 403);
    EXPECT_THAT(editor.get("/redactie").body, HasSubstr("Met token"));
}

TEST_F(ContributionPagesTest, RolesDecideWhoSeesReviewsAndPublishes) {
    create("Eigen werk", "Tekst");
    // Other members do not even learn that a draft exists.
    EXPECT_EQ(other.get("/bijdragen/1").status, 404);
    EXPECT_EQ(post(other, "/bijdragen/1/bewerken", content_fields("Overgenomen", "Tekst")).status, 404);
    EXPECT_EQ(editor.get("/bijdragen/1").status, 200);
    EXPECT_EQ(author.get("/redactie").status, 403);
    ASSERT_EQ(post(author, "/bijdragen/1/indienen", {}).status, 303);
    // Submitted: the author waits, may not publish it, and may not change it.
    EXPECT_EQ(post(author, "/redactie/1/publiceren", {}).status, 403);
    EXPECT_EQ(author.get("/bijdragen/1/bewerken").status, 403);
    EXPECT_EQ(post(other, "/redactie/1/publiceren", {}).status, 404);

    // Four eyes: an editor's own contribution needs another editor.
    ASSERT_EQ(post(editor, "/bijdragen/nieuw", content_fields("Van de redactie", "Tekst")).status, 303);
    ASSERT_EQ(post(editor, "/bijdragen/2/indienen", {}).status, 303);
    EXPECT_EQ(post(editor, "/redactie/2/publiceren", {}).status, 403);
    EXPECT_THAT(editor.get("/redactie/2").body, HasSubstr("Een andere redacteur beoordeelt hem."));
}

TEST_F(ContributionPagesTest, NavigationShowsMyContributionsAndTheReviewOnlyToEditors) {
    auto member_page = author.get("/bijdragen");
    EXPECT_THAT(member_page.body, HasSubstr("href=\"/bijdragen\">Mijn bijdragen"));
    EXPECT_THAT(member_page.body, Not(HasSubstr("href=\"/redactie\">")));
    EXPECT_THAT(editor.get("/bijdragen").body, HasSubstr("href=\"/redactie\">Redactie"));
    Browser anonymous(*fx.web.app);
    auto r = anonymous.get("/bijdragen/nieuw");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("Location"), "/account/inloggen");
}

TEST_F(ContributionPagesTest, DiffAsksForTwoExistingVersions) {
    create("Eén versie", "Tekst");
    EXPECT_EQ(author.get("/bijdragen/1/verschil").status, 400);
    EXPECT_EQ(author.get("/bijdragen/1/verschil?van=1&tot=7").status, 404);
    EXPECT_EQ(author.get("/bijdragen/1/verschil?van=1&tot=1").status, 200);
    EXPECT_THAT(author.get("/bijdragen/1/verschil?van=1&tot=1").body, HasSubstr("De tekst is niet veranderd."));
}

TEST_F(ContributionPagesTest, HostileStringsInEveryFieldComeBackEscapedAndStoredIntact) {
    create("Start", "Tekst");
    long saved = 0;
    for (const auto& hostile : hostile_strings()) {
        auto fields = content_fields("Titel " + hostile, hostile);
        fields[2].second = hostile;   // summary
        auto r = post(author, "/bijdragen/1/bewerken", fields);
        // 413: longer than the App takes in one request.
        ASSERT_TRUE(r.status == 303 || r.status == 400 || r.status == 413) << r.status;
        auto page = author.get(r.status == 303 ? "/bijdragen/1" : "/bijdragen/1/bewerken");
        EXPECT_THAT(page.body, Not(HasSubstr("<script>alert")));
        EXPECT_THAT(page.body, Not(HasSubstr("<img src=x onerror")));
        if (r.status != 303) continue;
        ++saved;
        const auto stored = fx.contributions->contribution(services::Actor::member(1, domain::Role::Lid), 1).value();
        EXPECT_EQ(stored.content.body, hostile);
        EXPECT_EQ(stored.content.summary, hostile);
    }
    EXPECT_GT(saved, 50);
}

}  // namespace
