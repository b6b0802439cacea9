#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/web/fixture.h"
#include "web/context.h"
#include "web/http/url.h"
#include "web/page_cache.h"

using namespace gezondin;
using gezondin::testing::WebFixture;
using ::testing::HasSubstr;
using ::testing::Not;

web::Params WebFixture::parse(const std::string& qs) { return web::parse_query_string(qs).value_or(web::Params{}); }

class AppTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { fx = new WebFixture(); }
    static void TearDownTestSuite() { delete fx; }
    static WebFixture* fx;
};
WebFixture* AppTest::fx = nullptr;

TEST_F(AppTest, HomeShowsNewestItemsAndEntryPoints) {
    auto r = fx->get("/");
    EXPECT_EQ(r.status, 200);
    EXPECT_THAT(r.body, HasSubstr("<html lang=\"nl\">"));
    EXPECT_THAT(r.body, HasSubstr("Naar de inhoud"));
    EXPECT_THAT(r.body, HasSubstr("Verslag intervisie schulden en armoede"));
    EXPECT_THAT(r.body, HasSubstr("/gala-doelen/6"));
    EXPECT_THAT(r.body, HasSubstr("/sporen/participatie"));
    EXPECT_THAT(r.body, HasSubstr("/themas/eenzaamheid"));
}

TEST_F(AppTest, SearchFindsPluralWithSingularQueryAndShowsFacets) {
    auto r = fx->get("/kennisbank?q=wijk");
    EXPECT_EQ(r.status, 200);
    EXPECT_THAT(r.body, HasSubstr("Buurtkamers tegen eenzaamheid"));
    EXPECT_THAT(r.body, HasSubstr("name=\"thema\" value=\"eenzaamheid\""));
    EXPECT_THAT(fx->get("/kennisbank?q=sleutelpersoon").body, HasSubstr("<mark>sleutelpersonen</mark>"));
}

TEST_F(AppTest, SearchFindsFullFormWithAbbreviation) {
    auto r = fx->get("/kennisbank?q=GALA");
    EXPECT_THAT(r.body, HasSubstr("Stappenplan voor het GALA-plan"));
    auto full = fx->get("/kennisbank?q=gezond+en+actief+leven+akkoord");
    EXPECT_THAT(full.body, HasSubstr("Stappenplan voor het GALA-plan"));
}

TEST_F(AppTest, SearchFiltersCombineAndShowActiveFilters) {
    auto r = fx->get("/kennisbank?niveau=regionaal&doel=1");
    EXPECT_EQ(r.status, 200);
    EXPECT_THAT(r.body, HasSubstr("Verslag intervisie"));
    EXPECT_THAT(r.body, Not(HasSubstr("Stappenplan voor het GALA-plan")));
    EXPECT_THAT(r.body, HasSubstr("class=\"chip\""));
}

TEST_F(AppTest, SearchWithoutResultsShowsHelp) {
    auto r = fx->get("/kennisbank?q=zzzqqqxx");
    EXPECT_EQ(r.status, 200);
    EXPECT_THAT(r.body, HasSubstr("We vonden niets"));
}

TEST_F(AppTest, SearchSuggestsSpelling) {
    auto r = fx->get("/kennisbank?q=eenzaamhied");
    EXPECT_THAT(r.body, HasSubstr("Bedoelde u:"));
    EXPECT_THAT(r.body, HasSubstr("eenzaamheid"));
}

TEST_F(AppTest, BadSearchInputGetsDutchMessageAnd400) {
    for (const char* target : {"/kennisbank?pagina=1000000000", "/kennisbank?thema=bestaat-niet", "/kennisbank?doel=9"}) {
        auto r = fx->get(target);
        EXPECT_EQ(r.status, 400) << target;
        EXPECT_THAT(r.body, HasSubstr("role=\"alert\"")) << target;
    }
    web::Request bad;
    bad.method = "GET";
    bad.path = "/kennisbank";
    bad.target = "/kennisbank?q=%FF";
    bad.query = {{"q", "\xFF"}};
    EXPECT_EQ(fx->app->handle(bad).status, 400);
}

TEST_F(AppTest, HostileQueriesNeverCrash) {
    for (std::string q : std::vector<std::string>{"\"unbalanced", "AND OR NOT", "((((", "-", "wijk\" OR (", std::string(10000, 'a'), "*:*", "+-+-"}) {
        auto r = fx->get("/kennisbank?q=" + web::percent_encode(q));
        EXPECT_TRUE(r.status == 200 || r.status == 400) << q.substr(0, 30) << " gave " << r.status;
    }
}

TEST_F(AppTest, ItemPageRendersMarkdownSafely) {
    auto page = fx->rt.kennisbank->list({}, 0, 10).value();
    const domain::Item* item = nullptr;
    for (const auto& i : page.items)
        if (i.external_id == "t-1") item = &i;
    ASSERT_NE(item, nullptr);
    auto r = fx->get(domain::item_path(*item));
    EXPECT_EQ(r.status, 200);
    EXPECT_THAT(r.body, HasSubstr("<h2>Aanpak</h2>"));
    EXPECT_THAT(r.body, Not(HasSubstr("<script>alert")));
    EXPECT_THAT(r.body, Not(HasSubstr("javascript:")));
    EXPECT_THAT(r.body, HasSubstr("Testmond"));
    EXPECT_THAT(r.body, HasSubstr("/themas/ouderen"));
    EXPECT_FALSE(r.header("ETag").empty());

    auto cached = fx->get(domain::item_path(*item), {{"if-none-match", std::string(r.header("ETag"))}});
    EXPECT_EQ(cached.status, 304);
    EXPECT_TRUE(cached.body.empty());

    auto moved = fx->get("/kennisbank/" + std::to_string(item->id) + "-oude-titel");
    EXPECT_EQ(moved.status, 301);
    EXPECT_EQ(moved.header("Location"), domain::item_path(*item));
}

TEST_F(AppTest, UnknownPagesAre404InDutch) {
    EXPECT_EQ(fx->get("/kennisbank/999999-x").status, 404);
    EXPECT_EQ(fx->get("/themas/bestaat-niet").status, 404);
    auto r = fx->get("/nergens");
    EXPECT_EQ(r.status, 404);
    EXPECT_THAT(r.body, HasSubstr("Pagina niet gevonden"));
}

TEST_F(AppTest, TaxonomyPagesListTheirItems) {
    EXPECT_THAT(fx->get("/themas/eenzaamheid").body, HasSubstr("Buurtkamers"));
    EXPECT_THAT(fx->get("/gala-doelen/7").body, HasSubstr("Stappenplan"));
    EXPECT_THAT(fx->get("/sporen/participatie").body, HasSubstr("Verslag intervisie"));
    auto m = fx->get("/gemeenten/GM9902");
    EXPECT_THAT(m.body, HasSubstr("Proefdam"));
    EXPECT_THAT(m.body, HasSubstr("Verslag intervisie"));
    EXPECT_THAT(fx->get("/gemeenten").body, HasSubstr("Testmond"));
}

TEST_F(AppTest, EveryResponseCarriesSecurityHeaders) {
    for (const char* target : {"/", "/kennisbank?q=wijk", "/nergens", "/api/v1/search?q=wijk", "/static/gezondin.css"}) {
        auto r = fx->get(target);
        EXPECT_THAT(std::string(r.header("Content-Security-Policy")), HasSubstr("frame-ancestors 'none'")) << target;
        EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << target;
        EXPECT_FALSE(r.header("Referrer-Policy").empty()) << target;
    }
}

TEST_F(AppTest, ApiSearchReturnsRequiredFieldsAndFacets) {
    auto r = fx->get("/api/v1/search?q=gemeente&type=instrument");
    ASSERT_EQ(r.status, 200);
    auto j = nlohmann::json::parse(r.body);
    ASSERT_EQ(j["results"].size(), 1u);
    for (const char* field : {"id", "external_id", "title", "type", "date", "score"})
        EXPECT_TRUE(j["results"][0].contains(field)) << field;
    EXPECT_EQ(j["results"][0]["external_id"], "t-2");
    EXPECT_TRUE(j["facets"].contains("type"));
}

TEST_F(AppTest, ApiErrorsAreProblemJson) {
    for (const char* target : {"/api/v1/search?pagina=0", "/api/v1/items/abc", "/api/v1/items/424242", "/api/v1/nergens"}) {
        auto r = fx->get(target);
        EXPECT_GE(r.status, 400) << target;
        EXPECT_EQ(r.header("Content-Type"), "application/problem+json") << target;
        auto j = nlohmann::json::parse(r.body);
        EXPECT_EQ(j["status"], r.status);
        EXPECT_FALSE(j["detail"].get<std::string>().empty());
    }
}

TEST_F(AppTest, ApiListsAndGetsItems) {
    auto list = nlohmann::json::parse(fx->get("/api/v1/items?per_pagina=2").body);
    EXPECT_EQ(list["total"], 3);
    EXPECT_EQ(list["items"].size(), 2u);
    EXPECT_TRUE(list["_links"].contains("next"));
    auto id = list["items"][0]["id"].get<long>();
    auto item = nlohmann::json::parse(fx->get("/api/v1/items/" + std::to_string(id)).body);
    EXPECT_EQ(item["id"], id);
    EXPECT_TRUE(item.contains("body_html"));
    auto tax = nlohmann::json::parse(fx->get("/api/v1/taxonomies").body);
    EXPECT_EQ(tax["gala_goals"].size(), 7u);
    EXPECT_EQ(tax["tracks"].size(), 5u);
}

TEST_F(AppTest, OpenApiDocumentDescribesTheApi) {
    auto r = fx->get("/api/v1/openapi.json");
    ASSERT_EQ(r.status, 200);
    auto j = nlohmann::json::parse(r.body);
    EXPECT_EQ(j["openapi"].get<std::string>().substr(0, 2), "3.");
    for (const char* path : {"/items", "/items/{id}", "/search", "/taxonomies"}) EXPECT_TRUE(j["paths"].contains(path)) << path;
}

TEST_F(AppTest, FeedsSitemapAndRobots) {
    auto feed = fx->get("/feed.atom");
    EXPECT_EQ(feed.status, 200);
    EXPECT_THAT(feed.body, HasSubstr("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    EXPECT_THAT(feed.body, HasSubstr("Buurtkamers"));
    auto map = fx->get("/sitemap.xml");
    EXPECT_THAT(map.body, HasSubstr("<urlset"));
    EXPECT_THAT(map.body, HasSubstr("/kennisbank/"));
    EXPECT_THAT(fx->get("/robots.txt").body, HasSubstr("Sitemap:"));
}

TEST_F(AppTest, LimitsGiveTheRightStatus) {
    web::Request big;
    big.method = "GET";
    big.path = "/";
    big.target = "/";
    big.body = std::string(2u << 20, 'x');
    EXPECT_EQ(fx->app->handle(big).status, 413);
    web::Request long_url = big;
    long_url.body.clear();
    long_url.target = "/?" + std::string(40000, 'a');
    EXPECT_EQ(fx->app->handle(long_url).status, 414);
    web::Request headers = big;
    headers.body.clear();
    headers.headers = {{"x-big", std::string(40000, 'h')}};
    EXPECT_EQ(fx->app->handle(headers).status, 431);
    web::Request post = headers;
    post.headers.clear();
    post.method = "POST";
    EXPECT_EQ(fx->app->handle(post).status, 405);
}

TEST_F(AppTest, HealthAndReadiness) {
    EXPECT_EQ(fx->get("/healthz").status, 200);
    EXPECT_EQ(fx->get("/readyz").status, 200);
    EXPECT_THAT(fx->get("/metrics").body, HasSubstr("gezondin_requests_total"));
}

TEST(PageCache, NewItemsShowUpOnCachedPages) {
    WebFixture fx;
    auto before = fx.get("/kennisbank?q=zwemles");
    EXPECT_THAT(before.body, HasSubstr("We vonden niets"));
    EXPECT_THAT(fx.get("/kennisbank?q=zwemles").body, HasSubstr("We vonden niets"));   // served from the cache
    (void)fx.rt.kennisbank->import_items_jsonl(
        R"({"external_id":"z-1","type":"nieuws","title":"Zwemles voor volwassenen","summary":"Zwemmen.","body":"Zwemles.","date":"2026-11-01","themes":["bewegen-en-sport"],"gala_goals":[4],"tracks":["gedrag-en-vaardigheden"],"level":"lokaal","municipality":"","links":[]})")
        .value();
    EXPECT_THAT(fx.get("/kennisbank?q=zwemles").body, HasSubstr("Zwemles voor volwassenen"));
}

namespace {
web::Response post(WebFixture& fx, const std::string& target, const std::string& body, const std::string& type) {
    web::Request r;
    r.method = "POST";
    r.target = target;
    auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = WebFixture::parse(target.substr(q + 1));
    r.headers = {{"content-type", type}};
    r.body = body;
    return fx.app->handle(r);
}
}  // namespace

TEST_F(AppTest, StatsApiComputesSiiAndAllocation) {
    auto sii = post(*fx, "/api/v1/stats/sii",
                    R"({"repetitions":100,"rows":[{"quantile":1,"population":100,"value":70,"standard_error":1},{"quantile":2,"population":100,"value":78,"standard_error":1}]})",
                    "application/json");
    ASSERT_EQ(sii.status, 200) << sii.body;
    EXPECT_NEAR(nlohmann::json::parse(sii.body)["sii"].get<double>(), 16.0, 1e-9);
    auto csv = post(*fx, "/api/v1/stats/allocation?format=csv",
                    R"({"budget":1000000,"universal_share":0.4,"areas":[{"code":"BU1","population":100,"need":1},{"code":"BU2","population":300,"need":2}]})",
                    "application/json");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_THAT(csv.body, HasSubstr("BU2,"));
    EXPECT_THAT(std::string(csv.header("Content-Type")), HasSubstr("text/csv"));
}

TEST_F(AppTest, StatsApiRefusesBadRequests) {
    EXPECT_EQ(post(*fx, "/api/v1/stats/sii", "{}", "text/plain").status, 415);
    auto bad = post(*fx, "/api/v1/stats/sii", R"({"rows":[{"quantile":"x"}]})", "application/json");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.header("Content-Type"), "application/problem+json");
    auto invalid = post(*fx, "/api/v1/stats/allocation", R"({"budget":10,"areas":[{"code":"a","population":1,"need":-1}]})",
                        "application/json");
    EXPECT_EQ(invalid.status, 400);
    EXPECT_EQ(post(*fx, "/kennisbank", "x=1", "application/x-www-form-urlencoded").status, 405);
}

TEST(PageCache, SharesWithLoggedInVisitorsOnlyPagesRenderedWithoutTheSession) {
    web::PageCache cache(10);
    auto page = web::Response::html("<p>gedeeld</p>");
    cache.store("/gedeeld", 7, page, /*session_free=*/true);
    cache.store("/persoonlijk", 7, web::Response::html("<p>met formulier</p>"), /*session_free=*/false);
    EXPECT_TRUE(cache.find("/gedeeld", 7, /*session_free_only=*/true));
    EXPECT_TRUE(cache.find("/persoonlijk", 7));                 // anonymous visitors: their own copy
    EXPECT_FALSE(cache.find("/persoonlijk", 7, /*session_free_only=*/true));
    EXPECT_FALSE(cache.find("/gedeeld", 8, true));              // stored at another generation
    cache.store("/nieuw", 8, page, true);                         // storing at a new one drops the rest
    EXPECT_FALSE(cache.find("/gedeeld", 8));
    EXPECT_TRUE(cache.find("/nieuw", 8, true));
}

TEST(SessionRef, EveryWayOfReadingTheSessionMarksThePagePersonal) {
    bool read = false;
    web::SessionRef none(nullptr, &read);
    EXPECT_FALSE(read);
    EXPECT_FALSE(static_cast<bool>(none));
    EXPECT_TRUE(read);
    read = false;
    web::SessionRef copy = none;
    EXPECT_TRUE(copy == nullptr);
    EXPECT_TRUE(read);   // a copy shares the flag
}
