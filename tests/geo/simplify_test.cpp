#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "geo/map_geometry.h"
#include "geo/readers.h"
#include "geo/simplify.h"
#include "geo_fixtures.h"

namespace gezondin::geo {
namespace {

TEST(DouglasPeucker, DropsPointsWithinToleranceKeepsEnds) {
    std::vector<CanvasPoint> line{{0, 0}, {1, 0.1}, {2, -0.1}, {3, 5}, {4, 0}, {5, 0}};
    auto kept = douglas_peucker(line, 0.5);
    EXPECT_EQ(kept, (std::vector<std::uint32_t>{0, 2, 3, 4, 5}));  // (1, 0.1) goes
    EXPECT_EQ(douglas_peucker(line, 0).size(), line.size());
    EXPECT_TRUE(douglas_peucker({}, 1).empty());
}

TEST(DouglasPeucker, ClosedLineKeepsItsFarthestPoint) {
    std::vector<CanvasPoint> ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}};
    auto kept = simplify_line(ring, 1);
    ASSERT_GE(kept.size(), 4u);
    EXPECT_TRUE(std::any_of(kept.begin(), kept.end(), [](CanvasPoint p) { return p.x == 10 && p.y == 10; }));
}

TEST(DouglasPeucker, VeryLongLineDoesNotOverflowTheStack) {
    std::vector<CanvasPoint> line;
    for (int i = 0; i < 200000; ++i) line.push_back({static_cast<double>(i), (i % 2) * 3.0});
    auto start = std::chrono::steady_clock::now();
    auto kept = douglas_peucker(line, 1);
    EXPECT_EQ(kept.size(), line.size());
    // A zigzag is the worst case of Douglas-Peucker (quadratic); chunking keeps it fast.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(SignedArea, CountsSquare) {
    std::vector<CanvasPoint> ring{{0, 0}, {2, 0}, {2, 2}, {0, 2}};
    EXPECT_DOUBLE_EQ(twice_signed_area(ring), 8);
}

// A wiggly shared border between two buurten: after simplification both must still use exactly
// the same points along it, so no gap or overlap appears.
std::string wiggly_topology() {
    std::string border = "[[100,0]";
    for (int i = 1; i <= 100; ++i) border += std::string(",[") + (i % 2 ? "3" : "-3") + ",1]";
    border += "]";
    return R"({"type":"Topology","transform":{"scale":[0.0005,0.0003],"translate":[5.0,52.0]},"arcs":[)" +
           border + R"(,[[100,100],[-100,0],[0,-100],[100,0]],[[100,100],[100,0],[0,-100],[-100,0]]],
        "objects":{"layer":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[0,1]],"properties":{"statcode":"BU00010001"}},
        {"type":"Polygon","arcs":[[-1,-3]],"properties":{"statcode":"BU00010002"}}]}}})";
}

std::set<std::pair<long, long>> middle_points(const std::string& path, double width) {
    std::set<std::pair<long, long>> out;
    for (const auto& ring : testing::decode_path(path))
        for (auto p : ring)
            if (p.first > width * kGridPerUnit * 0.25 && p.first < width * kGridPerUnit * 0.75) out.insert(p);
    return out;
}

TEST(MapGeometry, SharedArcsStayIdenticalAfterSimplification) {
    auto set = read_topojson(wiggly_topology());
    ASSERT_TRUE(set) << set.error().message();
    for (double tolerance : {0.0, 0.35, 2.0, 5.0}) {
        MapOptions options;
        options.width = 300;
        options.tolerance = tolerance;
        auto map = prepare_map(*set, options);
        ASSERT_TRUE(map) << map.error().message();
        auto a = middle_points(map->paths[0], map->width);
        auto b = middle_points(map->paths[1], map->width);
        EXPECT_GE(a.size(), 2u) << tolerance;
        EXPECT_EQ(a, b) << "tolerance " << tolerance;
    }
}

TEST(MapGeometry, SimplifiesAndDropsSubPixelRings) {
    auto set = read_topojson(wiggly_topology());
    ASSERT_TRUE(set);
    MapOptions fine;
    fine.tolerance = 0;
    auto all = prepare_map(*set, fine);
    ASSERT_TRUE(all);
    MapOptions coarse;
    coarse.width = 300;
    coarse.tolerance = 5;
    auto fewer = prepare_map(*set, coarse);
    ASSERT_TRUE(fewer);
    EXPECT_LT(fewer->points_out, all->points_out);
    MapOptions tiny;
    tiny.width = 60;
    tiny.margin = 5;
    tiny.min_ring_area = 1e6;  // nothing is that big
    auto none = prepare_map(*set, tiny);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->paths[0].empty());
    EXPECT_EQ(none->rings_dropped, 2u);
}

TEST(MapGeometry, RefusesBadOptions) {
    auto set = read_topojson(testing::kTwoSquares);
    ASSERT_TRUE(set);
    for (double w : {0.0, -1.0, 1e9, std::nan("")}) {
        MapOptions o;
        o.width = w;
        EXPECT_EQ(prepare_map(*set, o).error().code(), core::ErrorCode::InvalidInput) << w;
    }
}

}  // namespace
}  // namespace gezondin::geo
