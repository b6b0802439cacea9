#include "web/http/url.h"

#include <gtest/gtest.h>

using namespace gezondin::web;

TEST(Url, DecodesPercentAndPlus) {
    EXPECT_EQ(percent_decode("a%20b+c", true), "a b c");
    EXPECT_EQ(percent_decode("a+b", false), "a+b");
    EXPECT_FALSE(percent_decode("%4", true));
    EXPECT_FALSE(percent_decode("%zz", true));
}

TEST(Url, ParsesAndBuildsQueryStrings) {
    auto p = parse_query_string("q=gezond+wijk&thema=wonen&thema=armoede-en-schulden&&x");
    ASSERT_TRUE(p);
    ASSERT_EQ(p->size(), 4u);
    EXPECT_EQ((*p)[0].second, "gezond wijk");
    EXPECT_EQ((*p)[3].first, "x");
    EXPECT_EQ(build_query_string({{"q", "één & twee"}}), "q=%C3%A9%C3%A9n%20%26%20twee");
    EXPECT_FALSE(parse_query_string("q=%"));
}
