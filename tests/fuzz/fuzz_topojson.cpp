// libFuzzer target: boundary text -> read_boundaries (TopoJSON or GeoJSON) -> prepare_map ->
// render_choropleth. A crash, a sanitizer report, a hang, an error other than InvalidInput or
// TooLarge, or a result that breaks the readers' promises (arc indices in range, coordinates
// in WGS84 range, at least one area) is a finding.
//
// Build by hand (scripts/build-fuzzers.sh builds only fuzz_search_query for now):
//   clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize=vptr \
//     -fno-sanitize-recover=undefined -I src src/core/{error,text,date,messages}.cpp \
//     src/geo/*.cpp tests/fuzz/i18n_stub.cpp tests/fuzz/fuzz_topojson.cpp -o fuzz_topojson
//   ./fuzz_topojson -max_total_time=60 -max_len=20000 work/ tests/fuzz/corpus/topojson
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "geo/choropleth.h"
#include "geo/readers.h"

using namespace gezondin;
using namespace gezondin::geo;

namespace {

void require(bool ok) {
    if (!ok) std::abort();
}

bool expected_failure(const core::Error& e) {
    return e.code() == core::ErrorCode::InvalidInput || e.code() == core::ErrorCode::TooLarge;
}

void check_set(const BoundarySet& set) {
    require(!set.areas.empty());
    for (const auto& arc : set.arcs) {
        require(!arc.empty());
        for (const auto& p : arc) require(p.lon >= -180 && p.lon <= 180 && p.lat >= -90 && p.lat <= 90);
    }
    for (const auto& area : set.areas) {
        require(!area.code.empty());
        for (const auto& polygon : area.polygons)
            for (const auto& ring : polygon.rings)
                for (const auto& ref : ring.arcs) require(ref.index < set.arcs.size());
    }
}

void draw(const BoundarySet& set) {
    MapOptions map_options;
    map_options.width = 200;
    auto map = prepare_map(set, map_options);
    if (!map) {
        require(expected_failure(map.error()));
        return;
    }
    require(map->paths.size() == set.areas.size());
    std::vector<AreaValue> values;
    for (std::size_t i = 0; i < set.areas.size(); ++i) {
        ValueStatus status = i % 3 == 0 ? ValueStatus::Secret : ValueStatus::Value;
        values.push_back({set.areas[i].code, status, static_cast<double>(i), ""});
    }
    ChoroplethOptions options;
    options.title = "fuzz";
    options.href_template = "/wijkdata/{code}";
    auto svg = render_choropleth(*map, values, options);
    require(svg.has_value());  // codes and template are valid, so rendering cannot fail
    require(svg->svg.find("<script") == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ReadOptions options;
    options.max_points = 200'000;  // keeps every run fast; TooLarge beyond it
    auto set = read_boundaries(text, options);
    if (!set) {
        require(expected_failure(set.error()));
        return 0;
    }
    check_set(*set);
    draw(*set);
    return 0;
}
