// Saved scenarios through App::handle with real sessions: the save form on the allocation
// page, CSRF, the list, opening, deleting, comparing two side by side, and that nobody sees
// another member's scenarios.

#include <gtest/gtest.h>

#include "../web/fixture.h"
#include "services/community/accounts.h"
#include "services/community/administration.h"
#include "services/community/clock.h"
#include "services/community/passwords.h"
#include "services/community/worker_pool.h"
#include "services/ongelijk/ongelijk.h"
#include "services/ongelijk/ongelijk_scenarios.h"
#include "storage/community.h"
#include "storage/scenarios.h"
#include "web/http/url.h"
#include "web/session.h"

namespace gezondin::testing {
namespace {

struct ScenarioWeb {
    WebFixture web;
    services::FakeClock clock;
    std::unique_ptr<storage::CommunityDatabase> db;
    std::unique_ptr<services::PasswordHasher> hasher;
    std::unique_ptr<services::WorkerPool> pool;
    std::unique_ptr<services::HashWorkerPool> hashing;
    std::unique_ptr<services::Accounts> accounts;
    std::unique_ptr<services::Administration> administration;
    std::unique_ptr<services::Ongelijk> ongelijk;
    std::unique_ptr<storage::ScenarioStore> store;
    std::unique_ptr<services::OngelijkScenarios> scenarios;

    ScenarioWeb() {
        db = storage::open_community_database(web.dir + "/gezondin.db", 2).value();
        hasher = std::make_unique<services::PasswordHasher>(services::HashLimits::minimum());
        pool = std::make_unique<services::WorkerPool>(0, 64);
        hashing = std::make_unique<services::HashWorkerPool>(*hasher, *pool);
        accounts = std::make_unique<services::Accounts>(*db, *hashing, services::CommonPasswords::builtin(), clock);
        administration = std::make_unique<services::Administration>(*db, clock);
        store = storage::open_scenario_store(web.dir + "/gezondin.db").value();
        scenarios = std::make_unique<services::OngelijkScenarios>(*store, clock);
        EXPECT_TRUE(web.rt.wijkdata->load());
        services::import_demo_data(*web.rt.wijkdata);
        ongelijk = std::make_unique<services::Ongelijk>(*web.rt.wijkdata);
        web.app = std::make_unique<web::App>(*web.rt.kennisbank, *web.renderer, web::AppConfig{});
        web.app->set_ready(true);
        web.app->set_wijkdata(web.rt.wijkdata.get());
        web.app->set_ongelijk(ongelijk.get());
        web.app->set_ongelijk_scenarios(scenarios.get());
        web.app->set_community(accounts.get(), administration.get());
    }
    ~ScenarioWeb() {
        web.app->set_community(nullptr, nullptr);
        pool.reset();
    }

    web::Params login(domain::Role role = domain::Role::Lid) {
        static int n = 0;
        std::string email = "lid" + std::to_string(++n) + "@example.org";
        EXPECT_TRUE(accounts->create_confirmed_account("Lid " + std::to_string(n), email, "een lang wachtwoord", role));
        std::optional<services::SessionGrant> grant;
        accounts->login({email, "een lang wachtwoord", "192.0.2.1", "test", ""}, [&](services::LoginResult r) {
            if (r.session) grant = *r.session;
        });
        EXPECT_TRUE(grant);
        if (!grant) return {};
        return {{"cookie", std::string(web::session_cookie_name) + "=" + grant->token}, {"csrf", grant->csrf_token}};
    }

    web::Response request(const std::string& method, const std::string& target, const web::Params& who, std::string body = {}) {
        web::Request r;
        r.method = method;
        r.target = target;
        auto q = target.find('?');
        r.path = target.substr(0, q);
        if (q != std::string::npos) r.query = WebFixture::parse(target.substr(q + 1));
        for (const auto& [k, v] : who)
            if (k == "cookie") r.headers.emplace_back("cookie", v);
        if (method == "POST") r.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
        r.body = std::move(body);
        return web.app->handle(r);
    }
    web::Response get(const std::string& target, const web::Params& who = {}) { return request("GET", target, who); }
    web::Response post(const std::string& target, const web::Params& who, web::Params fields, bool with_csrf = true) {
        if (with_csrf) fields.emplace_back("csrf", web::form_field(who, "csrf"));
        return request("POST", target, who, web::build_query_string(fields));
    }
    // Saves the allocation of `query` under `name` as the form on the page does.
    web::Response save(const web::Params& who, const std::string& name, const std::string& query) {
        return post("/ongelijk-investeren/scenarios", who, {{"naam", name}, {"gemeente", "GM9901"}, {"instellingen", query}});
    }
    std::int64_t id_of(const web::Params& who, const std::string& name) {
        auto cookie = web::form_field(who, "cookie");
        auto token = cookie.substr(cookie.find('=') + 1);
        auto session = accounts->authenticate(token);
        if (!session) return 0;
        for (const auto& s : scenarios->list(session->actor).value_or(std::vector<storage::Scenario>{}))
            if (s.name == name) return s.id;
        return 0;
    }
};

const std::string wide = "gemeente=GM9901&jaar=2023&preset=bestaanszekerheid&budget=1000000&universeel=80";
const std::string narrow = "gemeente=GM9901&jaar=2023&preset=bestaanszekerheid&budget=1000000&universeel=20&proportionaliteit=2";

TEST(OngelijkScenarios, AnonymousVisitorsAreAskedToLogIn) {
    ScenarioWeb f;
    auto page = f.get("/ongelijk-investeren/verdeling?" + wide);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Log in om scenario's te bewaren"), std::string::npos);
    EXPECT_NE(page.body.find("href=\"/account/inloggen\""), std::string::npos);
    EXPECT_EQ(page.body.find("name=\"instellingen\""), std::string::npos);
    auto list = f.get("/ongelijk-investeren/scenarios");
    EXPECT_EQ(list.status, 303);
    EXPECT_EQ(list.header("Location"), "/account/inloggen");
    auto post = f.post("/ongelijk-investeren/scenarios", {}, {{"naam", "x"}, {"gemeente", "GM9901"}, {"instellingen", wide}}, false);
    EXPECT_EQ(post.status, 303);
    EXPECT_EQ(post.header("Location"), "/account/inloggen");
}

TEST(OngelijkScenarios, AMemberSavesOpensComparesAndDeletes) {
    ScenarioWeb f;
    auto lid = f.login();
    auto page = f.get("/ongelijk-investeren/verdeling?" + wide, lid);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("name=\"instellingen\""), std::string::npos);
    EXPECT_NE(page.body.find("value=\"" + web::form_field(lid, "csrf") + "\""), std::string::npos);
    EXPECT_NE(page.body.find("for=\"scenario-naam\""), std::string::npos);

    auto saved = f.save(lid, "Breed", wide);
    EXPECT_EQ(saved.status, 303);
    EXPECT_EQ(saved.header("Location"), "/ongelijk-investeren/scenarios?melding=bewaard");
    ASSERT_EQ(f.save(lid, "Gericht", narrow).status, 303);
    auto list = f.get("/ongelijk-investeren/scenarios?melding=bewaard", lid);
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("Het scenario is bewaard."), std::string::npos);
    EXPECT_NE(list.body.find(">Breed</a>"), std::string::npos);
    EXPECT_NE(list.body.find(">Gericht</a>"), std::string::npos);
    EXPECT_NE(list.body.find("<td>Testmond</td>"), std::string::npos);  // the fixture's name of GM9901

    auto a = f.id_of(lid, "Breed"), b = f.id_of(lid, "Gericht");
    ASSERT_GT(a, 0);
    auto open = f.get("/ongelijk-investeren/scenarios/" + std::to_string(a), lid);
    EXPECT_EQ(open.status, 303);
    EXPECT_EQ(open.header("Location").rfind("/ongelijk-investeren/verdeling?gemeente=GM9901", 0), 0u);
    EXPECT_NE(open.header("Location").find("universeel=80"), std::string::npos);

    auto compare = f.get("/ongelijk-investeren/scenarios/vergelijk?a=" + std::to_string(a) + "&b=" + std::to_string(b), lid);
    ASSERT_EQ(compare.status, 200) << compare.body.substr(0, 400);
    EXPECT_NE(compare.body.find("A: <a href=\"/ongelijk-investeren/scenarios/" + std::to_string(a) + "\">Breed</a>"), std::string::npos);
    EXPECT_NE(compare.body.find("Verschil (B min A)"), std::string::npos);
    EXPECT_NE(compare.body.find("(anders)"), std::string::npos);            // the universal share differs
    EXPECT_NE(compare.body.find("<td class=\"num\">1.000.000,00</td><td class=\"num\">1.000.000,00</td>"), std::string::npos);
    EXPECT_NE(compare.body.find("<td class=\"num\">+"), std::string::npos);  // some buurt gets more in B
    EXPECT_NE(compare.body.find("<caption"), std::string::npos);

    auto no_token = f.post("/ongelijk-investeren/scenarios/" + std::to_string(a) + "/verwijderen", lid, {}, false);
    EXPECT_EQ(no_token.status, 403);
    EXPECT_GT(f.id_of(lid, "Breed"), 0);
    auto removed = f.post("/ongelijk-investeren/scenarios/" + std::to_string(a) + "/verwijderen", lid, {});
    EXPECT_EQ(removed.status, 303);
    EXPECT_EQ(f.id_of(lid, "Breed"), 0);
    EXPECT_GT(f.id_of(lid, "Gericht"), 0);
}

TEST(OngelijkScenarios, SavingWithoutTheFormTokenOrWithABadNameSavesNothing) {
    ScenarioWeb f;
    auto lid = f.login();
    auto forged = f.post("/ongelijk-investeren/scenarios", lid, {{"naam", "Vals"}, {"gemeente", "GM9901"}, {"instellingen", wide}}, false);
    EXPECT_EQ(forged.status, 403);
    EXPECT_EQ(f.id_of(lid, "Vals"), 0);
    auto empty = f.save(lid, "   ", wide);
    EXPECT_EQ(empty.status, 400);
    EXPECT_NE(empty.body.find("Geef het scenario een naam."), std::string::npos);
    auto hostile = f.save(lid, "<script>alert(1)</script>", wide);
    EXPECT_EQ(hostile.status, 303);
    auto list = f.get("/ongelijk-investeren/scenarios", lid);
    EXPECT_EQ(list.body.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(list.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(OngelijkScenarios, NobodySeesOpensOrDeletesAnotherMembersScenario) {
    ScenarioWeb f;
    auto owner = f.login(), other = f.login(domain::Role::Beheerder);
    ASSERT_EQ(f.save(owner, "Van mij", wide).status, 303);
    auto id = std::to_string(f.id_of(owner, "Van mij"));
    EXPECT_EQ(f.get("/ongelijk-investeren/scenarios", other).body.find("Van mij"), std::string::npos);
    EXPECT_EQ(f.get("/ongelijk-investeren/scenarios/" + id, other).status, 404);
    EXPECT_EQ(f.get("/ongelijk-investeren/scenarios/vergelijk?a=" + id + "&b=" + id, other).status, 404);
    EXPECT_EQ(f.post("/ongelijk-investeren/scenarios/" + id + "/verwijderen", other, {}).status, 404);
    EXPECT_GT(f.id_of(owner, "Van mij"), 0);
    EXPECT_EQ(f.get("/ongelijk-investeren/scenarios/vergelijk?a=abc&b=1", owner).status, 404);
}

}  // namespace
}  // namespace gezondin::testing
