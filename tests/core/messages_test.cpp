#include "core/messages.h"

#include <gtest/gtest.h>

using namespace gezondin::core;

TEST(Messages, FindsDutchTextByKey) {
    EXPECT_TRUE(has_msg("app.name"));
    EXPECT_EQ(msg("app.name"), "GezondIn");
}

TEST(Messages, MissingKeyShowsKey) { EXPECT_EQ(msg("no.such.key"), "no.such.key"); }

TEST(Messages, FillsPlaceholders) {
    EXPECT_EQ(msg("item.unknown_theme", {"xyz"}).find("xyz") != std::string::npos, true);
}
