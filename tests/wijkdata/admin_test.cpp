// Wijkdata administration through App::handle with real sessions: permissions, the indicator
// edit form (CSRF, validation, audit, survival of a re-import) and the upload page (multipart,
// per-route body limit, full error report, nothing half-imported). Also the gemeente map.

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "../web/fixture.h"
#include "core/messages.h"
#include "geo/map_geometry.h"
#include "services/community/accounts.h"
#include "services/community/administration.h"
#include "services/community/clock.h"
#include "services/community/passwords.h"
#include "services/community/worker_pool.h"
#include "services/wijkdata.h"
#include "storage/community.h"
#include "web/http/url.h"
#include "web/session.h"
#include "wijk_fixture.h"

namespace gezondin::testing {

web::Params WebFixture::parse(const std::string& qs) { return web::parse_query_string(qs).value_or(web::Params{}); }

namespace {

using services::ImportOutcome;

std::string two_gemeenten(const std::string& laag_a = "12.5") {
    return typed_dataset("\"AantalInwoners_5\";\"Laag_6\"",
                         {"\"GM9901    \";5000;" + laag_a, "\"WK990100  \";5000;12.0", "\"BU99010000\";5000;12.0",
                          "\"GM9902    \";8000;20.5", "\"WK990200  \";8000;20.5", "\"BU99020000\";8000;20.5"});
}

std::string square(const std::string& code, double x) {
    return R"({"type":"Feature","properties":{"statcode":")" + code + R"("},"geometry":{"type":"Polygon","coordinates":[[[)" +
           std::to_string(x) + ",52.0],[" + std::to_string(x + 0.1) + ",52.0],[" + std::to_string(x + 0.1) + ",52.1],[" +
           std::to_string(x) + ",52.1],[" + std::to_string(x) + ",52.0]]]}}";
}

std::string gemeente_boundaries() {
    return R"({"type":"FeatureCollection","features":[)" + square("GM9901", 4.0) + "," + square("GM9902", 4.1) + "]}";
}

const std::string kBoundary = "----wijkdataTestBoundary7Q";

struct Upload {
    std::string name, filename, data;
};

std::string multipart_body(const std::vector<Upload>& parts) {
    std::string body;
    for (const auto& p : parts) {
        body += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
        if (!p.filename.empty()) body += "; filename=\"" + p.filename + "\"\r\nContent-Type: application/octet-stream";
        body += "\r\n\r\n" + p.data + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
}

// The web fixture plus the community services, so requests can carry a real session.
struct AdminWeb {
    WebFixture web;
    services::FakeClock clock;
    std::unique_ptr<storage::CommunityDatabase> db;
    std::unique_ptr<services::PasswordHasher> hasher;
    std::unique_ptr<services::WorkerPool> pool;
    std::unique_ptr<services::HashWorkerPool> hashing;
    std::unique_ptr<services::Accounts> accounts;
    std::unique_ptr<services::Administration> administration;
    std::vector<domain::AuditEntry> audit;

    explicit AdminWeb(web::AppConfig config = {}) {
        db = storage::open_community_database(web.dir + "/gezondin.db", 2).value();
        hasher = std::make_unique<services::PasswordHasher>(services::HashLimits::minimum());
        pool = std::make_unique<services::WorkerPool>(0, 64);
        hashing = std::make_unique<services::HashWorkerPool>(*hasher, *pool);
        accounts = std::make_unique<services::Accounts>(*db, *hashing, services::CommonPasswords::builtin(), clock);
        administration = std::make_unique<services::Administration>(*db, clock);
        web.app = std::make_unique<web::App>(*web.rt.kennisbank, *web.renderer, config);
        web.app->set_ready(true);
        EXPECT_TRUE(web.rt.wijkdata->load());
        web.rt.wijkdata->set_audit([this](const domain::AuditEntry& e) { audit.push_back(e); });
        web.app->set_wijkdata(web.rt.wijkdata.get());
        web.app->set_community(accounts.get(), administration.get());
        auto table = std::filesystem::path(web.dir) / "twee_2021_TypedDataSet.csv";
        write_file(table, two_gemeenten());
        auto r = web.rt.wijkdata->import_file(table);
        EXPECT_EQ(r.outcome, ImportOutcome::Imported) << (r.error ? r.error->message() : "");
    }
    ~AdminWeb() {
        web.app->set_community(nullptr, nullptr);
        pool.reset();
    }

    // A logged-in session of a new account with this role: the cookie value and CSRF secret.
    web::Params login(domain::Role role) {
        static int n = 0;
        std::string email = "persoon" + std::to_string(++n) + "@example.org";
        EXPECT_TRUE(accounts->create_confirmed_account("Persoon " + std::to_string(n), email, "een lang wachtwoord", role));
        std::optional<services::SessionGrant> grant;
        accounts->login({email, "een lang wachtwoord", "192.0.2.1", "test", ""}, [&](services::LoginResult r) {
            if (r.session) grant = *r.session;
        });
        EXPECT_TRUE(grant);
        if (!grant) return {};
        return {{"cookie", std::string(web::session_cookie_name) + "=" + grant->token}, {"csrf", grant->csrf_token}};
    }

    web::Response request(const std::string& method, const std::string& target, const web::Params& who,
                          std::string body = {}, std::string content_type = "application/x-www-form-urlencoded") {
        web::Request r;
        r.method = method;
        r.target = target;
        auto q = target.find('?');
        r.path = target.substr(0, q);
        if (q != std::string::npos) r.query = WebFixture::parse(target.substr(q + 1));
        for (const auto& [k, v] : who)
            if (k == "cookie") r.headers.emplace_back("cookie", v);
        if (method == "POST") r.headers.emplace_back("content-type", content_type);
        r.body = std::move(body);
        return web.app->handle(r);
    }
    web::Response get(const std::string& target, const web::Params& who = {}) { return request("GET", target, who); }
    web::Response post_form(const std::string& target, const web::Params& who, web::Params fields, bool with_csrf = true) {
        if (with_csrf) fields.emplace_back("csrf", web::form_field(who, "csrf"));
        return request("POST", target, who, web::build_query_string(fields));
    }
    web::Response upload(const web::Params& who, std::vector<Upload> parts, bool with_csrf = true) {
        if (with_csrf) parts.insert(parts.begin(), Upload{"csrf", "", web::form_field(who, "csrf")});
        return request("POST", "/wijkdata/beheer/importeren", who, multipart_body(parts),
                       "multipart/form-data; boundary=" + kBoundary);
    }
    std::string label_of(const std::string& key) const {
        auto m = web.rt.wijkdata->indicator(key);
        return m ? m->label : "";
    }
};

// ---- Gemeente map --------------------------------------------------------------------------

TEST(WijkdataGemeenteMap, ShowsEveryGemeenteOfTheYearWithBoundaries) {
    AdminWeb f;
    auto without = f.get("/wijkdata/kaart?niveau=gemeente&indicator=Laag_6&jaar=2021");
    ASSERT_EQ(without.status, 200) << without.body.substr(0, 300);
    EXPECT_EQ(without.body.find("klasse-"), std::string::npos);
    EXPECT_NE(without.body.find("GM9902"), std::string::npos);   // the table is there without boundaries
    ASSERT_EQ(f.web.rt.wijkdata->import_boundaries_text("gemeenten.geojson", gemeente_boundaries(), 2021).outcome,
              ImportOutcome::Imported);
    auto data = f.web.rt.wijkdata->map_data(stats::AreaLevel::Gemeente, "Laag_6", "", 2021);
    ASSERT_TRUE(data) << data.error().message();
    ASSERT_EQ(data->values.size(), 2u);
    ASSERT_TRUE(data->map);
    EXPECT_EQ(data->map->codes.size(), 2u);
    auto page = f.get("/wijkdata/kaart?niveau=gemeente&indicator=Laag_6&jaar=2021");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("klasse-"), std::string::npos);
    EXPECT_NE(page.body.find("per gemeente"), std::string::npos);
    EXPECT_NE(page.body.find("/wijkdata/gebied/GM9901?jaar=2021"), std::string::npos);   // each area opens its profile
    EXPECT_NE(page.body.find("/wijkdata/gebied/GM9902?jaar=2021"), std::string::npos);
    EXPECT_NE(page.body.find("20,5"), std::string::npos);
    // The wijk map still works, and without a gemeente it starts with the first one.
    EXPECT_EQ(f.get("/wijkdata/kaart?niveau=wijk&indicator=Laag_6&jaar=2021").status, 200);
    EXPECT_EQ(f.get("/wijkdata/kaart?niveau=land&indicator=Laag_6&jaar=2021").status, 400);
}

TEST(WijkdataGemeenteMap, DemoYearShowsItsOneGemeente) {
    AdminWeb f;
    for (const auto& r : services::import_demo_data(*f.web.rt.wijkdata)) EXPECT_NE(r.outcome, ImportOutcome::Refused) << r.file;
    auto page = f.get("/wijkdata/kaart?niveau=gemeente&indicator=fictief_eenzaam&jaar=2023");
    ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
    EXPECT_NE(page.body.find("notice demo"), std::string::npos);
    EXPECT_NE(page.body.find("maar één gemeente"), std::string::npos);
    EXPECT_NE(page.body.find("klasse-"), std::string::npos);
    EXPECT_NE(page.body.find("Havenwaard"), std::string::npos);
}

TEST(WijkdataGemeenteMap, NationalKwb2024WithGemeenteBoundaries2024) {
    auto table = shared_data() / "cbs_statline_exports_2024_2025/Kerncijfers_wijken_en_buurten_2024_geslachten.csv";
    auto borders = shared_data() / "rivm_gmjv2024_50140NED_and_geo2024/gemeente_gegeneraliseerd_2024.geojson";
    if (!std::filesystem::exists(table) || !std::filesystem::exists(borders))
        GTEST_SKIP() << "KWB 2024 or gemeente boundaries 2024 not found under " << shared_data();
    WijkService s;
    auto t = s.wd->import_file(table);
    ASSERT_NE(t.outcome, ImportOutcome::Refused) << (t.error ? t.error->message() : "");
    auto b = s.wd->import_file(borders);
    ASSERT_NE(b.outcome, ImportOutcome::Refused) << (b.error ? b.error->message() : "");
    EXPECT_EQ(b.year, 2024);
    auto indicators = s.wd->indicators(2024);
    ASSERT_FALSE(indicators.empty());
    auto data = s.wd->map_data(stats::AreaLevel::Gemeente, indicators.front().key, "", 2024);
    ASSERT_TRUE(data) << data.error().message();
    EXPECT_EQ(data->values.size(), 342u);
    ASSERT_TRUE(data->map);
    EXPECT_EQ(data->map->codes.size(), 342u);   // every gemeente of the table has a border
}

// ---- Permissions ---------------------------------------------------------------------------

TEST(WijkdataAdmin, AnonymousGoesToLoginAndOthersGet403) {
    AdminWeb f;
    for (std::string path : {"/wijkdata/beheer", "/wijkdata/beheer/cijfers", "/wijkdata/beheer/cijfers/Laag_6",
                             "/wijkdata/beheer/importeren"}) {
        auto r = f.get(path);
        EXPECT_EQ(r.status, 303) << path;
        EXPECT_EQ(r.header("Location"), "/account/inloggen") << path;
    }
    EXPECT_EQ(f.post_form("/wijkdata/beheer/cijfers/Laag_6", {}, {{"label", "x"}}).status, 303);
    auto lid = f.login(domain::Role::Lid);
    EXPECT_EQ(f.get("/wijkdata/beheer/cijfers", lid).status, 403);
    EXPECT_EQ(f.get("/wijkdata/beheer/importeren", lid).status, 403);
    EXPECT_EQ(f.upload(lid, {{"bestand", "x_2021_TypedDataSet.csv", two_gemeenten("1.0")}}).status, 403);
    auto redacteur = f.login(domain::Role::Redacteur);
    EXPECT_EQ(f.get("/wijkdata/beheer/cijfers", redacteur).status, 200);
    EXPECT_EQ(f.get("/wijkdata/beheer/importeren", redacteur).status, 403);
    auto beheerder = f.login(domain::Role::Beheerder);
    auto list = f.get("/wijkdata/beheer/cijfers", beheerder);
    EXPECT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("/wijkdata/beheer/importeren"), std::string::npos);
    EXPECT_EQ(f.get("/wijkdata/beheer/importeren", beheerder).status, 200);
    EXPECT_EQ(f.request("DELETE", "/wijkdata/beheer/importeren", beheerder).status, 405);
    EXPECT_EQ(f.get("/wijkdata/beheer/onbekend", beheerder).status, 404);
    EXPECT_EQ(f.get("/wijkdata/beheer/cijfers/Onbekend_1", beheerder).status, 404);
    EXPECT_TRUE(services::may({1, domain::Role::Redacteur}, services::WijkdataAction::EditIndicators));
    EXPECT_FALSE(services::may({0, domain::Role::Beheerder}, services::WijkdataAction::EditIndicators));
}

// ---- Indicator texts -----------------------------------------------------------------------

TEST(WijkdataAdmin, EditFormChecksCsrfAndValidatesInDutch) {
    AdminWeb f;
    auto who = f.login(domain::Role::Redacteur);
    const std::string before = f.label_of("Laag_6");
    auto form = f.get("/wijkdata/beheer/cijfers/Laag_6", who);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("name=\"csrf\" value=\"" + web::form_field(who, "csrf") + "\""), std::string::npos);
    auto no_token = f.post_form("/wijkdata/beheer/cijfers/Laag_6", who,
                                {{"label", "Nieuw"}, {"unit", "%"}, {"direction", "hoger-is-slechter"}, {"source", "CBS"}}, false);
    EXPECT_EQ(no_token.status, 403);
    EXPECT_EQ(f.label_of("Laag_6"), before);
    auto bad = f.post_form("/wijkdata/beheer/cijfers/Laag_6", who,
                           {{"label", "  "}, {"unit", std::string(41, 'x')}, {"direction", "omhoog"}, {"source", "CBS\nX"}});
    EXPECT_EQ(bad.status, 400);
    for (const char* id : {"label-fout", "eenheid-fout", "richting-fout", "bron-fout"})
        EXPECT_NE(bad.body.find(id), std::string::npos) << id;
    EXPECT_NE(bad.body.find("aria-invalid=\"true\""), std::string::npos);
    EXPECT_NE(bad.body.find(std::string(core::msg("wijkdata.edit.label_empty"))), std::string::npos);
    EXPECT_EQ(f.label_of("Laag_6"), before);
    EXPECT_TRUE(f.audit.empty());
    auto hostile = f.post_form("/wijkdata/beheer/cijfers/Laag_6", who,
                               {{"label", "<script>alert(1)</script>"}, {"unit", "%"}, {"direction", "onbekend"}, {"source", "CBS"}});
    EXPECT_EQ(hostile.status, 303);
    auto list = f.get("/wijkdata/beheer/cijfers", who);
    EXPECT_EQ(list.body.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(list.body.find("&lt;script&gt;"), std::string::npos);
}

TEST(WijkdataAdmin, EditIsShownEverywhereAuditedAndSurvivesAReimport) {
    AdminWeb f;
    auto who = f.login(domain::Role::Beheerder);
    auto saved = f.post_form("/wijkdata/beheer/cijfers/Laag_6", who,
                             {{"label", "Huishoudens met een laag inkomen"}, {"unit", "%"},
                              {"direction", "hoger-is-slechter"}, {"source", "CBS, bewerkt door de gemeente"}});
    ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 400);
    EXPECT_EQ(saved.header("Location"), "/wijkdata/beheer/cijfers?bewaard=Laag_6");
    auto list = f.get(std::string(saved.header("Location")), who);
    EXPECT_NE(list.body.find("Huishoudens met een laag inkomen"), std::string::npos);
    ASSERT_EQ(f.audit.size(), 1u);
    EXPECT_EQ(f.audit[0].action, "wijkdata.indicator");
    EXPECT_EQ(f.audit[0].target, "indicator:Laag_6");
    EXPECT_NE(f.audit[0].detail.find("direction"), std::string::npos);
    EXPECT_GT(f.audit[0].actor, 0);
    auto meta = f.web.rt.wijkdata->indicator("Laag_6").value();
    EXPECT_EQ(meta.direction, storage::IndicatorDirection::HigherIsWorse);
    EXPECT_TRUE(meta.edited);
    auto api = nlohmann::json::parse(f.get("/api/v1/indicators?jaar=2021").body);
    EXPECT_NE(api.dump().find("Huishoudens met een laag inkomen"), std::string::npos);
    // A newer file of the same table and year replaces the values, not the edited texts.
    auto newer = std::filesystem::path(f.web.dir) / "twee_2021_TypedDataSet.csv";
    write_file(newer, two_gemeenten("13.5"));
    auto r = f.web.rt.wijkdata->import_file(newer);
    ASSERT_EQ(r.outcome, ImportOutcome::Replaced) << (r.error ? r.error->message() : "");
    EXPECT_EQ(f.label_of("Laag_6"), "Huishoudens met een laag inkomen");
    EXPECT_EQ(f.web.rt.wijkdata->indicator("Laag_6")->source, "CBS, bewerkt door de gemeente");
    auto profile = f.get("/wijkdata/gebied/GM9901?jaar=2021");
    EXPECT_NE(profile.body.find("Huishoudens met een laag inkomen"), std::string::npos);
    EXPECT_NE(profile.body.find("13,5"), std::string::npos);
}

// ---- Upload --------------------------------------------------------------------------------

TEST(WijkdataUpload, ImportsATableAndReportsWhatHappened) {
    AdminWeb f;
    auto who = f.login(domain::Role::Beheerder);
    std::string table = typed_dataset("\"AantalInwoners_5\";\"Laag_6\"", {"\"GM9903    \";7000;30.5", "\"WK990300  \";7000;30.5"});
    auto r = f.upload(who, {{"bestand", "derde_2021_TypedDataSet.csv", table}});
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 600);
    EXPECT_NE(r.body.find("is ingelezen"), std::string::npos);
    EXPECT_NE(r.body.find("derde_2021_TypedDataSet.csv"), std::string::npos);
    EXPECT_TRUE(f.web.rt.wijkdata->has_area("GM9903"));
    ASSERT_EQ(f.audit.size(), 1u);
    EXPECT_EQ(f.audit[0].action, "wijkdata.import");
    auto again = f.upload(who, {{"bestand", "derde_2021_TypedDataSet.csv", table}});
    EXPECT_EQ(again.status, 200);
    EXPECT_NE(again.body.find("al precies zo ingelezen"), std::string::npos);
    // Boundaries too, under the base name of a file name with folders in it.
    auto b = f.upload(who, {{"bestand", "../../gemeenten_2021.geojson", gemeente_boundaries()}});
    ASSERT_EQ(b.status, 200) << b.body.substr(0, 600);
    EXPECT_NE(b.body.find("gebiedsgrenzen (gemeente) van 2021"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(f.web.dir).parent_path() / "gemeenten_2021.geojson"));
}

TEST(WijkdataUpload, ABadFileGivesTheFullReportAndChangesNothing) {
    AdminWeb f;
    auto who = f.login(domain::Role::Beheerder);
    auto datasets = f.web.rt.wijkdata->datasets().value().size();
    auto generation = f.web.rt.wijkdata->generation();
    std::string bad = typed_dataset("\"AantalInwoners_5\";\"Laag_6\"",
                                    {"\"GM9903    \";7000;30.5", "\"WK990300  \";7000;dertig"});
    auto r = f.upload(who, {{"bestand", "fout_2021_TypedDataSet.csv", bad}});
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("fout_2021_TypedDataSet.csv"), std::string::npos);
    EXPECT_NE(r.body.find("<td class=\"num\">3</td>"), std::string::npos);   // line 3 in the problem table
    EXPECT_NE(r.body.find("<td>Laag_6</td>"), std::string::npos);           // the column
    EXPECT_NE(r.body.find(std::string(core::msg("wijkdata.upload.nothing_changed"))), std::string::npos);
    EXPECT_EQ(f.web.rt.wijkdata->datasets().value().size(), datasets);
    EXPECT_EQ(f.web.rt.wijkdata->generation(), generation);
    EXPECT_FALSE(f.web.rt.wijkdata->has_area("GM9903"));
    EXPECT_TRUE(f.audit.empty());
}

TEST(WijkdataUpload, RefusesMissingTokenBrokenBodiesAndEmptyChoice) {
    AdminWeb f;
    auto who = f.login(domain::Role::Beheerder);
    auto table = typed_dataset("\"AantalInwoners_5\"", {"\"GM9903    \";7000"});
    EXPECT_EQ(f.upload(who, {{"bestand", "a_2021_TypedDataSet.csv", table}}, false).status, 403);
    EXPECT_FALSE(f.web.rt.wijkdata->has_area("GM9903"));
    std::string truncated = multipart_body({{"csrf", "", web::form_field(who, "csrf")}, {"bestand", "a_2021_TypedDataSet.csv", table}});
    truncated.resize(truncated.size() - 20);
    auto cut = f.request("POST", "/wijkdata/beheer/importeren", who, truncated, "multipart/form-data; boundary=" + kBoundary);
    EXPECT_EQ(cut.status, 400);
    EXPECT_NE(cut.body.find(std::string(core::msg("multipart.truncated"))), std::string::npos);
    EXPECT_EQ(f.request("POST", "/wijkdata/beheer/importeren", who, "a=b").status, 400);   // not multipart
    auto none = f.upload(who, {{"bestand", "", ""}});
    EXPECT_EQ(none.status, 400);
    EXPECT_NE(none.body.find(std::string(core::msg("wijkdata.upload.no_file"))), std::string::npos);
    EXPECT_FALSE(f.web.rt.wijkdata->has_area("GM9903"));
}

TEST(WijkdataUpload, UploadRouteHasItsOwnBodyLimit) {
    web::AppConfig config;
    config.max_body_bytes = 64 * 1024;
    config.max_import_bytes = 512 * 1024;
    AdminWeb f(config);
    auto who = f.login(domain::Role::Beheerder);
    // 200 kB: above the general limit, below the upload limit. JSON may hold any white space.
    std::string padded = gemeente_boundaries();
    padded.insert(padded.size() - 1, std::string(200 * 1024, ' '));
    auto ok = f.upload(who, {{"bestand", "ruim_2021.geojson", padded}});
    EXPECT_EQ(ok.status, 200) << ok.body.substr(0, 400);
    auto elsewhere = f.post_form("/wijkdata/beheer/cijfers/Laag_6", who, {{"label", padded}});
    EXPECT_EQ(elsewhere.status, 413);
    std::string huge(600 * 1024, 'x');
    auto too_big = f.upload(who, {{"bestand", "te_groot_2021.geojson", huge}});
    EXPECT_EQ(too_big.status, 413);
    EXPECT_NE(too_big.body.find("512"), std::string::npos);   // the limit in kB
}

}  // namespace
}  // namespace gezondin::testing
