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

TEST(Messages, EveryKeyIsDefinedOnce) {
    EXPECT_TRUE(duplicate_msg_keys().empty()) << "first duplicate: " << duplicate_msg_keys().front();
}

TEST(Messages, TextsOfEveryPartAreLoaded) {
    for (auto key : {"app.name", "account.csrf_failed", "wijkdata.level.gemeente", "ongelijk.index_title"}) EXPECT_TRUE(has_msg(key)) << key;
}
