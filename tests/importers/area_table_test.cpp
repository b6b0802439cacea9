#include "importers/to_area_table.h"

#include <cmath>

#include <gtest/gtest.h>

#include "test_support.h"

namespace gezondin::importers {
namespace {

using stats::AreaLevel;
using testing::parse_text;

ImportedTable table_of(const std::string& rows, const std::string& name = "84583NED.csv") {
    auto table = parse_text("ID;WijkenEnBuurten;AantalInwoners_5;Oppervlakte_7\n" + rows, name);
    EXPECT_TRUE(table) << table.error().message();
    return table ? std::move(*table) : ImportedTable{};
}

TEST(ToAreaTable, BuildsTheHierarchyWhateverTheRowOrder) {
    auto imported = table_of("1;BU03630001;100;1\n2;WK036300;300;2\n3;GM0363;1000;.\n4;BU03630000;200;\n");
    auto areas = to_area_table(imported);
    ASSERT_TRUE(areas) << areas.error().message();
    EXPECT_EQ(areas->year(), 2019);
    ASSERT_EQ(areas->size(), 4u);
    auto gm = areas->find("GM0363");
    auto wk = areas->find("WK036300");
    auto bu = areas->find("BU03630001");
    ASSERT_TRUE(gm && wk && bu);
    EXPECT_EQ(areas->level(*gm), AreaLevel::Gemeente);
    EXPECT_FALSE(areas->parent(*gm));  // no Nederland row: the gemeente is the top
    EXPECT_EQ(areas->parent(*bu), wk);
    EXPECT_EQ(areas->children(*wk).size(), 2u);
    EXPECT_DOUBLE_EQ(areas->populations()[*bu], 100);
    auto area = areas->column("Oppervlakte_7");
    ASSERT_TRUE(area);
    EXPECT_EQ((*area)->status[*gm], stats::ValueStatus::Secret);
    EXPECT_EQ((*area)->status[*areas->find("BU03630000")], stats::ValueStatus::Missing);
}

TEST(ToAreaTable, MissingWijkIsAnErrorListingTheCodes) {
    auto imported = table_of("1;GM0363;1000;1\n2;WK036300;300;1\n3;BU03630100;100;1\n4;BU03630200;100;1\n");
    auto areas = to_area_table(imported);
    ASSERT_FALSE(areas);
    EXPECT_EQ(areas.error().code(), core::ErrorCode::InvalidInput);
    ASSERT_EQ(areas.error().problems().size(), 2u);
    EXPECT_EQ(areas.error().problems()[0].field, "WK036301");
    EXPECT_EQ(areas.error().problems()[0].line, 4);
    EXPECT_EQ(areas.error().problems()[1].field, "WK036302");
}

TEST(ToAreaTable, PlaceholdersOnRequest) {
    auto imported = table_of("1;GM0363;1000;1\n2;WK036300;300;1\n3;BU03630100;100;1\n");
    AreaTableOptions options;
    options.missing_parent = MissingParent::Placeholder;
    auto areas = to_area_table(imported, options);
    ASSERT_TRUE(areas) << areas.error().message();
    ASSERT_EQ(areas->size(), 4u);
    auto placeholder = areas->find("WK036301");
    ASSERT_TRUE(placeholder);
    EXPECT_TRUE(std::isnan(areas->populations()[*placeholder]));
    EXPECT_EQ(areas->parent(*areas->find("BU03630100")), placeholder);
    EXPECT_EQ(areas->parent(*placeholder), areas->find("GM0363"));
}

TEST(ToAreaTable, AbsentLevelMakesAPartialTable) {
    auto imported = table_of("1;WK036300;300;1\n2;WK036301;300;1\n");
    auto areas = to_area_table(imported);
    ASSERT_TRUE(areas) << areas.error().message();
    EXPECT_FALSE(areas->parent(0));
}

TEST(ToAreaTable, NamedPopulationMustExist) {
    auto imported = table_of("1;GM0363;1000;1\n");
    AreaTableOptions options;
    options.population = "Oppervlakte_7";
    auto areas = to_area_table(imported, options);
    ASSERT_TRUE(areas);
    EXPECT_DOUBLE_EQ(areas->populations()[0], 1);
    options.population = "a_inw";
    auto missing = to_area_table(imported, options);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().problems().at(0).field, "a_inw");
}

TEST(ToAreaTable, PopulationFoundByLabelInExports) {
    auto table = parse_text("\"Regio's\";\"Codering (code)\";\"Bevolking/Aantal inwoners (aantal)\"\n\"A\";\"GM0001\";12\n",
                            "x_2024.csv");
    ASSERT_TRUE(table);
    auto areas = to_area_table(*table);
    ASSERT_TRUE(areas);
    EXPECT_DOUBLE_EQ(areas->populations()[0], 12);
}

}  // namespace
}  // namespace gezondin::importers
