// The ongelijk-investeren pages and API through App::handle: every page on the demo, bad
// input, the budget adding up, downloads, and no hidden value in any output.

#include <cstdio>
#include <numeric>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "../web/fixture.h"
#include "../wijkdata/wijk_fixture.h"
#include "services/ongelijk/ongelijk.h"
#include "web/http/url.h"

namespace gezondin::testing {

web::Params WebFixture::parse(const std::string& qs) { return web::parse_query_string(qs).value_or(web::Params{}); }

namespace {

struct OngelijkWeb : WebFixture {
    std::unique_ptr<services::Ongelijk> ongelijk;
    explicit OngelijkWeb(bool demo = true) {
        EXPECT_TRUE(rt.wijkdata->load());
        if (demo) services::import_demo_data(*rt.wijkdata);
        ongelijk = std::make_unique<services::Ongelijk>(*rt.wijkdata);
        app->set_wijkdata(rt.wijkdata.get());
        app->set_ongelijk(ongelijk.get());
    }
};

const std::vector<std::string>& pages() {
    static const std::vector<std::string> p = {
        "/ongelijk-investeren", "/ongelijk-investeren?gemeente=GM9901",
        "/ongelijk-investeren/kansenindex?gemeente=GM9901",
        "/ongelijk-investeren/kansenindex?gemeente=GM9901&preset=gezondheid&normalisatie=percentielrang&aggregatie=meetkundig&bevolking=ja&transformatie=exponentieel",
        "/ongelijk-investeren/kansenindex?gemeente=GM9901&niveau=wijk",
        "/ongelijk-investeren/verdeling?gemeente=GM9901",
        "/ongelijk-investeren/verdeling?gemeente=GM9901&universeel=20&proportionaliteit=2&vloer=5&plafond=200&ontbrekend=beschikbaar",
        "/ongelijk-investeren/robuustheid?gemeente=GM9901&trekkingen=200",
        "/ongelijk-investeren/ongelijkheid?gemeente=GM9901",
        "/ongelijk-investeren/ongelijkheid?gemeente=GM9901&cijfer=fictief_laag_inkomen&rangorde=fictief_ses_score&rangorde_richting=hoger-beter",
        "/ongelijk-investeren/vergelijkbaar?gemeente=GM9901",
    };
    return p;
}

TEST(OngelijkWeb, EveryPageAnswersWithTablesAndNoStyleAttributes) {
    OngelijkWeb f;
    for (const auto& t : pages()) {
        auto r = f.get(t);
        ASSERT_EQ(r.status, 200) << t << "\n" << r.body.substr(0, 600);
        EXPECT_EQ(r.body.find("style=\""), std::string::npos) << t;
        EXPECT_EQ(r.body.find("<script>"), std::string::npos) << t;   // no inline script (CSP)
        EXPECT_EQ(r.body.find("notice error"), std::string::npos) << t << "\n" << r.body.substr(r.body.find("notice error") == std::string::npos ? 0 : r.body.find("notice error"), 400);
        if (t.find("kansenindex") != std::string::npos || t.find("verdeling") != std::string::npos) {
            EXPECT_NE(r.body.find("<table"), std::string::npos) << t;
            EXPECT_NE(r.body.find("klasse-"), std::string::npos) << t;   // the map was drawn
        }
    }
    EXPECT_NE(f.get("/").body.find("/ongelijk-investeren"), std::string::npos);   // navigation
    EXPECT_NE(f.get("/wijkdata/gebied/GM9901").body.find("/ongelijk-investeren?gemeente=GM9901"), std::string::npos);
    // The link on a buurt profile carries the buurt code; the start page finds its gemeente.
    auto from_buurt = f.get("/ongelijk-investeren?gemeente=BU99010000");
    EXPECT_EQ(from_buurt.status, 200);
    EXPECT_NE(from_buurt.body.find("/ongelijk-investeren/kansenindex?gemeente=GM9901"), std::string::npos);
}

TEST(OngelijkWeb, KansenindexWritesTheMethodOutAndListsBuurtenWithoutScore) {
    OngelijkWeb f;
    auto r = f.get("/ongelijk-investeren/kansenindex?gemeente=GM9901&preset=gezondheid");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("Zo is de index berekend"), std::string::npos);
    EXPECT_NE(r.body.find("z-score"), std::string::npos);
    EXPECT_NE(r.body.find("Gebieden zonder score"), std::string::npos);
    EXPECT_NE(r.body.find("deze cijfers zijn er niet voor deze gemeente"), std::string::npos);
}

TEST(OngelijkWeb, UnknownGemeenteIsADutch404Page) {
    OngelijkWeb f;
    for (std::string page : {"kansenindex", "verdeling", "robuustheid", "ongelijkheid", "vergelijkbaar"}) {
        auto r = f.get("/ongelijk-investeren/" + page + "?gemeente=GM0000");
        EXPECT_EQ(r.status, 404) << page;
        EXPECT_NE(r.body.find("bestaat niet"), std::string::npos) << page;
    }
    EXPECT_EQ(f.get("/ongelijk-investeren?gemeente=GM0000").status, 404);
    EXPECT_EQ(f.get("/ongelijk-investeren/onbekend").status, 404);
}

TEST(OngelijkWeb, WeightThatIsNotANumberGives400WithTheFormAndTheMessage) {
    OngelijkWeb f;
    auto r = f.get("/ongelijk-investeren/kansenindex?gemeente=GM9901&indicator=fictief_eenzaam&gewicht_fictief_eenzaam=veel");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<form"), std::string::npos);
    EXPECT_NE(r.body.find("&quot;veel&quot; is geen getal"), std::string::npos) << r.body.substr(0, 3000);
    auto budget = f.get("/ongelijk-investeren/verdeling?gemeente=GM9901&budget=abc");
    EXPECT_EQ(budget.status, 400);
    EXPECT_NE(budget.body.find("Het budget"), std::string::npos);
    EXPECT_EQ(f.get("/ongelijk-investeren/kansenindex?gemeente=GM9901&jaar=twee").status, 400);
    EXPECT_EQ(f.get("/ongelijk-investeren/robuustheid?gemeente=GM9901&trekkingen=20000").status, 400);
    auto api = f.get("/api/v1/ongelijk/kansenindex?gemeente=GM9901&indicator=fictief_eenzaam&gewicht_fictief_eenzaam=x");
    EXPECT_EQ(api.status, 400);
    EXPECT_EQ(api.header("Content-Type"), "application/problem+json");
}

TEST(OngelijkWeb, EurosAddUpToTheBudgetOnThePageInTheApiAndInTheDownloads) {
    OngelijkWeb f;
    auto page = f.get("/ongelijk-investeren/verdeling?gemeente=GM9901");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<td class=\"num\" id=\"totaal\">1.000.000,00</td>"), std::string::npos);
    EXPECT_NE(page.body.find("Voorbeeld:"), std::string::npos);
    EXPECT_NE(page.body.find("Samen \xE2\x82\xAC\xC2\xA0"), std::string::npos);   // every number of the example filled in
    EXPECT_EQ(page.body.find("{1"), std::string::npos);
    EXPECT_NE(page.body.find("Afronden:"), std::string::npos);
    EXPECT_NE(page.body.find("Buurten zonder bekend aantal inwoners"), std::string::npos);
    auto j = nlohmann::json::parse(f.get("/api/v1/ongelijk/verdeling?gemeente=GM9901&budget=250000").body);
    std::int64_t sum = 0;
    for (const auto& a : j["gebieden"]) sum += a["euro_centen"].get<std::int64_t>();
    EXPECT_EQ(sum, 25'000'000);
    auto csv = f.get("/ongelijk-investeren/verdeling.csv?gemeente=GM9901");
    EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_NE(csv.body.find("code;naam;inwoners"), std::string::npos);
    auto xlsx = f.get("/ongelijk-investeren/verdeling.xlsx?gemeente=GM9901");
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
    auto index = f.get("/api/v1/ongelijk/kansenindex?gemeente=GM9901&format=csv");
    EXPECT_NE(index.body.find("code;naam;score;rang;deciel"), std::string::npos);
    EXPECT_EQ(f.get("/api/v1/ongelijk/kansenindex?gemeente=GM9901&format=xml").status, 400);
}

TEST(OngelijkWeb, InequalityExplainsTheSignInWords) {
    OngelijkWeb f;
    auto r = f.get("/ongelijk-investeren/ongelijkheid?gemeente=GM9901&cijfer=fictief_laag_inkomen&rangorde=fictief_ses_score");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("In de buurten met de meeste achterstand is het aandeel huishoudens met een laag inkomen"), std::string::npos);
    EXPECT_NE(r.body.find("procentpunt hoger"), std::string::npos);
    EXPECT_NE(r.body.find("Concentratie-index"), std::string::npos);
}

// A difference of percentages is in procentpunt also when the source gives no unit (CBS
// typed tables give none); a count keeps its plain number.
TEST(OngelijkWeb, DifferencesOfUnitlessSharesAreInProcentpunt) {
    OngelijkWeb f(false);
    auto table = std::filesystem::path(f.dir) / "aandelen_2021_TypedDataSet.csv";
    std::vector<std::string> rows{"\"GM9901    \";5000;500;20.0;3.0", "\"WK990100  \";5000;500;20.0;3.0"};
    for (int b = 0; b < 12; ++b) {
        char code[16];
        std::snprintf(code, sizeof code, "BU990100%02d", b);
        rows.push_back("\"" + std::string(code) + "\";" + std::to_string(400 + 10 * b) + ";" + std::to_string(30 + b) + ";" +
                       std::to_string(10 + 2 * b) + ".5;" + std::to_string(50 - b) + ".0");
    }
    write_file(table, typed_dataset("\"AantalInwoners_5\";\"Uitkeringen_6\";\"HuishoudensMetEenLaagInkomen_7\";\"Score_8\"", rows));
    ASSERT_EQ(f.rt.wijkdata->import_file(table).outcome, services::ImportOutcome::Imported);
    std::string base = "/ongelijk-investeren/ongelijkheid?gemeente=GM9901&jaar=2021&rangorde=Score_8&rangorde_richting=hoger-beter&groepen=5&cijfer=";
    auto share = f.get(base + "HuishoudensMetEenLaagInkomen_7");
    ASSERT_EQ(share.status, 200) << share.body.substr(0, 400);
    EXPECT_NE(share.body.find("is het aandeel huishoudens met een laag inkomen"), std::string::npos);
    EXPECT_NE(share.body.find(" procentpunt hoger dan"), std::string::npos);
    EXPECT_NE(share.body.find(" procentpunt ("), std::string::npos);  // the SII figure itself
    auto count = f.get(base + "Uitkeringen_6");
    ASSERT_EQ(count.status, 200) << count.body.substr(0, 400);
    EXPECT_EQ(count.body.find("procentpunt"), std::string::npos);
}

TEST(OngelijkWeb, AmsterdamLowIncomeAcrossSesDecilesIsToldInProcentpunt) {
    if (!std::filesystem::exists(amsterdam_kwb()) || !std::filesystem::exists(amsterdam_ses())) GTEST_SKIP() << "no Amsterdam 2019 files in ../shared/data";
    OngelijkWeb f(false);
    ASSERT_FALSE(f.rt.wijkdata->import_file(amsterdam_kwb()).error);
    ASSERT_FALSE(f.rt.wijkdata->import_file(amsterdam_ses()).error);
    auto d = f.ongelijk->data("GM0363", 2019, stats::AreaLevel::Buurt).value();
    std::string indicator, ranking;
    for (const auto& m : d.indicators) {
        if (m.key.rfind("HuishoudensMetEenLaagInkomen", 0) == 0) indicator = m.key;
        if (m.label.find("SES") != std::string::npos && m.label.find("Totaalscore") != std::string::npos && ranking.empty()) ranking = m.key;
    }
    ASSERT_FALSE(indicator.empty() || ranking.empty());
    auto r = f.get("/ongelijk-investeren/ongelijkheid?gemeente=GM0363&jaar=2019&groepen=10&rangorde_richting=hoger-beter&cijfer=" +
                   indicator + "&rangorde=" + ranking);
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 400);
    EXPECT_NE(r.body.find("is het aandeel huishoudens met een laag inkomen"), std::string::npos);
    EXPECT_NE(r.body.find("procentpunt hoger"), std::string::npos);
}

TEST(OngelijkWeb, SimilarGemeentenLinkToTheirKennisbankPageAndPublishedItems) {
    OngelijkWeb f;
    for (const auto& r : services::import_demo_comparison(*f.rt.wijkdata)) ASSERT_NE(r.outcome, services::ImportOutcome::Refused);
    auto r = f.get("/ongelijk-investeren/vergelijkbaar?gemeente=GM9901&jaar=2023");
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 400);
    EXPECT_NE(r.body.find("Eemhoven"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/gemeenten/GM9902\""), std::string::npos);
    EXPECT_NE(r.body.find("Verslag intervisie schulden en armoede"), std::string::npos);  // the fixture's item of GM9902
    EXPECT_NE(r.body.find("Nog geen items in de kennisbank."), std::string::npos);        // GM9903 has none
    EXPECT_NE(r.body.find("<caption"), std::string::npos);
}

// Testmond (GM9901): BU99010001 has 43 inhabitants (all hidden); its 4321 and 61.73, and by
// complementary suppression the 1234 inhabitants of BU99010000, must never appear.
TEST(OngelijkWeb, NoHiddenValueLeavesThroughAnyPageOrDownload) {
    OngelijkWeb f(false);
    auto table = std::filesystem::path(f.dir) / "privacy_2021_TypedDataSet.csv";
    write_file(table, typed_dataset("\"AantalInwoners_5\";\"Aantal_6\";\"Pct_7\";\"Pct_8\"",
                                    {"\"GM9901    \";5677;14883;20.5;30.1", "\"WK990100  \";3622;9883;22.5;31.1",
                                     "\"BU99010000\";1234;7;19.5;33.3", "\"BU99010001\";43;4321;61.73;12.5",
                                     "\"BU99010002\";2345;5555;23.5;27.5", "\"WK990101  \";2055;5000;18.0;29.0",
                                     "\"BU99010100\";2055;5000;18.0;29.0"}));
    ASSERT_EQ(f.rt.wijkdata->import_file(table).outcome, services::ImportOutcome::Imported);
    std::string q = "?gemeente=GM9901&jaar=2021&indicator=Pct_7&indicator=Pct_8&indicator=Aantal_6&ontbrekend=beschikbaar";
    std::vector<std::string> targets;
    for (std::string p : {"kansenindex", "verdeling", "verdeling.csv", "robuustheid", "ongelijkheid", "vergelijkbaar"})
        for (std::string level : {"buurt", "wijk"}) targets.push_back("/ongelijk-investeren/" + p + q + "&niveau=" + level);
    targets.push_back("/api/v1/ongelijk/kansenindex" + q);
    targets.push_back("/api/v1/ongelijk/verdeling" + q);
    targets.push_back("/api/v1/ongelijk/verdeling" + q + "&format=csv");
    for (const auto& t : targets) {
        auto r = f.get(t);
        ASSERT_LT(r.status, 400) << t << "\n" << r.body.substr(0, 400);
        for (const char* hidden : {"4321", "4.321", "61,73", "61.73", "1234", "1.234"})
            EXPECT_EQ(r.body.find(hidden), std::string::npos) << hidden << " leaked through " << t;
    }
}

}  // namespace
}  // namespace gezondin::testing
