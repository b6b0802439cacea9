#include <gtest/gtest.h>

#include <cmath>

#include "geo/classify.h"
#include "geo/svg_text.h"

namespace gezondin::geo {
namespace {

TEST(ClassBreaks, QuantilesInterpolateLikeNumpy) {
    std::vector<double> v{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    auto b = class_breaks(v, ClassMethod::Quantiles, 5);
    ASSERT_EQ(b.class_count(), 5);
    std::vector<double> expected{1, 2.8, 4.6, 6.4, 8.2, 10};
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(b.bounds[i], expected[i], 1e-12) << i;
    EXPECT_EQ(b.class_of(1), 0);
    EXPECT_EQ(b.class_of(2.8), 0);   // upper bounds are inclusive
    EXPECT_EQ(b.class_of(2.81), 1);
    EXPECT_EQ(b.class_of(10), 4);
    EXPECT_EQ(b.class_of(99), 4);
    EXPECT_EQ(b.class_of(-5), 0);
}

TEST(ClassBreaks, EqualIntervals) {
    std::vector<double> v{0, 10, 3, 3, 3, 3};
    auto b = class_breaks(v, ClassMethod::EqualIntervals, 5);
    EXPECT_EQ(b.bounds, (std::vector<double>{0, 2, 4, 6, 8, 10}));
    EXPECT_EQ(b.class_of(3), 1);
}

TEST(ClassBreaks, TiesMergeClassesAndIgnoreNonFinite) {
    std::vector<double> v{1, 1, 1, 1, 1, 1, 1, 2, NAN, INFINITY};
    auto b = class_breaks(v, ClassMethod::Quantiles, 5);
    EXPECT_EQ(b.bounds, (std::vector<double>{1, 2}));
    auto same = class_breaks(std::vector<double>{4, 4, 4}, ClassMethod::Quantiles, 5);
    EXPECT_EQ(same.class_count(), 1);
    EXPECT_EQ(same.class_of(4), 0);
    EXPECT_EQ(class_breaks(std::vector<double>{}, ClassMethod::Quantiles, 5).class_count(), 0);
}

TEST(Palette, DarkestMarksTheLeastFavourable) {
    auto worse = sequential_palette(5, Direction::HigherIsWorse);
    auto better = sequential_palette(5, Direction::HigherIsBetter);
    ASSERT_EQ(worse.size(), 5u);
    EXPECT_EQ(worse.front(), "#ffffb2");
    EXPECT_EQ(worse.back(), "#bd0026");
    EXPECT_EQ(better.front(), "#bd0026");
    EXPECT_EQ(sequential_palette(1, Direction::HigherIsWorse).size(), 1u);
    EXPECT_EQ(sequential_palette(2, Direction::HigherIsWorse).size(), 2u);
}

TEST(DutchNumbers, DecimalCommaAndThousands) {
    EXPECT_EQ(format_number_nl(12.34, 1), "12,3");
    EXPECT_EQ(format_number_nl(1234567.891, 2), "1.234.567,89");
    EXPECT_EQ(format_number_nl(-0.01, 1), "0,0");
    EXPECT_EQ(format_number_nl(-1500, 0), "-1.500");
    EXPECT_EQ(format_number_nl(999.96, 1), "1.000,0");
    EXPECT_EQ(format_number_nl(NAN, 1), "?");
}

TEST(XmlEscape, EscapesMarkupQuotesAndBadBytes) {
    EXPECT_EQ(xml_escaped("<script>\"a\" & 'b'</script>"),
              "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;");
    EXPECT_EQ(xml_escaped("a\x01" "b\tc"), "ab\tc");
    EXPECT_EQ(xml_escaped("caf\xC3\xA9"), "caf\xC3\xA9");
    EXPECT_EQ(xml_escaped("x\xFF"), "x\xEF\xBF\xBD");
    EXPECT_EQ(xml_escaped("\xC3"), "\xEF\xBF\xBD");
}

TEST(SafeHref, AllowsPathsAndHttpOnly) {
    EXPECT_TRUE(is_safe_href("/wijkdata/buurt/BU03630000"));
    EXPECT_TRUE(is_safe_href("https://example.org/x?a=1&b=2"));
    EXPECT_TRUE(is_safe_href("#tabel"));
    EXPECT_FALSE(is_safe_href("javascript:alert(1)"));
    EXPECT_FALSE(is_safe_href("JaVaScRiPt:alert(1)"));
    EXPECT_FALSE(is_safe_href("//evil.example/"));
    EXPECT_FALSE(is_safe_href("/a b"));
    EXPECT_FALSE(is_safe_href("data:text/html,x"));
    EXPECT_FALSE(is_safe_href(""));
}

}  // namespace
}  // namespace gezondin::geo
