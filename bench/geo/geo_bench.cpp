// Benchmarks for src/geo on the largest boundary file in ../shared/data: the 11,691 buurten of
// 2014 (TopoJSON, 2.9 MB). Target (issue 4): an SVG of all buurten in <= 200 ms and <= 2 MB.
// Data folder: $GEZONDIN_SHARED_DATA, else the shared/data folder beside the source tree.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "geo/choropleth.h"
#include "geo/readers.h"

namespace gezondin::geo::bench {
namespace {

std::string buurt_file() {
    const char* env = std::getenv("GEZONDIN_SHARED_DATA");
    std::string dir = env ? env : GEZONDIN_SHARED_DATA_DEFAULT;
    return dir + "/geo_cbs_gebiedsindelingen_2014_2015_topojson/Buurt_2014_layer_q1e3.json";
}

const std::string& buurt_text() {
    static const std::string text = [] {
        std::ifstream in(buurt_file(), std::ios::binary);
        if (!in) {
            std::cerr << "geo_bench: cannot open " << buurt_file() << "; set GEZONDIN_SHARED_DATA\n";
            std::exit(1);
        }
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }();
    return text;
}

const BoundarySet& buurten() {
    static const BoundarySet set = [] {
        ReadOptions options;
        options.year = 2014;
        return *read_topojson(buurt_text(), options);
    }();
    return set;
}

// A fictitious indicator: every 17th buurt secret, every 23rd missing.
std::vector<AreaValue> indicator(const BoundarySet& set) {
    std::vector<AreaValue> values;
    values.reserve(set.areas.size());
    for (std::size_t i = 0; i < set.areas.size(); ++i) {
        ValueStatus status = i % 17 == 0 ? ValueStatus::Secret : i % 23 == 0 ? ValueStatus::Missing : ValueStatus::Value;
        values.push_back({set.areas[i].code, status, static_cast<double>((i * 7919) % 1000) / 10.0, ""});
    }
    return values;
}

ChoroplethOptions chart_options() {
    ChoroplethOptions o;
    o.title = "Voorbeeldindicator per buurt, 2014 (fictief)";
    o.unit = "%";
    o.href_template = "/wijkdata/buurt/{code}";
    return o;
}

void report(benchmark::State& state, const Choropleth& c, const PreparedMap& map) {
    std::size_t drawn = 0;
    for (const auto& a : c.areas) drawn += a.drawn ? 1 : 0;
    state.counters["svg_bytes"] = static_cast<double>(c.svg.size());
    state.counters["areas_drawn"] = static_cast<double>(drawn);
    state.counters["points_in"] = static_cast<double>(map.points_in);
    state.counters["points_out"] = static_cast<double>(map.points_out);
}

void BM_ReadTopoJsonBuurten(benchmark::State& state) {
    const auto& text = buurt_text();
    for (auto _ : state) benchmark::DoNotOptimize(read_topojson(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ReadTopoJsonBuurten)->Unit(benchmark::kMillisecond);

void BM_PrepareBuurtMap(benchmark::State& state) {
    const auto& set = buurten();
    for (auto _ : state) benchmark::DoNotOptimize(prepare_map(set));
}
BENCHMARK(BM_PrepareBuurtMap)->Unit(benchmark::kMillisecond);

void BM_RenderPreparedBuurtMap(benchmark::State& state) {
    const auto& set = buurten();
    auto map = *prepare_map(set);
    auto values = indicator(set);
    auto options = chart_options();
    Choropleth last;
    for (auto _ : state) last = *render_choropleth(map, values, options);
    report(state, last, map);
}
BENCHMARK(BM_RenderPreparedBuurtMap)->Unit(benchmark::kMillisecond);

// Parse excluded: boundaries already in memory, prepare + render per map.
void BM_PrepareAndRenderBuurtMap(benchmark::State& state) {
    const auto& set = buurten();
    auto values = indicator(set);
    auto options = chart_options();
    Choropleth last;
    PreparedMap map;
    for (auto _ : state) {
        map = *prepare_map(set);
        last = *render_choropleth(map, values, options);
    }
    report(state, last, map);
}
BENCHMARK(BM_PrepareAndRenderBuurtMap)->Unit(benchmark::kMillisecond);

// Parse included: from the TopoJSON text to the SVG string.
void BM_ReadPrepareAndRenderBuurtMap(benchmark::State& state) {
    const auto& text = buurt_text();
    auto values = indicator(buurten());
    auto options = chart_options();
    Choropleth last;
    PreparedMap map;
    for (auto _ : state) {
        auto set = *read_topojson(text);
        map = *prepare_map(set);
        last = *render_choropleth(map, values, options);
    }
    report(state, last, map);
}
BENCHMARK(BM_ReadPrepareAndRenderBuurtMap)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gezondin::geo::bench

int main(int argc, char** argv) {
    using namespace gezondin::geo;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--svg=", 6) != 0) continue;
        auto map = *prepare_map(bench::buurten());
        auto c = *render_choropleth(map, bench::indicator(bench::buurten()), bench::chart_options());
        std::ofstream(argv[i] + 6, std::ios::binary) << c.svg;
        std::cout << "wrote " << c.svg.size() << " bytes to " << (argv[i] + 6) << "\n";
        for (int k = i; k + 1 < argc; ++k) argv[k] = argv[k + 1];
        --argc;
        break;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
