// Wijkdata through App::handle with the page cache off: a full area profile page (target
// <= 5 ms) and the values API for all buurten of one indicator (target >= 200 requests/s), on
// the Amsterdam 2019 tables (84583NED + 85163NED) and the fictitious demo municipality.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <random>

#include <unistd.h>

#include "main/runtime.h"
#include "web/app.h"
#include "web/render/renderer.h"

namespace {

using namespace gezondin;

struct World {
    std::string dir;
    app::Runtime rt;
    std::unique_ptr<web::Renderer> renderer;
    std::unique_ptr<web::App> app;

    World() {
        dir = (std::filesystem::temp_directory_path() / ("gezondin-wijkbench-" + std::to_string(::getpid()))).string();
        app::Settings s;
        s.data_dir = dir;
        rt = std::move(app::open_runtime(s, app::IndexMode::Required).value());
        (void)rt.wijkdata->load();
        std::string base = GEZONDIN_SHARED_DATA;
        for (const char* f : {"/cbs_kwb_84583NED_2019/amsterdam_2019_marginal_distributions_84583NED.csv",
                              "/cbs_ses_woa_85163NED_amsterdam_2019/SES_WOA_scores_per_wijk_en_buurt_25042023_160857.csv"})
            if (rt.wijkdata->import_file(base + f).outcome == services::ImportOutcome::Refused) std::cerr << "refused " << f << "\n";
        services::import_demo_data(*rt.wijkdata);
        renderer = std::move(web::Renderer::load().value());
        web::AppConfig config;
        config.page_cache_entries = 0;
        app = std::make_unique<web::App>(*rt.kennisbank, *renderer, config);
        app->set_wijkdata(rt.wijkdata.get());
        app->set_ready(true);
    }
    ~World() {
        app.reset();
        rt = app::Runtime{};
        std::filesystem::remove_all(dir);
    }

    web::Response get(const std::string& path, const web::Params& query) {
        web::Request r;
        r.method = "GET";
        r.path = path;
        r.target = path;
        r.query = query;
        return app->handle(r);
    }
};

World& world() {
    static World w;
    return w;
}

void BM_ProfilePageAmsterdamBuurt(benchmark::State& state) {
    auto& w = world();
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto r = w.get("/wijkdata/gebied/BU03630000", {{"jaar", "2019"}});
        if (r.status != 200) state.SkipWithError("status");
        bytes = r.body.size();
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ProfilePageAmsterdamBuurt)->Unit(benchmark::kMillisecond);

void BM_ProfilePageAmsterdamGemeente(benchmark::State& state) {
    auto& w = world();
    for (auto _ : state)
        if (w.get("/wijkdata/gebied/GM0363", {{"jaar", "2019"}}).status != 200) state.SkipWithError("status");
}
BENCHMARK(BM_ProfilePageAmsterdamGemeente)->Unit(benchmark::kMillisecond);

void BM_ValuesApiAllBuurtenOneIndicatorJson(benchmark::State& state) {
    auto& w = world();
    for (auto _ : state)
        if (w.get("/api/v1/values", {{"jaar", "2019"}, {"niveau", "buurt"}, {"indicator", "AantalInwoners_5"}}).status != 200)
            state.SkipWithError("status");
    state.counters["req_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ValuesApiAllBuurtenOneIndicatorJson)->Unit(benchmark::kMillisecond);

void BM_ValuesApiAllBuurtenOneIndicatorCsv(benchmark::State& state) {
    auto& w = world();
    for (auto _ : state)
        if (w.get("/api/v1/values", {{"jaar", "2019"}, {"niveau", "buurt"}, {"indicator", "AantalInwoners_5"}, {"format", "csv"}}).status != 200)
            state.SkipWithError("status");
    state.counters["req_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ValuesApiAllBuurtenOneIndicatorCsv)->Unit(benchmark::kMillisecond);

void BM_MapPageDemoBuurten(benchmark::State& state) {
    auto& w = world();
    for (auto _ : state)
        if (w.get("/wijkdata/kaart", {{"gemeente", "GM9901"}, {"niveau", "buurt"}, {"jaar", "2023"}, {"indicator", "fictief_eenzaam"}}).status != 200)
            state.SkipWithError("status");
}
BENCHMARK(BM_MapPageDemoBuurten)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
