#include "core/text.h"

#include <gtest/gtest.h>

using namespace gezondin::core;

TEST(Utf8, AcceptsDutchTextWithDiacritics) { EXPECT_TRUE(is_valid_utf8("Geïnspireerd door ideeën, café en één")); }

TEST(Utf8, RejectsInvalidSequences) {
    EXPECT_FALSE(is_valid_utf8("\xC3"));               // truncated
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));           // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));       // surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));   // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Fold, RemovesDiacriticsAndLowercases) {
    EXPECT_EQ(fold_diacritics_lower("Geïnspireerd"), "geinspireerd");
    EXPECT_EQ(fold_diacritics_lower("ÉÉN Coördinator"), "een coordinator");
    EXPECT_EQ(fold_diacritics_lower("Fryslân"), "fryslan");
}

TEST(Slug, MakesReadableAsciiSlugs) {
    EXPECT_EQ(slugify("Samen tegen eenzaamheid in Wijk 't Zand!"), "samen-tegen-eenzaamheid-in-wijk-t-zand");
    EXPECT_EQ(slugify("Ideeën"), "ideeen");
    EXPECT_EQ(slugify("***"), "item");
    EXPECT_LE(slugify(std::string(500, 'a'), 40).size(), 40u);
}

TEST(Split, KeepsEmptyFields) {
    auto parts = split("a;;b;", ';');
    ASSERT_EQ(parts.size(), 4u);
    EXPECT_EQ(parts[1], "");
    EXPECT_EQ(parts[2], "b");
}
