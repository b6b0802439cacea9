// Reads every boundary file in ../shared/data (README section 3) and draws the biggest map.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "geo/choropleth.h"
#include "geo/readers.h"
#include "geo_fixtures.h"

namespace gezondin::geo {
namespace {

using testing::shared_data;

#define REQUIRE_SHARED_DATA(dir)                                                              \
    auto dir = shared_data();                                                                 \
    if (!dir) GTEST_SKIP() << "GEZONDIN_SHARED_DATA is not set or not a folder; the real "    \
                              "boundary files (../shared/data) are needed for this test";

Result<BoundarySet> read_named(const std::filesystem::path& file) {
    ReadOptions options;
    options.year = year_in_name(file.filename().string());
    return read_boundaries(testing::read_file(file), options);
}

struct Expected {
    const char* file;
    std::size_t areas;
    AreaLevel level;
    int year;
};

TEST(RealBoundaries, EveryCbsTopoJsonFileReads) {
    REQUIRE_SHARED_DATA(dir);
    const Expected files[] = {
        {"Gemeente_2015_layer_q1e3.json", 393, AreaLevel::Gemeente, 2015},
        {"Wijk_2014_layer_q1e3.json", 2738, AreaLevel::Wijk, 2014},
        {"Buurt_2014_layer_q1e3.json", 11691, AreaLevel::Buurt, 2014},
        {"Provincie_2015_layer_q1e3.json", 12, AreaLevel::Other, 2015},
        {"CoropGebied_2015_layer_q1e3.json", 40, AreaLevel::Other, 2015},
        // 484 features: land and water parts of 393 gemeenten plus GM9999, merged per code.
        {"GemeenteDetail_2015_layer_q1e3.json", 394, AreaLevel::Gemeente, 2015},
    };
    for (const auto& e : files) {
        auto set = read_named(*dir / "geo_cbs_gebiedsindelingen_2014_2015_topojson" / e.file);
        ASSERT_TRUE(set) << e.file << ": " << set.error().message()
                         << (set.error().problems().empty() ? "" : " " + set.error().problems()[0].field);
        EXPECT_EQ(set->areas.size(), e.areas) << e.file;
        EXPECT_EQ(set->level, e.level) << e.file;
        EXPECT_EQ(set->year, e.year) << e.file;
        EXPECT_TRUE(set->shared_arcs);
    }
}

TEST(RealBoundaries, GeoJsonGemeenten2024And2019) {
    REQUIRE_SHARED_DATA(dir);
    auto g2024 = read_named(*dir / "rivm_gmjv2024_50140NED_and_geo2024" / "gemeente_gegeneraliseerd_2024.geojson");
    ASSERT_TRUE(g2024) << g2024.error().message();
    EXPECT_EQ(g2024->areas.size(), 342u);
    EXPECT_EQ(g2024->year, 2024);
    EXPECT_EQ(g2024->level, AreaLevel::Gemeente);
    ASSERT_NE(g2024->find("GM0014"), nullptr);
    EXPECT_EQ(g2024->find("GM0014")->name, "Groningen");

    auto g2019 = read_named(*dir / "covid_viz_2019" / "gemeentegrenzen_simplified_2019.geojson");
    ASSERT_TRUE(g2019) << g2019.error().message();
    EXPECT_EQ(g2019->areas.size(), 355u);
    EXPECT_EQ(g2019->year, 2019);
    ASSERT_NE(g2019->find("GM0363"), nullptr);
    EXPECT_EQ(g2019->find("GM0363")->name, "Amsterdam");
}

TEST(RealBoundaries, AllBuurtenMapIsSmallEnough) {
    REQUIRE_SHARED_DATA(dir);
    auto set = read_named(*dir / "geo_cbs_gebiedsindelingen_2014_2015_topojson" / "Buurt_2014_layer_q1e3.json");
    ASSERT_TRUE(set);
    auto map = prepare_map(*set);
    ASSERT_TRUE(map) << map.error().message();
    std::vector<AreaValue> values;
    for (std::size_t i = 0; i < set->areas.size(); ++i) {
        ValueStatus status = i % 17 == 0 ? ValueStatus::Secret : i % 23 == 0 ? ValueStatus::Missing : ValueStatus::Value;
        values.push_back({set->areas[i].code, status, static_cast<double>(i % 1000) / 10.0, ""});
    }
    ChoroplethOptions options;
    options.title = "Alle buurten 2014";
    options.unit = "%";
    options.href_template = "/wijkdata/buurt/{code}";
    auto c = render_choropleth(*map, values, options);
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_LE(c->svg.size(), 2u * 1000 * 1000);
    EXPECT_EQ(testing::xml_problem(c->svg), "");
    std::size_t drawn = 0;
    for (const auto& a : c->areas) drawn += a.drawn ? 1 : 0;
    EXPECT_GT(drawn, set->areas.size() / 2);  // most buurten are at least a pixel big
    RecordProperty("svg_bytes", std::to_string(c->svg.size()));
    RecordProperty("areas_drawn", std::to_string(drawn));
}

}  // namespace
}  // namespace gezondin::geo
