#pragma once
// A real runtime (SQLite + Xapian in a temporary folder) with a few items, for tests of the
// web layer without sockets.

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include <unistd.h>

#include "main/runtime.h"
#include "web/app.h"
#include "web/render/renderer.h"

namespace gezondin::testing {

inline std::string temp_dir(const std::string& prefix) {
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() / (prefix + std::to_string(rd()) + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir.string();
}

inline const char* fixture_items() {
    return R"JSON({"external_id":"t-1","type":"praktijkvoorbeeld","title":"Buurtkamers tegen eenzaamheid in de wijken","summary":"Een gemeente opent buurtkamers waar ouderen elkaar ontmoeten.","body":"## Aanpak\nDe gemeente werkt met sleutelpersonen en het wijkteam.\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1))","date":"2024-03-12","themes":["eenzaamheid","ouderen"],"gala_goals":[3,6],"tracks":["sociale-omgeving"],"level":"lokaal","municipality":"GM9901","links":[{"url":"https://example.org/buurtkamer","title":"Meer over buurtkamers"}]}
{"external_id":"t-2","type":"instrument","title":"Stappenplan voor het GALA-plan","summary":"Zo schrijft u een plan voor het Gezond en Actief Leven Akkoord.","body":"Gemeenten gebruiken dit stappenplan voor gezondheidsverschillen.","date":"2023-05-01","themes":["integraal-werken"],"gala_goals":[1,7],"tracks":["preventie-en-zorg"],"level":"landelijk","municipality":"","links":[]}
{"external_id":"t-3","type":"verslag","title":"Verslag intervisie schulden en armoede","summary":"Gemeenten bespraken knelpunten bij schuldhulp.","body":"De GGD en de gemeente werkten samen aan **bestaanszekerheid**.","date":"2025-09-30","themes":["armoede-en-schulden"],"gala_goals":[1],"tracks":["participatie"],"level":"regionaal","municipality":"GM9902","links":[]}
)JSON";
}

inline const char* fixture_gemeenten() {
    return "Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam\n"
           "9901,GM9901,Testmond,27,PV27,Noord-Holland\n"
           "9902,GM9902,Proefdam,30,PV30,Noord-Brabant\n";
}

// Opens a runtime in a fresh folder and loads the fixture.
struct WebFixture {
    std::string dir = temp_dir("gezondin-web-");
    app::Runtime rt;
    std::unique_ptr<web::Renderer> renderer;
    std::unique_ptr<web::App> app;

    WebFixture() {
        app::Settings s;
        s.data_dir = dir;
        rt = std::move(app::open_runtime(s, app::IndexMode::Required).value());
        (void)rt.kennisbank->import_municipalities_csv(fixture_gemeenten()).value();
        (void)rt.kennisbank->import_items_jsonl(fixture_items()).value();
        renderer = std::move(web::Renderer::load().value());
        app = std::make_unique<web::App>(*rt.kennisbank, *renderer, web::AppConfig{});
        app->set_ready(true);
    }
    ~WebFixture() {
        app.reset();
        rt = app::Runtime{};
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }

    web::Response get(const std::string& target, web::Params headers = {}) {
        web::Request r;
        r.method = "GET";
        r.target = target;
        auto q = target.find('?');
        r.path = target.substr(0, q);
        if (q != std::string::npos) r.query = parse(target.substr(q + 1));
        r.headers = std::move(headers);
        return app->handle(r);
    }

    static web::Params parse(const std::string& qs);
};

}  // namespace gezondin::testing
