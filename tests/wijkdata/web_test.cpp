// Wijkdata pages and API through App::handle, and the privacy walk over every output path.

#include <zip.h>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "../web/fixture.h"
#include "services/wijkdata.h"
#include "web/http/url.h"
#include "wijk_fixture.h"

namespace gezondin::testing {

web::Params WebFixture::parse(const std::string& qs) { return web::parse_query_string(qs).value_or(web::Params{}); }

namespace {

using services::ImportOutcome;

// Testmond (GM9901 in the web fixture): two wijken, four buurten. BU99010001 has 43 inhabitants
// (all its values hidden); its count 4321 and share 61.73 and, by complementary suppression,
// the 1234 inhabitants of BU99010000 must never appear anywhere.
std::string privacy_table() {
    return typed_dataset("\"AantalInwoners_5\";\"Aantal_6\";\"Pct_7\"",
                         {"\"GM9901    \";5677;14883;20.5", "\"WK990100  \";3622;9883;22.5", "\"BU99010000\";1234;7;19.5",
                          "\"BU99010001\";43;4321;61.73", "\"BU99010002\";2345;5555;23.5", "\"WK990101  \";2055;5000;18.0",
                          "\"BU99010100\";2055;5000;18.0"});
}

std::string square(const std::string& code, double x) {
    return R"({"type":"Feature","properties":{"statcode":")" + code + R"("},"geometry":{"type":"Polygon","coordinates":[[[)" +
           std::to_string(x) + ",52.0],[" + std::to_string(x + 0.01) + ",52.0],[" + std::to_string(x + 0.01) + ",52.01],[" +
           std::to_string(x) + ",52.01],[" + std::to_string(x) + ",52.0]]]}}";
}

struct WijkWeb : WebFixture {
    WijkWeb() {
        EXPECT_TRUE(rt.wijkdata->load());
        app->set_wijkdata(rt.wijkdata.get());
        auto table = std::filesystem::path(dir) / "privacy_2021_TypedDataSet.csv";
        write_file(table, privacy_table());
        auto r = rt.wijkdata->import_file(table);
        EXPECT_EQ(r.outcome, ImportOutcome::Imported) << (r.error ? r.error->message() : "");
        std::string buurten = R"({"type":"FeatureCollection","features":[)" + square("BU99010000", 4.0) + "," +
                              square("BU99010001", 4.01) + "," + square("BU99010002", 4.02) + "," + square("BU99010100", 4.03) + "]}";
        std::string wijken = R"({"type":"FeatureCollection","features":[)" + square("WK990100", 4.0) + "," + square("WK990101", 4.03) + "]}";
        EXPECT_EQ(rt.wijkdata->import_boundaries_text("buurten.geojson", buurten, 2021).outcome, ImportOutcome::Imported);
        EXPECT_EQ(rt.wijkdata->import_boundaries_text("wijken.geojson", wijken, 2021).outcome, ImportOutcome::Imported);
    }
};

std::string unzip_all(const std::string& bytes) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!z) return "";
    std::string out;
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
        zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
        char buf[4096];
        zip_int64_t n;
        while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
        zip_fclose(f);
    }
    zip_close(z);
    return out;
}

TEST(WijkdataWeb, NoHiddenValueLeavesThroughAnyOutputPath) {
    WijkWeb f;
    std::vector<std::string> targets = {"/wijkdata", "/wijkdata?jaar=2021", "/wijkdata/vergelijk?gemeente=GM9901&jaar=2021",
                                        "/api/v1/values", "/api/v1/values?format=csv", "/api/v1/values?niveau=buurt&per_pagina=1",
                                        "/api/v1/areas", "/api/v1/indicators"};
    for (std::string code : {"GM9901", "WK990100", "WK990101", "BU99010000", "BU99010001", "BU99010002", "BU99010100"})
        for (std::string suffix : {"", "/profiel.csv", "/profiel.xlsx"}) targets.push_back("/wijkdata/gebied/" + code + suffix + "?jaar=2021");
    for (std::string ind : {"AantalInwoners_5", "Aantal_6", "Pct_7"})
        for (std::string level : {"gemeente", "wijk", "buurt"})
            for (std::string method : {"kwantielen", "gelijk"})
                targets.push_back("/wijkdata/kaart?gemeente=GM9901&jaar=2021&indicator=" + ind + "&niveau=" + level + "&indeling=" + method);
    int maps = 0;
    for (const auto& t : targets) {
        auto r = f.get(t);
        ASSERT_LT(r.status, 400) << t << "\n" << r.body.substr(0, 400);
        std::string body = t.find(".xlsx") != std::string::npos ? unzip_all(r.body) : r.body;
        ASSERT_FALSE(body.empty()) << t;
        for (const char* hidden : {"4321", "4.321", "61,73", "61.73", "1234", "1.234"})
            EXPECT_EQ(body.find(hidden), std::string::npos) << hidden << " leaked through " << t;
        maps += body.find("klasse-") != std::string::npos ? 1 : 0;
    }
    EXPECT_GE(maps, 12);   // every map page drew its map
    EXPECT_NE(f.get("/wijkdata/gebied/BU99010001?jaar=2021").body.find("geheim"), std::string::npos);
}

TEST(WijkdataWeb, ProfilePageHasChartTableDownloadsAndExamples) {
    WijkWeb f;
    auto r = f.get("/wijkdata/gebied/GM9901?jaar=2021");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<svg"), std::string::npos);
    EXPECT_NE(r.body.find("<table"), std::string::npos);
    EXPECT_NE(r.body.find("/wijkdata/gebied/GM9901/profiel.xlsx?jaar=2021"), std::string::npos);
    EXPECT_NE(r.body.find("Buurtkamers tegen eenzaamheid"), std::string::npos);   // the fixture's GM9901 item
    EXPECT_EQ(r.body.find("style=\""), std::string::npos);
    auto csv = f.get("/wijkdata/gebied/BU99010002/profiel.csv?jaar=2021");
    EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_NE(csv.body.find("BU99010002;"), std::string::npos);
    auto xlsx = f.get("/wijkdata/gebied/BU99010002/profiel.xlsx?jaar=2021");
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST(WijkdataWeb, KennisbankItemLinksToTheMunicipalityProfile) {
    WijkWeb f;
    auto item = f.get("/kennisbank/1");
    if (item.status == 301) item = f.get(std::string(item.header("Location")));
    ASSERT_EQ(item.status, 200);
    EXPECT_NE(item.body.find("/wijkdata/gebied/GM9901"), std::string::npos);
}

TEST(WijkdataWeb, ApiFiltersPagesAndAnswersProblemsAsJson) {
    WijkWeb f;
    auto v = f.get("/api/v1/values?niveau=buurt&ouder=WK990100&indicator=Pct_7&jaar=2021");
    ASSERT_EQ(v.status, 200);
    auto j = nlohmann::json::parse(v.body);
    EXPECT_EQ(j["total"], 3);
    EXPECT_EQ(j["values"][0]["code"], "BU99010000");
    EXPECT_EQ(j["values"][1]["status"], "geheim");
    EXPECT_TRUE(j["values"][1]["value"].is_null());
    auto page = nlohmann::json::parse(f.get("/api/v1/areas?per_pagina=2&pagina=2").body);
    EXPECT_EQ(page["areas"].size(), 2u);
    EXPECT_TRUE(page["_links"].contains("next"));
    auto bad = f.get("/api/v1/values?niveau=straat&jaar=abc");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.header("Content-Type"), "application/problem+json");
    EXPECT_EQ(nlohmann::json::parse(bad.body)["errors"].size(), 2u);
    EXPECT_EQ(f.get("/api/v1/values?indicator=Onbekend_1").status, 404);
    EXPECT_EQ(f.get("/wijkdata/gebied/BU00000000").status, 404);
}

TEST(WijkdataWeb, ComparePageShowsTheChosenMunicipalities) {
    WijkWeb f;
    auto r = f.get("/wijkdata/vergelijk?gemeente=GM9901&met=GM0000&jaar=2021");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("GM0000"), std::string::npos);   // reported as without data
    EXPECT_NE(r.body.find("/wijkdata/gebied/GM9901?jaar=2021"), std::string::npos);
}

TEST(WijkdataWeb, DemoMunicipalityIsMarkedFictitiousAndHasSecrets) {
    WijkWeb f;
    for (const auto& r : services::import_demo_data(*f.rt.wijkdata)) EXPECT_NE(r.outcome, ImportOutcome::Refused) << r.file;
    for (const auto& r : services::import_demo_data(*f.rt.wijkdata)) EXPECT_EQ(r.outcome, ImportOutcome::Unchanged) << r.file;
    auto p = f.rt.wijkdata->profile("GM9901", 2023).value();
    EXPECT_TRUE(p.fictitious);
    EXPECT_EQ(p.children.size(), 8u);
    EXPECT_EQ(f.rt.wijkdata->areas(2023, stats::AreaLevel::Buurt, "GM9901").value().areas.size(), 30u);
    auto page = f.get("/wijkdata/kaart?gemeente=GM9901&niveau=buurt&jaar=2023&indicator=fictief_eenzaam");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("notice demo"), std::string::npos);
    EXPECT_NE(page.body.find("klasse-"), std::string::npos);
    auto api = f.get("/api/v1/values?niveau=buurt&jaar=2023&indicator=fictief_inwoners");
    EXPECT_NE(api.body.find("\"geheim\""), std::string::npos);
    auto trend = f.get("/wijkdata/gebied/BU99010000?jaar=2023");
    EXPECT_NE(trend.body.find("2022: "), std::string::npos);
}

}  // namespace
}  // namespace gezondin::testing
