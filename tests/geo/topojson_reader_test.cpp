#include <gtest/gtest.h>

#include <string>

#include "geo/readers.h"
#include "geo_fixtures.h"

namespace gezondin::geo {
namespace {

using core::ErrorCode;

std::string topology(std::string arcs, std::string geometries, std::string transform =
                         R"("transform": {"scale": [0.001, 0.001], "translate": [5.0, 52.0]},)") {
    return R"({"type": "Topology", )" + transform + R"( "arcs": )" + arcs +
           R"(, "objects": {"layer": {"type": "GeometryCollection", "geometries": )" + geometries + "}}}";
}

const std::string kSquareArcs = "[[[0,0],[10,0],[0,10],[-10,0],[0,-10]]]";

std::string polygon(std::string arcs, std::string code = "GM0001") {
    return R"([{"type": "Polygon", "arcs": )" + arcs + R"(, "properties": {"statcode": ")" + code + R"("}}])";
}

TEST(TopoJsonReader, DecodesQuantizedDeltaArcs) {
    auto set = read_topojson(topology(kSquareArcs, polygon("[[0]]")));
    ASSERT_TRUE(set) << set.error().message();
    ASSERT_EQ(set->arcs.size(), 1u);
    const auto& arc = set->arcs[0];
    ASSERT_EQ(arc.size(), 5u);
    EXPECT_DOUBLE_EQ(arc[0].lon, 5.0);
    EXPECT_DOUBLE_EQ(arc[0].lat, 52.0);
    EXPECT_NEAR(arc[1].lon, 5.010, 1e-12);  // 0 + 10 quantized units of 0.001
    EXPECT_NEAR(arc[2].lat, 52.010, 1e-12);
    EXPECT_NEAR(arc[3].lon, 5.0, 1e-12);
    EXPECT_TRUE(set->shared_arcs);
}

TEST(TopoJsonReader, ReadsAbsoluteArcsWithoutTransform) {
    auto set = read_topojson(topology("[[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.1]]]", polygon("[[0]]"), ""));
    ASSERT_TRUE(set) << set.error().message();
    EXPECT_DOUBLE_EQ(set->arcs[0][2].lon, 5.2);
    EXPECT_DOUBLE_EQ(set->arcs[0][2].lat, 52.2);
}

TEST(TopoJsonReader, NegativeIndexWalksArcBackwards) {
    auto set = read_topojson(testing::kTwoSquares);
    ASSERT_TRUE(set) << set.error().message();
    ASSERT_EQ(set->areas.size(), 2u);
    const auto& b = set->areas[1];
    ASSERT_EQ(b.polygons.size(), 1u);
    const Ring& ring = b.polygons[0].rings[0];
    EXPECT_TRUE(ring.arcs[0].reversed);
    EXPECT_EQ(ring.arcs[0].index, 0u);
    EXPECT_EQ(ring.arcs[1].index, 2u);
    auto points = ring_coordinates(*set, ring);
    ASSERT_EQ(points.size(), 5u);  // shared end points are not repeated
    double expected[5][2] = {{5.010, 52.010}, {5.010, 52.000}, {5.020, 52.000}, {5.020, 52.010}, {5.010, 52.010}};
    for (int i = 0; i < 5; ++i) {
        EXPECT_NEAR(points[i].lon, expected[i][0], 1e-12) << i;
        EXPECT_NEAR(points[i].lat, expected[i][1], 1e-12) << i;
    }
}

TEST(TopoJsonReader, KeepsCodesNamesAndInfersBuurtLevel) {
    auto set = read_topojson(testing::kTwoSquares);
    ASSERT_TRUE(set);
    EXPECT_EQ(set->areas[0].code, "BU00010001");
    EXPECT_EQ(set->areas[0].name, "A");
    EXPECT_EQ(set->level, AreaLevel::Buurt);
    EXPECT_FALSE(set->year.has_value());
    ASSERT_NE(set->find("BU00010002"), nullptr);
    EXPECT_EQ(set->find("BU00010002")->name, "B");
}

TEST(TopoJsonReader, YearFromOptionsAndLevelsMixedOrOther) {
    ReadOptions options;
    options.year = year_in_name("Buurt_2014_layer_q1e3.json");
    std::string two = R"([{"type": "Polygon", "arcs": [[0]], "properties": {"statcode": "GM0001"}},
                          {"type": "Polygon", "arcs": [[0]], "properties": {"statcode": "WK000101"}}])";
    auto mixed = read_topojson(topology(kSquareArcs, two), options);
    ASSERT_TRUE(mixed);
    EXPECT_EQ(mixed->year, 2014);
    EXPECT_EQ(mixed->level, AreaLevel::Mixed);
    auto province = read_topojson(topology(kSquareArcs, polygon("[[0]]", "PV27")));
    ASSERT_TRUE(province);
    EXPECT_EQ(province->level, AreaLevel::Other);
}

TEST(TopoJsonReader, MultiPolygonAndNullGeometry) {
    std::string geoms = R"([{"type": "MultiPolygon", "arcs": [[[0]], [[0]]], "properties": {"statcode": "GM0001"}},
                            {"type": null, "properties": {"statcode": "GM0002"}}])";
    auto set = read_topojson(topology(kSquareArcs, geoms));
    ASSERT_TRUE(set) << set.error().message();
    EXPECT_EQ(set->areas[0].polygons.size(), 2u);
    EXPECT_TRUE(set->areas[1].polygons.empty());
}

TEST(TopoJsonReader, PicksNamedObjectOrRefusesAmbiguity) {
    std::string text = R"({"type":"Topology","arcs":[[[5,52],[5.1,52],[5.1,52.1],[5,52]]],"objects":{
        "a":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]],"properties":{"statcode":"GM0001"}}]},
        "b":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]],"properties":{"statcode":"GM0002"}}]}}})";
    auto ambiguous = read_topojson(text);
    ASSERT_FALSE(ambiguous);
    EXPECT_EQ(ambiguous.error().code(), ErrorCode::InvalidInput);
    ReadOptions options;
    options.object_name = "b";
    auto b = read_topojson(text, options);
    ASSERT_TRUE(b) << b.error().message();
    EXPECT_EQ(b->areas[0].code, "GM0002");
}

void expect_invalid(const std::string& text, std::string_view field_part) {
    auto set = read_topojson(text);
    ASSERT_FALSE(set) << text;
    EXPECT_EQ(set.error().code(), ErrorCode::InvalidInput) << text;
    if (!field_part.empty()) {
        ASSERT_FALSE(set.error().problems().empty()) << text;
        EXPECT_NE(set.error().problems()[0].field.find(field_part), std::string::npos)
            << set.error().problems()[0].field;
    }
}

TEST(TopoJsonReader, RefusesArcIndexOutOfRange) {
    expect_invalid(topology(kSquareArcs, polygon("[[1]]")), "geometries[0].arcs[0]");
    expect_invalid(topology(kSquareArcs, polygon("[[-2]]")), "geometries[0].arcs");
    expect_invalid(topology(kSquareArcs, polygon("[[0.5]]")), "arcs");
    expect_invalid(topology(kSquareArcs, polygon("[[99999999999999999999]]")), "arcs");
    expect_invalid(topology(kSquareArcs, polygon("[[-9223372036854775808]]")), "arcs");
}

TEST(TopoJsonReader, RefusesWrongTypes) {
    expect_invalid(topology("\"arcs\"", polygon("[[0]]")), "arcs");
    expect_invalid(topology("[[[0,0],[0,\"x\"]]]", polygon("[[0]]")), "arcs[0][1]");
    expect_invalid(topology(kSquareArcs, polygon("[0]")), "arcs");
    expect_invalid(topology(kSquareArcs, polygon("{}")), "arcs");
    expect_invalid(topology(kSquareArcs, R"([{"type":"Point","coordinates":[0,0],"properties":{"statcode":"GM0001"}}])"),
                   "type");
    expect_invalid(topology(kSquareArcs, R"([{"type":"Polygon","arcs":[[0]]}])"), "statcode");
    expect_invalid(topology(kSquareArcs, polygon("[[0]]", "GM 0001<script>")), "statcode");
    expect_invalid(topology(kSquareArcs, polygon("[[0]]"), R"("transform": {"scale": [0, 1], "translate": [0, 0]},)"),
                   "transform");
    expect_invalid(R"({"type":"FeatureCollection","features":[]})", "type");
    expect_invalid("[1,2,3]", "type");
}

TEST(TopoJsonReader, RefusesHugeCoordinates) {
    expect_invalid(topology(kSquareArcs, polygon("[[0]]"), R"("transform": {"scale": [1e300, 1e300], "translate": [0, 0]},)"),
                   "arcs[0]");
    expect_invalid(topology("[[[1e308,0],[1e308,0]]]", polygon("[[0]]")), "arcs[0]");
    expect_invalid(topology("[[[155000,463000],[155100,463000]]]", polygon("[[0]]"), ""), "arcs[0][0]");
}

TEST(TopoJsonReader, RefusesTruncatedAndEmptyInput) {
    std::string text(testing::kTwoSquares);
    for (std::size_t cut : {text.size() / 3, text.size() / 2, text.size() - 2}) {
        auto set = read_topojson(text.substr(0, cut));
        ASSERT_FALSE(set) << cut;
        EXPECT_EQ(set.error().code(), ErrorCode::InvalidInput);
        ASSERT_FALSE(set.error().problems().empty());
        EXPECT_GT(set.error().problems()[0].line, 0);
    }
    EXPECT_EQ(read_topojson("").error().code(), ErrorCode::InvalidInput);
    EXPECT_EQ(read_topojson("   \n").error().code(), ErrorCode::InvalidInput);
    expect_invalid(topology(kSquareArcs, "[]"), "");  // no areas
}

TEST(TopoJsonReader, LimitsPointsAndBytes) {
    ReadOptions options;
    options.max_points = 8;
    auto many = read_topojson(topology(kSquareArcs, polygon("[[0],[0]]")), options);
    ASSERT_FALSE(many);
    EXPECT_EQ(many.error().code(), ErrorCode::TooLarge);
    options = {};
    options.max_bytes = 10;
    EXPECT_EQ(read_topojson(testing::kTwoSquares, options).error().code(), ErrorCode::TooLarge);
}

TEST(TopoJsonReader, ReadBoundariesDetectsFormatAndReadsStreams) {
    std::istringstream in{std::string(testing::kTwoSquares)};
    auto set = read_boundaries(in);
    ASSERT_TRUE(set) << set.error().message();
    EXPECT_TRUE(set->shared_arcs);
}

TEST(YearInName, FindsFourDigitYears) {
    EXPECT_EQ(year_in_name("Gemeente_2015_layer_q1e3.json"), 2015);
    EXPECT_EQ(year_in_name("2024GM0014"), 2024);
    EXPECT_FALSE(year_in_name("layer_q1e3.json").has_value());
    EXPECT_FALSE(year_in_name("BU19870309").has_value());  // eight digits is a code, not a year
}

}  // namespace
}  // namespace gezondin::geo
