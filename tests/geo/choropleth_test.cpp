#include <gtest/gtest.h>

#include <string>

#include "geo/choropleth.h"
#include "geo/readers.h"
#include "geo_fixtures.h"

namespace gezondin::geo {
namespace {

using testing::count;
using testing::xml_problem;

// A row of `n` neighbouring square buurten with codes BU0001000<i>.
std::string row_of_squares(int n, const std::string& hostile_name = "") {
    std::string arcs, geoms;
    for (int i = 0; i < n; ++i) {
        // Ring i: (10i,0) (10i+10,0) (10i+10,10) (10i,10) as absolute quantized deltas.
        arcs += (i ? "," : "") + std::string("[[") + std::to_string(10 * i) + ",0],[10,0],[0,10],[-10,0],[0,-10]]";
        std::string name = i == 0 && !hostile_name.empty() ? hostile_name : "\"Buurt " + std::to_string(i) + "\"";
        geoms += (i ? "," : "") + std::string(R"({"type":"Polygon","arcs":[[)") + std::to_string(i) +
                 R"(]],"properties":{"statcode":"BU000100)" + (i < 10 ? "0" + std::to_string(i) : std::to_string(i)) +
                 R"(","statnaam":)" + name + "}}";
    }
    return R"({"type":"Topology","transform":{"scale":[0.002,0.0012],"translate":[5.0,52.0]},"arcs":[)" + arcs +
           R"(],"objects":{"layer":{"type":"GeometryCollection","geometries":[)" + geoms + "]}}}";
}

std::string code(int i) { return "BU000100" + (i < 10 ? "0" + std::to_string(i) : std::to_string(i)); }

PreparedMap prepared(int n, const std::string& hostile_name = "") {
    std::string names = hostile_name;
    auto set = read_topojson(row_of_squares(n, hostile_name.empty() ? "" : hostile_name));
    EXPECT_TRUE(set) << set.error().message();
    auto map = prepare_map(*set);
    EXPECT_TRUE(map) << map.error().message();
    return *map;
}

std::vector<AreaValue> values(int n) {
    std::vector<AreaValue> out;
    for (int i = 0; i < n; ++i) out.push_back({code(i), ValueStatus::Value, 10.0 + i, "/wijkdata/" + code(i)});
    return out;
}

ChoroplethOptions options() {
    ChoroplethOptions o;
    o.title = "Ervaren gezondheid";
    o.unit = "%";
    return o;
}

TEST(Choropleth, WritesWellFormedAccessibleSvg) {
    auto map = prepared(10);
    auto vals = values(10);
    vals[8].status = ValueStatus::Secret;
    vals[9].status = ValueStatus::Missing;
    auto c = render_choropleth(map, vals, options());
    ASSERT_TRUE(c) << c.error().message();
    const std::string& svg = c->svg;
    EXPECT_EQ(xml_problem(svg), "") << svg;
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"kaart-titel\">Ervaren gezondheid</title>"), std::string::npos);
    EXPECT_NE(svg.find("<desc id=\"kaart-beschrijving\">"), std::string::npos);
    EXPECT_EQ(count(svg, "<a href="), 10u);
    EXPECT_EQ(count(svg, "<path "), 10u);
    EXPECT_EQ(count(svg, "<title>"), 10u);  // one per area
    EXPECT_NE(svg.find("<title>Buurt 3: 13,0 %</title>"), std::string::npos);
    EXPECT_NE(svg.find("<title>Buurt 9: geo.missing</title>") == std::string::npos
                  ? svg.find("Buurt 9: geen gegevens") : svg.find("Buurt 9: geo.missing"),
              std::string::npos);
    EXPECT_NE(svg.find("id=\"kaart-geheim\""), std::string::npos);
    EXPECT_NE(svg.find("id=\"kaart-ontbreekt\""), std::string::npos);
    EXPECT_NE(svg.find("fill=\"url(#kaart-geheim)\""), std::string::npos);
    EXPECT_EQ(count(svg, "fill=\"url(#kaart-geheim)\""), 2u);  // the group and the legend swatch
    EXPECT_EQ(svg.find("style"), std::string::npos);       // CSP: no style attribute or element
    EXPECT_EQ(svg.find("<script"), std::string::npos);
}

TEST(Choropleth, ReturnsBreaksAndClassesForTheTable) {
    auto map = prepared(10);
    auto c = render_choropleth(map, values(10), options());
    ASSERT_TRUE(c);
    EXPECT_EQ(c->breaks.class_count(), 5);
    EXPECT_EQ(c->colours.size(), 5u);
    ASSERT_EQ(c->areas.size(), 10u);
    EXPECT_EQ(c->areas[0].class_index, 0);
    EXPECT_EQ(c->areas[9].class_index, 4);
    EXPECT_TRUE(c->areas[0].drawn);
    for (int k = 1; k <= 5; ++k) EXPECT_EQ(count(c->svg, "class=\"klasse-" + std::to_string(k) + "\""), 1u);
    // The legend shows every class range with Dutch decimal commas (bounds 10,0 .. 19,0).
    auto legend = c->svg.substr(c->svg.find("<g class=\"legenda\""));
    for (const char* bound : {"10,0", "11,8", "13,6", "15,4", "17,2", "19,0"})
        EXPECT_NE(legend.find(bound), std::string::npos) << bound;
    EXPECT_EQ(testing::count(legend, "<rect "), 5u);  // no secret or missing rows
}

TEST(Choropleth, EqualIntervalsOption) {
    auto map = prepared(10);
    auto o = options();
    o.method = ClassMethod::EqualIntervals;
    o.classes = 3;
    auto c = render_choropleth(map, values(10), o);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->breaks.bounds, (std::vector<double>{10, 13, 16, 19}));
}

TEST(Choropleth, SecretValuesNeverAppear) {
    auto map = prepared(6);
    auto vals = values(6);
    vals[2].status = ValueStatus::Secret;
    vals[2].value = 98765.4321;  // must not leak in any form
    vals[4].status = ValueStatus::Secret;
    vals[4].value = 4242.17;
    auto o = options();
    o.decimals = 2;
    auto c = render_choropleth(map, vals, o);
    ASSERT_TRUE(c);
    for (const char* leak : {"98765", "98.765", "98,765", "9876", "4242", "4.242", "42,17", "4242,1"}) {
        EXPECT_EQ(c->svg.find(leak), std::string::npos) << leak;
    }
    EXPECT_EQ(c->areas[2].status, ValueStatus::Secret);
    EXPECT_EQ(c->areas[2].class_index, -1);
    for (double b : c->breaks.bounds) EXPECT_LT(b, 100);
}

TEST(Choropleth, EscapesHostileNamesTitlesAndLinks) {
    auto map = prepared(3, R"("<script>alert('x')</script> & \"Zuid\"]]>")");
    auto vals = values(3);
    vals[1].href = "/wijkdata?a=1&b=\"2\"";
    auto o = options();
    o.title = "Titel <b>&</b>";
    o.unit = "<%>";
    o.description = "Bron: CBS & RIVM";
    auto c = render_choropleth(map, vals, o);
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_EQ(xml_problem(c->svg), "") << c->svg;
    EXPECT_EQ(c->svg.find("<script"), std::string::npos);
    EXPECT_EQ(c->svg.find("<b>"), std::string::npos);
    EXPECT_NE(c->svg.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Zuid&quot;]]&gt;"),
              std::string::npos);
    EXPECT_NE(c->svg.find("href=\"/wijkdata?a=1&amp;b=&quot;2&quot;\""), std::string::npos);
    EXPECT_NE(c->svg.find("&lt;%&gt;"), std::string::npos);
}

TEST(Choropleth, RefusesUnsafeLinksAndBadOptions) {
    auto map = prepared(3);
    auto vals = values(3);
    vals[0].href = "javascript:alert(1)";
    EXPECT_EQ(render_choropleth(map, vals, options()).error().code(), core::ErrorCode::InvalidInput);
    auto o = options();
    o.href_template = "javascript:go('{code}')";
    EXPECT_FALSE(render_choropleth(map, std::vector<AreaValue>{}, o));
    o = options();
    o.classes = 12;
    EXPECT_FALSE(render_choropleth(map, values(3), o));
    o = options();
    o.id_prefix = "a\"b";
    EXPECT_FALSE(render_choropleth(map, values(3), o));
    auto dup = values(3);
    dup.push_back(dup[0]);
    EXPECT_FALSE(render_choropleth(map, dup, options()));
}

TEST(Choropleth, TemplateLinksUnknownCodesAndMissingAreas) {
    auto map = prepared(4);
    std::vector<AreaValue> vals{{code(0), ValueStatus::Value, 1.0, ""}, {"BU99999999", ValueStatus::Value, 2.0, ""}};
    auto o = options();
    o.href_template = "/wijkdata/buurt/{code}";
    o.role = SvgRole::Group;
    auto c = render_choropleth(map, vals, o);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->unknown_codes, std::vector<std::string>{"BU99999999"});
    EXPECT_NE(c->svg.find("href=\"/wijkdata/buurt/BU00010003\""), std::string::npos);
    EXPECT_EQ(c->areas[3].status, ValueStatus::Missing);
    EXPECT_NE(c->svg.find("role=\"group\""), std::string::npos);
    EXPECT_EQ(xml_problem(c->svg), "");
}

}  // namespace
}  // namespace gezondin::geo
