#include <gtest/gtest.h>

#include <string>

#include "geo/readers.h"

namespace gezondin::geo {
namespace {

using core::ErrorCode;

const char* kSquare = "[[[5.0,52.0],[5.1,52.0],[5.1,52.1],[5.0,52.1],[5.0,52.0]]]";

std::string collection(std::string features, std::string extra = "") {
    return R"({"type": "FeatureCollection", )" + extra + R"( "features": )" + features + "}";
}

std::string feature(std::string properties, std::string geometry) {
    return R"({"type": "Feature", "properties": )" + properties + R"(, "geometry": )" + geometry + "}";
}

std::string polygon(const char* coords = kSquare) {
    return std::string(R"({"type": "Polygon", "coordinates": )") + coords + "}";
}

TEST(GeoJsonReader, ReadsPolygonWithStatcodeAndYear) {
    auto set = read_geojson(collection("[" + feature(R"({"statcode":"GM0014","jrstatcode":"2024GM0014","statnaam":"Groningen"})",
                                                     polygon()) + "]",
                                       R"("crs": {"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},)"));
    ASSERT_TRUE(set) << set.error().message();
    ASSERT_EQ(set->areas.size(), 1u);
    EXPECT_EQ(set->areas[0].code, "GM0014");
    EXPECT_EQ(set->areas[0].name, "Groningen");
    EXPECT_EQ(set->year, 2024);
    EXPECT_EQ(set->level, AreaLevel::Gemeente);
    EXPECT_FALSE(set->shared_arcs);
    auto points = ring_coordinates(*set, set->areas[0].polygons[0].rings[0]);
    ASSERT_EQ(points.size(), 5u);
    EXPECT_DOUBLE_EQ(points[2].lon, 5.1);
}

TEST(GeoJsonReader, IntegerCodeBecomesGemeenteCode) {
    auto set = read_geojson(collection("[" + feature(R"({"Code":363,"Gemeentena":"Amsterdam"})", polygon()) + "]"));
    ASSERT_TRUE(set) << set.error().message();
    EXPECT_EQ(set->areas[0].code, "GM0363");
    EXPECT_EQ(set->areas[0].name, "Amsterdam");
}

TEST(GeoJsonReader, MergesFeaturesWithTheSameCode) {
    std::string land = feature(R"({"gemeentecode":"GM0010","gemeentenaam":"Delfzijl"})", polygon());
    std::string water = feature(R"({"gemeentecode":"GM0010"})", polygon());
    auto set = read_geojson(collection("[" + land + "," + water + "]"));
    ASSERT_TRUE(set) << set.error().message();
    ASSERT_EQ(set->areas.size(), 1u);
    EXPECT_EQ(set->areas[0].polygons.size(), 2u);
    EXPECT_EQ(set->areas[0].name, "Delfzijl");
}

TEST(GeoJsonReader, MultiPolygonHolesAndNullGeometry) {
    std::string multi = R"({"type":"MultiPolygon","coordinates":[[[[5,52],[5.3,52],[5.3,52.3],[5,52]],
        [[5.1,52.05],[5.2,52.05],[5.2,52.1],[5.1,52.05]]],[[[6,53],[6.1,53],[6.1,53.1],[6,53]]]]})";
    auto set = read_geojson(collection("[" + feature(R"({"statcode":"GM0001"})", multi) + "," +
                                       feature(R"({"statcode":"GM0002"})", "null") + "]"));
    ASSERT_TRUE(set) << set.error().message();
    ASSERT_EQ(set->areas[0].polygons.size(), 2u);
    EXPECT_EQ(set->areas[0].polygons[0].rings.size(), 2u);
    EXPECT_EQ(set->arcs.size(), 3u);  // every GeoJSON ring is an arc of its own
    EXPECT_TRUE(set->areas[1].polygons.empty());
}

void expect_invalid(const std::string& text, std::string_view field_part) {
    auto set = read_geojson(text);
    ASSERT_FALSE(set) << text;
    EXPECT_EQ(set.error().code(), ErrorCode::InvalidInput) << text;
    if (field_part.empty()) return;
    ASSERT_FALSE(set.error().problems().empty()) << text;
    EXPECT_NE(set.error().problems()[0].field.find(field_part), std::string::npos) << set.error().problems()[0].field;
}

TEST(GeoJsonReader, RefusesBadInputWithTheField) {
    expect_invalid(collection("[]"), "");
    expect_invalid(collection("{}"), "features");
    expect_invalid(collection("[" + feature(R"({"statcode":"GM0001"})", polygon("[[[5,52],[5.1,52],[5,52]]]")) + "]"),
                   "features[0].geometry.coordinates[0]");
    expect_invalid(collection("[" + feature(R"({"statcode":"GM0001"})", polygon("[[[5,52],[5.1,\"52\"],[5,52.1],[5,52]]]")) + "]"),
                   "coordinates[0][1]");
    expect_invalid(collection("[" + feature(R"({"statcode":"GM0001"})", polygon("[[[5,52],[1e300,52],[5,52.1],[5,52]]]")) + "]"),
                   "coordinates[0][1]");
    expect_invalid(collection("[" + feature(R"({"statcode":"GM0001"})", polygon("[[[5,52],[1e400,52],[5,52.1],[5,52]]]")) + "]"),
                   "json");  // too big for a double: the JSON parser refuses it
    expect_invalid(collection("[" + feature(R"({"statcode":"GM0001"})", R"({"type":"LineString","coordinates":[[5,52],[6,52]]})") + "]"),
                   "geometry.type");
    expect_invalid(collection("[" + feature(R"({"statnaam":"zonder code"})", polygon()) + "]"), "statcode");
    expect_invalid(collection("[" + feature(R"({"statcode":12.5})", polygon()) + "]"), "statcode");
    expect_invalid(collection("[42]"), "features[0]");
    expect_invalid(collection("[" + feature(R"({"statcode":"GM0001"})", polygon()) + "]",
                              R"("crs": {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"),
                   "crs");
    expect_invalid(R"({"type":"Topology"})", "type");
}

TEST(GeoJsonReader, RefusesRdCoordinatesAsNotWgs84) {
    expect_invalid(collection("[" + feature(R"({"statcode":"GM0001"})",
                                            polygon("[[[121000,487000],[122000,487000],[122000,488000],[121000,487000]]]")) + "]"),
                   "coordinates[0][0]");
}

TEST(GeoJsonReader, TruncatedJsonNamesTheLine) {
    std::string text = collection("[\n" + feature(R"({"statcode":"GM0001"})", polygon()) + "\n]");
    auto set = read_geojson(text.substr(0, text.size() - 5));
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().code(), ErrorCode::InvalidInput);
    ASSERT_EQ(set.error().problems().size(), 1u);
    EXPECT_GE(set.error().problems()[0].line, 2);
}

}  // namespace
}  // namespace gezondin::geo
