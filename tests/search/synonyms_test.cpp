#include "search/synonyms.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

using namespace gezondin::search;

TEST(Synonyms, ParsesGroupsAndSkipsComments) {
    auto g = parse_synonyms("# abbreviations\n\nGALA | Gezond en Actief Leven Akkoord\n  IZA|Integraal Zorgakkoord  # note\n");
    ASSERT_TRUE(g.has_value()) << g.error().message();
    ASSERT_EQ(g->size(), 2u);
    EXPECT_EQ((*g)[0].variants, (std::vector<std::string>{"GALA", "Gezond en Actief Leven Akkoord"}));
    EXPECT_EQ((*g)[1].variants, (std::vector<std::string>{"IZA", "Integraal Zorgakkoord"}));
}

TEST(Synonyms, ReportsEveryBadLineWithItsNumber) {
    auto g = parse_synonyms("GALA | Gezond en Actief Leven Akkoord\nalleen\nA | \nB | gala\nC | \xff\xfe\n");
    ASSERT_FALSE(g.has_value());
    std::vector<long> lines;
    for (const auto& p : g.error().problems()) lines.push_back(p.line);
    EXPECT_EQ(lines, (std::vector<long>{2, 3, 4, 5}));
}

TEST(Synonyms, ProjectFileParses) {
    std::ifstream in(std::string(GEZONDIN_SOURCE_DIR) + "/data/synonyms.txt");
    std::stringstream ss;
    ss << in.rdbuf();
    auto g = parse_synonyms(ss.str());
    ASSERT_TRUE(g.has_value()) << (g ? "" : g.error().message());
    EXPECT_GE(g->size(), 10u);
    std::vector<std::string> names;
    for (const auto& grp : *g) names.push_back(grp.variants.front());
    for (auto want : {"GALA", "IZA", "SPUK", "GGD", "SES", "GIDS", "G40", "GLI", "AVG", "Wmo"})
        EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
}

TEST(Synonyms, FoldedWordsIgnoreCaseDiacriticsAndPunctuation) {
    EXPECT_EQ(folded_words("Één GGD\u2019en, G-40: geïnspireerd!"),
              (std::vector<std::string>{"een", "ggd", "en", "g", "40", "geinspireerd"}));
}

TEST(Synonyms, MatcherFindsMultiWordVariants) {
    std::vector<SynonymGroup> groups = {{{"GALA", "Gezond en Actief Leven Akkoord"}}, {{"Wmo", "Wet maatschappelijke ondersteuning"}}};
    SynonymMatcher m(groups);
    EXPECT_EQ(m.groups_in(folded_words("Over het gezond en actief leven akkoord")), std::vector<std::size_t>{0});
    EXPECT_EQ(m.groups_in(folded_words("WMO en GALA")), (std::vector<std::size_t>{0, 1}));
    EXPECT_TRUE(m.groups_in(folded_words("gezond en actief")).empty());
    EXPECT_TRUE(m.groups_in(folded_words("wet")).empty());
    // The whole-text path finds the same, also across line breaks and typographic punctuation.
    EXPECT_EQ(m.groups_in_text("Over het Gezond\nen Actief \u201CLeven\u201D Akkoord"), std::vector<std::size_t>{0});
    EXPECT_EQ(m.groups_in_text("WMO\u2014en (GALA)."), (std::vector<std::size_t>{0, 1}));
    EXPECT_TRUE(m.groups_in_text("gezond en actief").empty());
    EXPECT_TRUE(m.groups_in_text("").empty());
}
