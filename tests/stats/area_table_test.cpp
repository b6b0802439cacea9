#include "stats/area_table.h"

#include <cmath>

#include <gtest/gtest.h>

#include "kwb_fixture.h"

namespace gezondin::stats {
namespace {

AreaTable small_city() {
    AreaTable table(2024);
    for (const AreaInfo& area : {AreaInfo{"NL00", AreaLevel::Land, "", 1000}, AreaInfo{"GM0001", AreaLevel::Gemeente, "NL00", 600},
                                 AreaInfo{"WK000101", AreaLevel::Wijk, "GM0001", 600},
                                 AreaInfo{"BU00010101", AreaLevel::Buurt, "WK000101", 250},
                                 AreaInfo{"BU00010102", AreaLevel::Buurt, "WK000101", 350}}) {
        EXPECT_TRUE(table.add_area(area));
    }
    return table;
}

TEST(AreaTable, HierarchyLookupsFollowTheCodes) {
    AreaTable table = small_city();
    auto buurt = table.find("BU00010102");
    ASSERT_TRUE(buurt);
    std::vector<std::string> chain;
    for (auto row : table.parent_chain(*buurt)) chain.push_back(table.code(row));
    EXPECT_EQ(chain, (std::vector<std::string>{"WK000101", "GM0001", "NL00"}));
    EXPECT_EQ(table.children(*table.find("WK000101")).size(), 2u);
    EXPECT_EQ(table.descendants_at(*table.find("NL00"), AreaLevel::Buurt).size(), 2u);
    EXPECT_FALSE(table.parent(*table.find("NL00")));
}

TEST(AreaTable, DuplicateCodesUnknownParentsAndSkippedLevelsAreRefused) {
    AreaTable table = small_city();
    EXPECT_FALSE(table.add_area({"GM0001", AreaLevel::Gemeente, "NL00", 1}));
    EXPECT_FALSE(table.add_area({"WK999901", AreaLevel::Wijk, "GM9999", 1}));
    EXPECT_FALSE(table.add_area({"BU00010199", AreaLevel::Buurt, "GM0001", 1}));
}

TEST(AreaTable, MissingAndSecretValuesAreNaNWithTheirReason) {
    AreaTable table = small_city();
    ASSERT_TRUE(table.add_indicator("laag_inkomen"));
    ASSERT_TRUE(table.set_value("laag_inkomen", 3, 12.5));
    ASSERT_TRUE(table.set_status("laag_inkomen", 4, ValueStatus::Secret));
    const Column* column = *table.column("laag_inkomen");
    EXPECT_EQ(column->values[3], 12.5);
    EXPECT_EQ(column->status[3], ValueStatus::Value);
    EXPECT_TRUE(std::isnan(column->values[4]));
    EXPECT_EQ(column->status[4], ValueStatus::Secret);
    EXPECT_EQ(column->status[0], ValueStatus::Missing);
    EXPECT_FALSE(table.set_value("onbekend", 0, 1));
    EXPECT_FALSE(table.add_indicator("laag_inkomen"));
}

TEST(AreaTable, NationalHierarchy2024Loads) {
    auto dir = testing::shared_data_dir();
    if (!dir) GTEST_SKIP() << "../shared/data ontbreekt (GEZONDIN_SHARED_DATA); KWB 2024 overgeslagen.";
    auto table = testing::load_kwb_2024(*dir);
    ASSERT_TRUE(table) << "KWB 2024 kon niet worden geladen";
    EXPECT_EQ(table->size(), 18310u);
    EXPECT_EQ(table->rows_at(AreaLevel::Gemeente).size(), 342u);
    EXPECT_EQ(table->rows_at(AreaLevel::Wijk).size(), 3393u);
    EXPECT_EQ(table->rows_at(AreaLevel::Buurt).size(), 14574u);
    auto zwolle = table->find("GM0193");
    ASSERT_TRUE(zwolle);
    for (auto buurt : table->descendants_at(*zwolle, AreaLevel::Buurt)) {
        EXPECT_EQ(table->parent_chain(buurt).size(), 3u);
    }
}

}  // namespace
}  // namespace gezondin::stats
