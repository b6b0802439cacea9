// The account pages through App::handle: register, confirm, log in and out, CSRF, throttling,
// escaping, password reset and change, and the async entry point on real worker threads.

#include <future>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/community_web/fixture.h"
#include "web/session.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* password = "een lang wachtwoord";

class AccountPagesTest : public ::testing::Test {
protected:
    CommunityWebFixture fx;

    // Registers through the form and follows the confirmation link from the outbox.
    void register_and_confirm(Browser& b, const std::string& name, const std::string& email) {
        auto r = b.submit("/account/aanmaken", "/account/aanmaken", {{"name", name}, {"email", email}, {"password", password}});
        ASSERT_EQ(r.status, 303) << r.body;
        auto confirmed = b.get("/account/bevestigen?code=" + fx.last_code_to(email));
        ASSERT_EQ(confirmed.status, 303);
    }
    std::string name_of(domain::UserId id) { return fx.db->user(id).value().name; }
};

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

TEST_F(AccountPagesTest, RegisterConfirmLoginShowsAccountAndLogsOut) {
    Browser b(*fx.web.app);
    auto form = b.get("/account/aanmaken");
    EXPECT_EQ(form.status, 200);
    EXPECT_THAT(form.body, HasSubstr("autocomplete=\"new-password\""));
    EXPECT_THAT(form.body, HasSubstr("<label for=\"naam\">"));
    EXPECT_THAT(set_cookie_for(form, "gezondin_formulier"), HasSubstr("HttpOnly; SameSite=Lax"));

    auto sent = b.post("/account/aanmaken", {{"name", "Anna de Vries"}, {"email", "anna@example.org"},
                                             {"password", password}, {"csrf", b.csrf()}});
    ASSERT_EQ(sent.status, 303);
    EXPECT_THAT(b.get(std::string(sent.header("Location"))).body, HasSubstr("Kijk in uw e-mail"));
    EXPECT_THAT(fx.last_mail_to("anna@example.org"), HasSubstr("Bevestig uw e-mailadres"));

    auto early = b.login("anna@example.org", password);
    EXPECT_EQ(early.status, 403);
    EXPECT_THAT(early.body, HasSubstr("Bevestig eerst uw e-mailadres"));

    auto confirmed = b.get("/account/bevestigen?code=" + fx.last_code_to("anna@example.org"));
    EXPECT_EQ(confirmed.status, 303);
    EXPECT_EQ(confirmed.header("Location"), "/account/inloggen?melding=bevestigd");
    EXPECT_EQ(b.get("/account/bevestigen?code=" + fx.last_code_to("anna@example.org")).status, 400) << "single use";

    auto login = b.login("anna@example.org", password);
    ASSERT_EQ(login.status, 303);
    EXPECT_EQ(login.header("Location"), "/account");
    const std::string cookie = set_cookie_for(login, "gezondin_sessie");
    EXPECT_THAT(cookie, HasSubstr("; HttpOnly"));
    EXPECT_THAT(cookie, HasSubstr("; SameSite=Lax"));
    EXPECT_THAT(cookie, HasSubstr("; Path=/"));
    EXPECT_THAT(cookie, Not(HasSubstr("Secure")));
    const std::string first_session = b.cookie("gezondin_sessie");

    auto account = b.get("/account");
    EXPECT_EQ(account.status, 200);
    EXPECT_THAT(account.body, HasSubstr("Anna de Vries"));
    EXPECT_THAT(account.body, HasSubstr("anna@example.org"));
    EXPECT_THAT(account.body, HasSubstr("Uitloggen"));
    EXPECT_THAT(account.body, Not(HasSubstr("href=\"/account/inloggen\">Inloggen")));
    EXPECT_EQ(account.header("Cache-Control"), "private, no-store");

    // Other pages show the name too and stay out of the shared cache.
    auto home = b.get("/kennisbank");
    EXPECT_THAT(home.body, HasSubstr("Anna de Vries"));
    EXPECT_EQ(home.header("Cache-Control"), "private, no-store");
    EXPECT_THAT(Browser(*fx.web.app).get("/kennisbank").body, Not(HasSubstr("Anna de Vries")));

    // A second login rotates the session id: the old one stops working.
    ASSERT_EQ(b.post("/account/inloggen", {{"email", "anna@example.org"}, {"password", password}, {"csrf", b.csrf()}}).status, 303);
    EXPECT_NE(b.cookie("gezondin_sessie"), first_session);
    Browser stale(*fx.web.app);
    stale.set_cookie("gezondin_sessie", first_session);
    EXPECT_EQ(stale.get("/account").status, 303);

    ASSERT_EQ(b.get("/account").status, 200);
    auto out = b.post("/account/uitloggen", {{"csrf", b.csrf()}});
    EXPECT_EQ(out.status, 303);
    EXPECT_THAT(set_cookie_for(out, "gezondin_sessie"), HasSubstr("Max-Age=0"));
    EXPECT_EQ(b.get("/account").status, 303);
    EXPECT_THAT(b.get("/").body, HasSubstr("href=\"/account/inloggen\""));
}

TEST_F(AccountPagesTest, PostWithoutOrWithWrongCsrfIs403AndChangesNothing) {
    auto id = fx.make_account("Bert", "bert@example.org", domain::Role::Lid);
    Browser b(*fx.web.app);
    ASSERT_EQ(b.login("bert@example.org", password).status, 303);
    for (const web::Params& fields : {web::Params{{"name", "Gewijzigd"}}, web::Params{{"name", "Gewijzigd"}, {"csrf", "fout"}},
                                      web::Params{{"name", "Gewijzigd"}, {"csrf", b.cookie("gezondin_formulier")}}}) {
        auto r = b.post("/account/naam", fields);
        EXPECT_EQ(r.status, 403);
        EXPECT_THAT(r.body, HasSubstr("Er is niets veranderd"));
    }
    EXPECT_EQ(name_of(id), "Bert");
    EXPECT_EQ(b.post("/account/uitloggen", {}).status, 403);
    EXPECT_EQ(b.get("/account").status, 200) << "still logged in";

    // Anonymous forms: the field must match the form cookie.
    Browser anon(*fx.web.app);
    anon.get("/account/aanmaken");
    auto r = anon.post("/account/aanmaken", {{"name", "Eve"}, {"email", "eve@example.org"}, {"password", password}, {"csrf", "x"}});
    EXPECT_EQ(r.status, 403);
    Browser other(*fx.web.app);
    other.get("/account/aanmaken");
    r = anon.post("/account/aanmaken", {{"name", "Eve"}, {"email", "eve@example.org"}, {"password", password}, {"csrf", other.csrf()}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(fx.last_mail_to("eve@example.org"), "");
    EXPECT_EQ(anon.post("/account/inloggen", {{"email", "bert@example.org"}, {"password", password}}).status, 403);
    EXPECT_EQ(anon.cookie("gezondin_sessie"), "");
}

TEST_F(AccountPagesTest, LoginFailureSaysTheSameForUnknownAccountAndWrongPassword) {
    fx.make_account("Carla", "carla@example.org", domain::Role::Lid);
    Browser b(*fx.web.app);
    auto wrong = b.login("carla@example.org", "niet het goede wachtwoord");
    auto unknown = b.login("niemand@example.org", "niet het goede wachtwoord");
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(unknown.status, wrong.status);
    EXPECT_THAT(wrong.body, HasSubstr("Het e-mailadres of het wachtwoord klopt niet."));
    auto alert = [](const std::string& body) {
        auto at = body.find("role=\"alert\"");
        return body.substr(at, body.find("</div>", at) - at);
    };
    EXPECT_EQ(alert(wrong.body), alert(unknown.body));
    EXPECT_EQ(b.cookie("gezondin_sessie"), "");
}

TEST_F(AccountPagesTest, ThrottledLoginGets429WithRetryAfter) {
    fx.make_account("Dirk", "dirk@example.org", domain::Role::Lid);
    Browser b(*fx.web.app);
    for (int i = 0; i < 5; ++i) ASSERT_EQ(b.login("dirk@example.org", "verkeerd wachtwoord").status, 400);
    for (const char* attempt : {"verkeerd wachtwoord", password}) {
        auto r = b.login("dirk@example.org", attempt);
        EXPECT_EQ(r.status, 429);
        EXPECT_EQ(r.header("Retry-After"), "1");
        EXPECT_THAT(r.body, HasSubstr("Wacht 1 seconde en"));
    }
    fx.clock.advance(2);
    EXPECT_EQ(b.login("dirk@example.org", password).status, 303);
}

TEST_F(AccountPagesTest, HostileInputIsEscapedOnEveryPage) {
    const std::size_t scripts = count(Browser(*fx.web.app).get("/account/aanmaken").body, "<script");
    auto id = fx.make_account("Eva", "eva@example.org", domain::Role::Lid);
    Browser b(*fx.web.app);
    ASSERT_EQ(b.login("eva@example.org", password).status, 303);
    int tried = 0;
    for (const auto& hostile : hostile_strings()) {
        // Strings that escaping changes; the others cannot be told apart from page text.
        if (hostile.find_first_of("<>\"'&") == std::string::npos || hostile.size() < 8 || hostile.size() > 300) continue;
        ++tried;
        Browser anon(*fx.web.app);
        auto r = anon.submit("/account/aanmaken", "/account/aanmaken",
                             {{"name", hostile}, {"email", hostile}, {"password", hostile}});
        EXPECT_EQ(r.status, 400) << hostile;
        EXPECT_EQ(count(r.body, "<script"), scripts) << hostile;
        EXPECT_THAT(r.body, Not(HasSubstr(hostile))) << hostile;

        auto saved = b.post("/account/naam", {{"name", hostile}, {"csrf", b.csrf()}});
        auto page = saved.status == 303 ? b.get("/account") : saved;
        if (saved.status == 303) {
            EXPECT_EQ(name_of(id), hostile) << "stored byte for byte";
        }
        EXPECT_EQ(count(page.body, "<script"), scripts) << hostile;
        EXPECT_THAT(page.body, Not(HasSubstr(hostile))) << hostile;
        EXPECT_THAT(b.get("/kennisbank").body, Not(HasSubstr(hostile))) << hostile;
    }
    EXPECT_GT(tried, 15);
}

TEST_F(AccountPagesTest, FormErrorsAreListedAtTheTopAndBesideTheField) {
    Browser b(*fx.web.app);
    auto r = b.submit("/account/aanmaken", "/account/aanmaken", {{"name", ""}, {"email", "geen-adres"}, {"password", "kort"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_THAT(r.body, HasSubstr("<a href=\"#naam\">"));
    EXPECT_THAT(r.body, HasSubstr("<a href=\"#e-mailadres\">"));
    EXPECT_THAT(r.body, HasSubstr("<a href=\"#wachtwoord\">"));
    EXPECT_THAT(r.body, HasSubstr("id=\"e-mailadres-fout\""));
    EXPECT_THAT(r.body, HasSubstr("aria-describedby=\"e-mailadres-fout\""));
    EXPECT_THAT(r.body, HasSubstr("value=\"geen-adres\""));
    EXPECT_THAT(r.body, Not(HasSubstr("value=\"kort\""))) << "passwords are never sent back";
}

TEST_F(AccountPagesTest, ForgottenPasswordLinkSetsANewOneOnce) {
    fx.make_account("Fatima", "fatima@example.org", domain::Role::Lid);
    Browser b(*fx.web.app);
    auto sent = b.submit("/account/wachtwoord-vergeten", "/account/wachtwoord-vergeten", {{"email", "fatima@example.org"}});
    EXPECT_EQ(sent.status, 303);
    auto unknown = b.submit("/account/wachtwoord-vergeten", "/account/wachtwoord-vergeten", {{"email", "nobody@example.org"}});
    EXPECT_EQ(unknown.header("Location"), sent.header("Location")) << "does not tell whether an account exists";
    const std::string code = fx.last_code_to("fatima@example.org");
    auto page = "/account/nieuw-wachtwoord?code=" + code;
    auto reset = b.submit(page, "/account/nieuw-wachtwoord", {{"code", code}, {"password", "een heel nieuw wachtwoord"}});
    EXPECT_EQ(reset.status, 303);
    auto again = b.submit(page, "/account/nieuw-wachtwoord", {{"code", code}, {"password", "nog een ander wachtwoord"}});
    EXPECT_EQ(again.status, 400);
    EXPECT_THAT(again.body, HasSubstr("Deze link werkt niet meer"));
    EXPECT_EQ(b.login("fatima@example.org", password).status, 400);
    EXPECT_EQ(b.login("fatima@example.org", "een heel nieuw wachtwoord").status, 303);
}

TEST_F(AccountPagesTest, ChangingThePasswordRotatesTheSessionAndEndsOthers) {
    fx.make_account("Gert", "gert@example.org", domain::Role::Lid);
    Browser laptop(*fx.web.app), phone(*fx.web.app, "192.0.2.20");
    ASSERT_EQ(laptop.login("gert@example.org", password).status, 303);
    ASSERT_EQ(phone.login("gert@example.org", password).status, 303);
    EXPECT_EQ(count(laptop.get("/account").body, "Beëindigen"), 1u) << "the phone's session";

    auto wrong = laptop.submit("/account", "/account/wachtwoord", {{"current_password", "fout fout fout"}, {"password", "een nieuw wachtwoord"}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_THAT(wrong.body, HasSubstr("<a href=\"#huidig-wachtwoord\">"));

    const std::string before = laptop.cookie("gezondin_sessie");
    auto changed = laptop.submit("/account", "/account/wachtwoord", {{"current_password", password}, {"password", "een nieuw wachtwoord"}});
    EXPECT_EQ(changed.status, 303);
    EXPECT_NE(laptop.cookie("gezondin_sessie"), before);
    EXPECT_EQ(laptop.get("/account").status, 200);
    EXPECT_EQ(phone.get("/account").status, 303);
}

TEST_F(AccountPagesTest, EndingASessionLogsThatDeviceOut) {
    fx.make_account("Hanna", "hanna@example.org", domain::Role::Lid);
    Browser laptop(*fx.web.app), phone(*fx.web.app);
    ASSERT_EQ(laptop.login("hanna@example.org", password).status, 303);
    ASSERT_EQ(phone.login("hanna@example.org", password).status, 303);
    auto page = laptop.get("/account");
    const std::string marker = "name=\"sessie\" value=\"";
    auto at = page.body.find(marker);
    ASSERT_NE(at, std::string::npos);
    at += marker.size();
    const std::string handle = page.body.substr(at, page.body.find('"', at) - at);
    EXPECT_EQ(laptop.post("/account/sessies/beeindigen", {{"sessie", handle}, {"csrf", laptop.csrf()}}).status, 303);
    EXPECT_EQ(phone.get("/account").status, 303);
    EXPECT_EQ(laptop.get("/account").status, 200);
}

TEST_F(AccountPagesTest, BeheerderReadsTheOutbox) {
    fx.make_account("Ilse", "ilse@example.org", domain::Role::Beheerder);
    Browser anon(*fx.web.app);
    register_and_confirm(anon, "Jan <b>Jansen</b>", "jan@example.org");
    Browser b(*fx.web.app);
    ASSERT_EQ(b.login("ilse@example.org", password).status, 303);
    EXPECT_THAT(b.get("/account").body, HasSubstr("href=\"/beheer/e-mail\""));
    auto outbox = b.get("/beheer/e-mail");
    EXPECT_EQ(outbox.status, 200);
    EXPECT_THAT(outbox.body, HasSubstr("jan@example.org"));
    EXPECT_THAT(outbox.body, HasSubstr("Bevestig uw e-mailadres"));
    EXPECT_THAT(outbox.body, HasSubstr("Jan &lt;b&gt;Jansen&lt;/b&gt;"));
}

TEST_F(AccountPagesTest, SecureCookieBehindHttps) {
    web::AppConfig config;
    config.base_url = "https://gezondin.example";
    web::App app(*fx.web.rt.kennisbank, *fx.web.renderer, config);
    app.set_community(fx.accounts.get(), fx.administration.get());
    fx.make_account("Karin", "karin@example.org", domain::Role::Lid);
    Browser b(app);
    auto form = b.get("/account/inloggen");
    EXPECT_THAT(set_cookie_for(form, "gezondin_formulier"), HasSubstr("; Secure"));
    auto login = b.login("karin@example.org", password);
    EXPECT_THAT(set_cookie_for(login, "gezondin_sessie"), HasSubstr("; Secure"));
}

TEST(AccountAsync, PasswordRoutesAnswerFromAWorkerThread) {
    CommunityWebFixture fx(1);
    fx.make_account("Lotte", "lotte@example.org", domain::Role::Lid);
    Browser b(*fx.web.app);
    auto form = b.get("/account/inloggen");
    web::Request r;
    r.method = "POST";
    r.target = r.path = "/account/inloggen";
    r.headers = {{"cookie", "gezondin_formulier=" + b.cookie("gezondin_formulier")}};
    r.body = "email=lotte%40example.org&password=een+lang+wachtwoord&csrf=" + b.csrf();
    std::promise<std::pair<web::Response, std::thread::id>> answer;
    fx.web.app->handle_async(r, [&answer](web::Response res) { answer.set_value({std::move(res), std::this_thread::get_id()}); });
    auto [response, thread] = answer.get_future().get();
    EXPECT_EQ(response.status, 303);
    EXPECT_NE(thread, std::this_thread::get_id());
    EXPECT_FALSE(response.header("Content-Security-Policy").empty()) << "security headers on async answers too";
    EXPECT_FALSE(set_cookie_for(response, "gezondin_sessie").empty());
}

}  // namespace
