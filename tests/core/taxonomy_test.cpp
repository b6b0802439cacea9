#include "domain/taxonomy.h"

#include <gtest/gtest.h>

using namespace gezondin::domain;

namespace {
Taxonomy tax() { return Taxonomy::from_themes_text("# comment\narmoede = Armoede en schulden\nwonen = Wonen\n").value(); }

Item valid_item() {
    Item i;
    i.external_id = "x-1";
    i.title = "Buurtkamer";
    i.date = *gezondin::core::Date::parse("2024-03-01");
    i.themes = {"wonen"};
    i.gala_goals = {1, 3};
    i.tracks = {"participatie"};
    i.municipality_code = "GM0363";
    i.links = {{"https://example.org/a", "Meer"}};
    return i;
}
}  // namespace

TEST(Taxonomy, HasFiveTracksAndSevenGoals) {
    auto t = tax();
    EXPECT_EQ(t.tracks().size(), 5u);
    EXPECT_EQ(t.gala_goals().size(), 7u);
    EXPECT_EQ(t.themes().size(), 2u);
    EXPECT_EQ(t.theme("armoede")->label, "Armoede en schulden");
    EXPECT_EQ(t.gala_goal(6)->label, "Vitaal ouder worden");
}

TEST(Taxonomy, RejectsBadThemeLines) {
    auto t = Taxonomy::from_themes_text("Goed = x\nwonen\nwonen = a\nwonen = b\n");
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().problems().size(), 3u);
    EXPECT_EQ(t.error().problems()[2].line, 4);
}

TEST(ItemValidation, AcceptsValidItem) { EXPECT_TRUE(validate(valid_item(), tax()).empty()); }

TEST(ItemValidation, ListsEveryProblem) {
    auto i = valid_item();
    i.title = " ";
    i.themes = {"onbekend"};
    i.gala_goals = {8};
    i.tracks = {"x"};
    i.municipality_code = "0363";
    i.links = {{"javascript:alert(1)", ""}};
    i.body = "\xC3";
    auto p = validate(i, tax());
    EXPECT_EQ(p.size(), 7u);
}

TEST(ItemTypes, RoundTripSlugs) {
    for (auto t : all_item_types()) EXPECT_EQ(item_type_from_slug(to_slug(t)), t);
    EXPECT_EQ(label(ItemType::Praktijkvoorbeeld), "Praktijkvoorbeeld");
    EXPECT_FALSE(item_type_from_slug("Nieuws"));
}

TEST(ItemPath, UsesIdAndSlug) {
    Item i = valid_item();
    i.id = 42;
    i.title = "Gezond in de wijk: ideeën";
    EXPECT_EQ(item_path(i), "/kennisbank/42-gezond-in-de-wijk-ideeen");
}
