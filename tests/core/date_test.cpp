#include "core/date.h"

#include <gtest/gtest.h>

using gezondin::core::Date;

TEST(Date, ParsesRealCalendarDays) {
    auto d = Date::parse("2024-02-29");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->to_string(), "2024-02-29");
    EXPECT_FALSE(Date::parse("2023-02-29"));
    EXPECT_FALSE(Date::parse("2023-13-01"));
    EXPECT_FALSE(Date::parse("2023-1-01"));
    EXPECT_FALSE(Date::parse("２０２３-01-01"));
}

TEST(Date, OrdersByDay) {
    EXPECT_LT(*Date::parse("2023-12-31"), *Date::parse("2024-01-01"));
    EXPECT_EQ(Date::parse("1970-01-02")->days_since_epoch(), 1);
}

TEST(HttpDate, FormatsRfc7231) {
    EXPECT_EQ(gezondin::core::http_date("2026-11-24T14:02:00Z"), "Tue, 24 Nov 2026 14:02:00 GMT");
}
