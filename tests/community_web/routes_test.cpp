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
        {"GET", "/bijdragen", {}, {303, 200, 200, 200}},
        {"GET", "/bijdragen/nieuw", {}, {303, 200, 200, 200}},
        {"POST", "/bijdragen/nieuw", {{"title", ""}, {"type", "praktijkvoorbeeld"}}, {303, 400, 400, 400}},
        {"POST", "/bijdragen/nieuw", {{"title", "Voorbeeld"}, {"body", "**vet**"}, {"actie", "voorbeeld"}}, {303, 200, 200, 200}},
        {"GET", "/bijdragen/999", {}, {303, 404, 404, 404}},
        {"GET", "/bijdragen/abc", {}, {404, 404, 404, 404}},
        {"GET", "/bijdragen/999/bewerken", {}, {303, 404, 404, 404}},
        {"POST", "/bijdragen/999/bewerken", {{"title", "Titel"}, {"type", "instrument"}}, {303, 404, 404, 404}},
        {"POST", "/bijdragen/999/indienen", {}, {303, 404, 404, 404}},
        {"GET", "/bijdragen/999/indienen", {}, {405, 405, 405, 405}},
        {"GET", "/bijdragen/999/versies", {}, {303, 404, 404, 404}},
        {"GET", "/bijdragen/999/verschil?van=1&tot=2", {}, {303, 404, 404, 404}},
        {"POST", "/bijlagen/toevoegen", {{"bijdrage", "999"}}, {303, 404, 404, 404}},
        {"GET", "/bijlagen/toevoegen", {}, {405, 405, 405, 405}},
        {"GET", "/bijlagen/999", {}, {404, 404, 404, 404}},
        {"POST", "/bijlagen/999/verwijderen", {{"bijdrage", "999"}}, {303, 404, 404, 404}},
        {"GET", "/redactie", {}, {303, 403, 200, 200}},
        {"POST", "/redactie", {}, {405, 405, 405, 405}},
        {"GET", "/redactie/999", {}, {303, 404, 404, 404}},
        {"POST", "/redactie/999/publiceren", {}, {303, 404, 404, 404}},
        {"POST", "/redactie/999/terugsturen", {{"feedback", "Graag een bron."}}, {303, 404, 404, 404}},
        // -- comments, library and follows --
        {"GET", "/redactie/reacties", {}, {303, 403, 200, 200}},
        {"POST", "/redactie/reacties", {}, {405, 405, 405, 405}},
        {"POST", "/reacties/nieuw", {{"item", "1"}, {"body", "Een vraag over dit voorbeeld"}}, {303, 303, 303, 303}},
        {"POST", "/reacties/nieuw", {{"item", "1"}, {"body", ""}}, {303, 400, 400, 400}},
        {"POST", "/reacties/nieuw", {{"item", "999"}, {"body", "Een vraag"}}, {303, 404, 404, 404}},
        {"GET", "/reacties/nieuw", {}, {405, 405, 405, 405}},
        {"POST", "/reacties/999/melden", {{"reason", "Klopt niet"}}, {303, 404, 404, 404}},
        {"POST", "/reacties/999/verbergen", {{"reason", "Reclame"}}, {303, 403, 404, 404}},
        {"POST", "/reacties/999/herstellen", {}, {303, 403, 404, 404}},
        {"POST", "/reacties/999/onbekend", {}, {404, 404, 404, 404}},
        {"GET", "/bibliotheek", {}, {303, 200, 200, 200}},
        {"POST", "/bibliotheek/bewaren", {{"item", "1"}}, {303, 303, 303, 303}},
        {"POST", "/bibliotheek/bewaren", {{"item", "999"}}, {303, 404, 404, 404}},
        {"POST", "/bibliotheek/verwijderen", {{"item", "1"}}, {303, 303, 303, 303}},
        {"POST", "/bibliotheek/volgen", {{"kind", "theme"}, {"value", "eenzaamheid"}}, {303, 303, 303, 303}},
        {"POST", "/bibliotheek/volgen", {{"kind", "theme"}, {"value", "bestaat-niet"}}, {303, 400, 400, 400}},
        {"POST", "/bibliotheek/ontvolgen", {{"kind", "goal"}, {"value", "3"}}, {303, 303, 303, 303}},
        {"POST", "/bibliotheek/samenvatting", {{"weekly", "1"}}, {303, 303, 303, 303}},
        {"GET", "/bibliotheek/bewaren", {}, {405, 405, 405, 405}},
        // -- organisations, administration and privacy --
        {"GET", "/organisaties", {}, {200, 200, 200, 200}},
        {"GET", "/organisaties/999", {}, {404, 404, 404, 404}},
        {"POST", "/organisaties", {}, {405, 405, 405, 405}},
        {"GET", "/account/e-mailadres", {}, {303, 200, 200, 200}},
        {"POST", "/account/e-mailadres", {{"email", "geen adres"}}, {303, 400, 400, 400}},
        {"GET", "/account/e-mailadres-bevestigen?code=onbekend", {}, {400, 400, 400, 400}},
        {"GET", "/account/gegevens", {}, {303, 200, 200, 200}},
        {"GET", "/account/verwijderen", {}, {303, 200, 200, 200}},
        {"POST", "/account/verwijderen", {{"bijdragen", "bewaren"}, {"bevestiging", "nee"}}, {303, 400, 400, 400}},
        {"GET", "/account/verwijderd", {}, {200, 303, 303, 303}},
        {"GET", "/beheer", {}, {303, 303, 303, 303}},
        {"GET", "/beheer/gebruikers", {}, {303, 403, 403, 200}},
        {"POST", "/beheer/gebruikers/rol", {{"gebruiker", "999"}, {"rol", "lid"}}, {303, 403, 403, 404}},
        {"GET", "/beheer/gebruikers/999/verwijderen", {}, {303, 403, 403, 404}},
        {"POST", "/beheer/gebruikers/999/verwijderen", {{"bijdragen", "bewaren"}}, {303, 403, 403, 404}},
        {"GET", "/beheer/organisaties", {}, {303, 403, 403, 200}},
        {"POST", "/beheer/organisaties", {{"naam", ""}, {"soort", "overig"}}, {303, 403, 403, 400}},
        {"GET", "/beheer/organisaties/999", {}, {303, 403, 403, 404}},
        {"GET", "/beheer/organisaties/abc", {}, {404, 404, 404, 404}},
        {"POST", "/beheer/organisaties/999/leden", {{"email", "lid@example.org"}}, {303, 403, 403, 404}},
        {"POST", "/beheer/organisaties/999/leden/verwijderen", {{"gebruiker", "1"}}, {303, 403, 403, 404}},
        {"GET", "/beheer/logboek", {}, {303, 403, 403, 200}},
        {"POST", "/beheer/logboek", {}, {405, 405, 405, 405}},
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
