// The beheerder's pages: accounts with paging and role change (the changed user's session
// ends, a new login gets a new id), organisations and members, the audit log, CSRF, and
// hostile user names.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/community/comments.h"
#include "tests/community_web/fixture.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* password = "een lang wachtwoord";

class AdminPagesTest : public ::testing::Test {
protected:
    AdminPagesTest() {
        beheerder = fx.make_account("Bea Beheer", "bea@example.org", domain::Role::Beheerder);
        lid = fx.make_account("Lars Lid", "lars@example.org", domain::Role::Lid);
    }
    // A browser logged in as the beheerder, on the accounts page (so it holds the CSRF field).
    Browser admin_browser() {
        Browser b(*fx.web.app, "192.0.2.31");
        EXPECT_EQ(b.login("bea@example.org", password).status, 303);
        EXPECT_EQ(b.get("/beheer/gebruikers").status, 200);
        return b;
    }

    CommunityWebFixture fx;
    domain::UserId beheerder = 0, lid = 0;
};

TEST_F(AdminPagesTest, RoleChangeEndsTheChangedUsersSessionAndTheNewLoginGetsANewId) {
    Browser member(*fx.web.app, "192.0.2.32");
    ASSERT_EQ(member.login("lars@example.org", password).status, 303);
    const std::string old_cookie = member.cookie("gezondin_sessie");
    ASSERT_FALSE(old_cookie.empty());
    EXPECT_EQ(member.get("/beheer/gebruikers").status, 403);

    auto admin = admin_browser();
    auto changed = admin.post("/beheer/gebruikers/rol",
                              {{"gebruiker", std::to_string(lid)}, {"rol", "redacteur"}, {"csrf", admin.csrf()}});
    ASSERT_EQ(changed.status, 303);
    EXPECT_EQ(changed.header("Location"), "/beheer/gebruikers?melding=rol");
    EXPECT_THAT(admin.get("/beheer/gebruikers?melding=rol").body, HasSubstr("De rol is gewijzigd"));
    EXPECT_EQ(fx.db->user(lid).value().role, domain::Role::Redacteur);

    EXPECT_FALSE(fx.accounts->authenticate(old_cookie)) << "the old session id no longer works";
    EXPECT_EQ(member.get("/account").status, 303);
    ASSERT_EQ(member.login("lars@example.org", password).status, 303);
    const std::string new_cookie = member.cookie("gezondin_sessie");
    EXPECT_NE(new_cookie, old_cookie);
    EXPECT_EQ(fx.accounts->authenticate(new_cookie).value().user.role, domain::Role::Redacteur);
    EXPECT_EQ(admin.get("/beheer/gebruikers").status, 200) << "the beheerder's own session stays";
}

TEST_F(AdminPagesTest, RoleChangeOfOwnOrUnknownAccountOrBadRoleIsRefused) {
    auto admin = admin_browser();
    const std::string csrf = admin.csrf();
    EXPECT_EQ(admin.post("/beheer/gebruikers/rol", {{"gebruiker", std::to_string(beheerder)}, {"rol", "lid"}, {"csrf", csrf}}).status, 403);
    EXPECT_EQ(admin.post("/beheer/gebruikers/rol", {{"gebruiker", "999"}, {"rol", "lid"}, {"csrf", csrf}}).status, 404);
    EXPECT_EQ(admin.post("/beheer/gebruikers/rol", {{"gebruiker", std::to_string(lid)}, {"rol", "koning"}, {"csrf", csrf}}).status, 400);
    EXPECT_EQ(admin.post("/beheer/gebruikers/rol", {{"gebruiker", "x"}, {"rol", "lid"}, {"csrf", csrf}}).status, 400);
    EXPECT_EQ(fx.db->user(beheerder).value().role, domain::Role::Beheerder);
    EXPECT_EQ(fx.db->user(lid).value().role, domain::Role::Lid);
}

TEST_F(AdminPagesTest, BeheerderDeletesAnAccountAfterConfirmingAndItIsLogged) {
    Browser member(*fx.web.app, "192.0.2.33");
    ASSERT_EQ(member.login("lars@example.org", password).status, 303);
    auto draft = fx.contributions->create(fx.accounts->authenticate(member.cookie("gezondin_sessie")).value().actor,
                                          [] {
                                              domain::Item item;
                                              item.type = domain::ItemType::Praktijkvoorbeeld;
                                              item.title = "Concept van Lars";
                                              item.summary = "Nog niet klaar.";
                                              return item;
                                          }());
    ASSERT_TRUE(draft) << draft.error().message();

    auto admin = admin_browser();
    const std::string list = admin.get("/beheer/gebruikers").body;
    EXPECT_THAT(list, HasSubstr("/beheer/gebruikers/" + std::to_string(lid) + "/verwijderen"));
    EXPECT_THAT(list, Not(HasSubstr("/beheer/gebruikers/" + std::to_string(beheerder) + "/verwijderen")));
    auto confirm = admin.get("/beheer/gebruikers/" + std::to_string(lid) + "/verwijderen");
    ASSERT_EQ(confirm.status, 200);
    EXPECT_THAT(confirm.body, HasSubstr("lars@example.org"));
    EXPECT_THAT(confirm.body, HasSubstr("Verwijder dit account"));

    const std::string target = "/beheer/gebruikers/" + std::to_string(lid) + "/verwijderen";
    EXPECT_EQ(admin.post(target, {{"bijdragen", "bewaren"}}).status, 403) << "no CSRF field";
    EXPECT_EQ(admin.post(target, {{"bijdragen", "misschien"}, {"csrf", admin.csrf()}}).status, 400);
    EXPECT_EQ(fx.db->user(lid).value().status, domain::UserStatus::Active);

    auto deleted = admin.post(target, {{"bijdragen", "bewaren"}, {"csrf", admin.csrf()}});
    ASSERT_EQ(deleted.status, 303);
    EXPECT_EQ(deleted.header("Location"), "/beheer/gebruikers?melding=account_verwijderd");
    EXPECT_THAT(admin.get("/beheer/gebruikers?melding=account_verwijderd").body, HasSubstr("Het account is verwijderd."));
    const auto user = fx.db->user(lid).value();
    EXPECT_EQ(user.status, domain::UserStatus::Deleted);
    EXPECT_EQ(user.email, "");
    EXPECT_EQ(fx.db->contribution(*draft).error().code(), core::ErrorCode::NotFound) << "the unpublished draft goes too";
    EXPECT_EQ(member.get("/account").status, 303) << "the deleted account's session ended";
    EXPECT_EQ(admin.get(target).status, 404) << "a deleted account cannot be deleted again";
    EXPECT_EQ(admin.post(target, {{"bijdragen", "bewaren"}, {"csrf", admin.csrf()}}).status, 404);
    EXPECT_THAT(admin.get("/beheer/logboek").body, HasSubstr("bijdragen bewaard"));
}

TEST_F(AdminPagesTest, OwnAndUnknownAccountsCannotBeDeletedHereAndMembersCannotDeleteAtAll) {
    auto admin = admin_browser();
    const std::string own = "/beheer/gebruikers/" + std::to_string(beheerder) + "/verwijderen";
    EXPECT_EQ(admin.post(own, {{"bijdragen", "bewaren"}, {"csrf", admin.csrf()}}).status, 403);
    EXPECT_EQ(admin.get("/beheer/gebruikers/999/verwijderen").status, 404);
    EXPECT_EQ(admin.post("/beheer/gebruikers/999/verwijderen", {{"bijdragen", "bewaren"}, {"csrf", admin.csrf()}}).status, 404);
    EXPECT_EQ(fx.db->user(beheerder).value().status, domain::UserStatus::Active);

    Browser member(*fx.web.app, "192.0.2.34");
    ASSERT_EQ(member.login("lars@example.org", password).status, 303);
    ASSERT_EQ(member.get("/account").status, 200);
    const std::string other = "/beheer/gebruikers/" + std::to_string(beheerder) + "/verwijderen";
    EXPECT_EQ(member.get(other).status, 403);
    EXPECT_EQ(member.post(other, {{"bijdragen", "bewaren"}, {"csrf", member.csrf()}}).status, 403);
    EXPECT_EQ(fx.db->user(beheerder).value().status, domain::UserStatus::Active);
}

TEST_F(AdminPagesTest, UsersListIsPagedAndHidesTheFormForOwnAccount) {
    for (int i = 0; i < 55; ++i)
        fx.make_account("Gebruiker " + std::to_string(i), "g" + std::to_string(i) + "@example.org", domain::Role::Lid);
    auto admin = admin_browser();
    auto first = admin.get("/beheer/gebruikers");
    EXPECT_THAT(first.body, HasSubstr("lars@example.org"));
    EXPECT_THAT(first.body, HasSubstr("href=\"/beheer/gebruikers?pagina=2\""));
    EXPECT_THAT(first.body, Not(HasSubstr("g54@example.org")));
    EXPECT_THAT(first.body, HasSubstr("id=\"rol-" + std::to_string(lid) + "\""));
    EXPECT_THAT(first.body, Not(HasSubstr("id=\"rol-" + std::to_string(beheerder) + "\"")));
    auto second = admin.get("/beheer/gebruikers?pagina=2");
    EXPECT_EQ(second.status, 200);
    EXPECT_THAT(second.body, HasSubstr("g54@example.org"));
    EXPECT_THAT(second.body, Not(HasSubstr("lars@example.org")));
    EXPECT_THAT(second.body, Not(HasSubstr("pagina=3")));
    EXPECT_EQ(admin.get("/beheer/gebruikers?pagina=nul").status, 400);
    EXPECT_EQ(admin.get("/beheer/gebruikers?pagina=0").status, 400);
}

TEST_F(AdminPagesTest, AuditLogListsRoleChangeOrganisationAndModerationNewestFirst) {
    const auto editor = fx.make_account("Rik Redactie", "rik@example.org", domain::Role::Redacteur);
    services::Comments comments(*fx.db, fx.clock);
    const auto comment = comments.add(services::Actor::member(lid, domain::Role::Lid), 1, "Een vraag over buurtkamers.").value();
    fx.clock.advance(10);
    EXPECT_TRUE(comments.hide(services::Actor::member(editor, domain::Role::Redacteur), comment, "Reclame voor een bedrijf"));
    fx.clock.advance(10);

    auto admin = admin_browser();
    ASSERT_EQ(admin.post("/beheer/gebruikers/rol", {{"gebruiker", std::to_string(lid)}, {"rol", "redacteur"}, {"csrf", admin.csrf()}}).status, 303);
    admin.get("/beheer/organisaties");
    ASSERT_EQ(admin.post("/beheer/organisaties", {{"naam", "GGD Proefregio"}, {"soort", "ggd"}, {"csrf", admin.csrf()}}).status, 303);

    auto log = admin.get("/beheer/logboek");
    ASSERT_EQ(log.status, 200);
    const auto& body = log.body;
    const auto role_at = body.find("Rol gewijzigd");
    const auto hide_at = body.find("Reactie verborgen");
    const auto org_at = body.find("Organisatie aangemaakt");
    ASSERT_NE(role_at, std::string::npos);
    ASSERT_NE(hide_at, std::string::npos);
    ASSERT_NE(org_at, std::string::npos);
    EXPECT_LT(org_at, role_at) << "newest first";
    EXPECT_LT(role_at, hide_at);
    EXPECT_THAT(body, HasSubstr("lid -&gt; redacteur"));
    EXPECT_THAT(body, HasSubstr("<td>Bea Beheer</td>"));
    EXPECT_THAT(body, HasSubstr("<td>Rik Redactie</td>"));
    EXPECT_THAT(body, HasSubstr("<td>Lars Lid</td>")) << "the target account by name";
    EXPECT_THAT(body, HasSubstr("<td>GGD Proefregio</td>"));
    EXPECT_THAT(body, HasSubstr("<caption>"));

    Browser member(*fx.web.app, "192.0.2.33");
    ASSERT_EQ(member.login("rik@example.org", password).status, 303);
    EXPECT_EQ(member.get("/beheer/logboek").status, 403);
    EXPECT_EQ(Browser(*fx.web.app).get("/beheer/logboek").status, 303);
}

TEST_F(AdminPagesTest, AuditLogIsPaged) {
    auto admin = admin_browser();
    for (int i = 0; i < 26; ++i) {
        const auto role = i % 2 == 0 ? "redacteur" : "lid";
        ASSERT_EQ(admin.post("/beheer/gebruikers/rol", {{"gebruiker", std::to_string(lid)}, {"rol", role}, {"csrf", admin.csrf()}}).status, 303);
        ASSERT_EQ(admin.post("/beheer/gebruikers/rol", {{"gebruiker", std::to_string(lid)}, {"rol", role}, {"csrf", admin.csrf()}}).status, 303);
    }
    auto first = admin.get("/beheer/logboek");
    EXPECT_THAT(first.body, HasSubstr("href=\"/beheer/logboek?pagina=2\""));
    auto second = admin.get("/beheer/logboek?pagina=2");
    EXPECT_EQ(second.status, 200);
    EXPECT_THAT(second.body, HasSubstr("Rol gewijzigd"));
    EXPECT_THAT(second.body, HasSubstr("href=\"/beheer/logboek\""));
    EXPECT_THAT(second.body, Not(HasSubstr("pagina=3")));
}

TEST_F(AdminPagesTest, MembersAreAddedByEmailAndRemoved) {
    auto admin = admin_browser();
    admin.get("/beheer/organisaties");
    auto created = admin.post("/beheer/organisaties", {{"naam", "Gemeente Testmond"}, {"soort", "gemeente"}, {"gemeente", "GM9901"}, {"csrf", admin.csrf()}});
    ASSERT_EQ(created.status, 303);
    const std::string page(created.header("Location").substr(0, created.header("Location").find('?')));
    const auto org = std::stoll(page.substr(page.rfind('/') + 1));
    EXPECT_THAT(admin.get(std::string(created.header("Location"))).body, HasSubstr("De organisatie is aangemaakt"));

    auto added = admin.post(page + "/leden", {{"email", "LARS@example.org"}, {"csrf", admin.csrf()}});
    EXPECT_EQ(added.status, 303);
    EXPECT_TRUE(fx.db->is_member(org, lid).value());
    auto members = admin.get(page);
    EXPECT_THAT(members.body, HasSubstr("lars@example.org"));

    auto unknown = admin.post(page + "/leden", {{"email", "niemand@example.org"}, {"csrf", admin.csrf()}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_THAT(unknown.body, HasSubstr("Er is geen account met dit e-mailadres."));
    EXPECT_THAT(unknown.body, HasSubstr("aria-invalid=\"true\""));
    EXPECT_EQ(admin.post(page + "/leden", {{"email", "lars@example.org"}, {"csrf", admin.csrf()}}).status, 409);

    auto removed = admin.post(page + "/leden/verwijderen", {{"gebruiker", std::to_string(lid)}, {"csrf", admin.csrf()}});
    EXPECT_EQ(removed.status, 303);
    EXPECT_FALSE(fx.db->is_member(org, lid).value());
    EXPECT_EQ(admin.post(page + "/leden/verwijderen", {{"gebruiker", std::to_string(lid)}, {"csrf", admin.csrf()}}).status, 404);
}

TEST_F(AdminPagesTest, GemeenteWithoutMunicipalityIsRefusedWithAFieldMessage) {
    auto admin = admin_browser();
    admin.get("/beheer/organisaties");
    auto r = admin.post("/beheer/organisaties", {{"naam", "Gemeente Zonder"}, {"soort", "gemeente"}, {"csrf", admin.csrf()}});
    EXPECT_EQ(r.status, 400);
    EXPECT_THAT(r.body, HasSubstr("href=\"#gemeente\""));
    EXPECT_THAT(r.body, HasSubstr("value=\"Gemeente Zonder\""));
    EXPECT_EQ(admin.post("/beheer/organisaties", {{"naam", "X"}, {"soort", "koninkrijk"}, {"csrf", admin.csrf()}}).status, 400);
    EXPECT_TRUE(fx.organisations->list().value().empty());
}

TEST_F(AdminPagesTest, PostsWithoutTheCsrfFieldAreRefused) {
    auto admin = admin_browser();
    const web::Params role = {{"gebruiker", std::to_string(lid)}, {"rol", "beheerder"}};
    EXPECT_EQ(admin.post("/beheer/gebruikers/rol", role).status, 403);
    auto wrong = role;
    wrong.emplace_back("csrf", "0123456789abcdef0123456789abcdef0123456789a");
    EXPECT_EQ(admin.post("/beheer/gebruikers/rol", wrong).status, 403);
    EXPECT_EQ(fx.db->user(lid).value().role, domain::Role::Lid);
    EXPECT_EQ(admin.post("/beheer/organisaties", {{"naam", "Zonder token"}, {"soort", "overig"}}).status, 403);
    EXPECT_TRUE(fx.organisations->list().value().empty());
    EXPECT_EQ(admin.post("/beheer/organisaties/1/leden", {{"email", "lars@example.org"}}).status, 403);
}

TEST_F(AdminPagesTest, BeheerNavLinkOnlyForBeheerders) {
    auto admin = admin_browser();
    EXPECT_THAT(admin.get("/").body, HasSubstr("<a href=\"/beheer/gebruikers\">Beheer</a>"));
    Browser member(*fx.web.app, "192.0.2.34");
    ASSERT_EQ(member.login("lars@example.org", password).status, 303);
    EXPECT_THAT(member.get("/").body, Not(HasSubstr("/beheer/gebruikers")));
}

TEST_F(AdminPagesTest, HostileUserNamesAreEscapedOnTheAdminPagesAndStoredIntact) {
    Browser member(*fx.web.app, "192.0.2.35");
    ASSERT_EQ(member.login("lars@example.org", password).status, 303);
    member.get("/account");
    auto admin = admin_browser();
    const auto strings = hostile_strings();
    ASSERT_GE(strings.size(), 100u);
    long shown = 0;
    for (const auto& name : strings) {
        auto saved = member.post("/account/naam", {{"name", name}, {"csrf", member.csrf()}});
        ASSERT_TRUE(saved.status == 303 || saved.status == 400) << saved.status << " for " << name;
        if (saved.status != 303) continue;
        EXPECT_EQ(fx.db->user(lid).value().name, name) << "stored byte for byte";
        auto users = admin.get("/beheer/gebruikers");
        ASSERT_EQ(users.status, 200);
        if (name.find_first_of("<>\"'&") == std::string::npos || name.size() < 8) continue;
        ++shown;
        EXPECT_THAT(users.body, Not(HasSubstr(name))) << name;
    }
    EXPECT_GT(shown, 20);
}

}  // namespace
