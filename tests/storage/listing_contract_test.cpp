// Contract tests of the ItemStore listings: filters, paging, order, batched iteration.

#include <set>

#include <gtest/gtest.h>

#include "backend.h"

namespace gezondin::storage {
namespace {

using domain::Item;
using testing::sample_item;

GEZONDIN_CONTRACT_SUITE(ListingContract);

// Twelve items with known dates and tags; returns their ids in insertion order.
std::vector<domain::ItemId> seed(Database& db) {
    std::vector<Item> items;
    for (int i = 0; i < 12; ++i) {
        Item item = sample_item("item-" + std::to_string(i), i);
        item.date = core::Date{2024, 1 + i % 6, 1 + i};   // months repeat: order by date, then id
        item.themes = i % 3 == 0 ? std::vector<std::string>{"wonen", "bewegen"} : std::vector<std::string>{"bewegen"};
        item.gala_goals = i % 4 == 0 ? std::vector<int>{2, 5} : std::vector<int>{5};
        item.tracks = i % 2 == 0 ? std::vector<std::string>{"participatie"} : std::vector<std::string>{};
        item.municipality_code = i < 5 ? "GM0363" : "GM0599";
        items.push_back(item);
    }
    std::vector<domain::ItemId> ids;
    auto outcomes = db.upsert_items(items).value();
    for (const auto& outcome : outcomes) ids.push_back(outcome.id);
    return ids;
}

std::vector<std::string> keys(const ItemPage& page) {
    std::vector<std::string> out;
    for (const auto& item : page.items) out.push_back(item.external_id);
    return out;
}

TEST_P(ListingContract, FiltersCombineAndCount) {
    seed(db());
    ItemFilter f;
    f.theme = "wonen";
    auto page = db().list_items(f, ItemOrder::IdAscending, 0, 100).value();
    EXPECT_EQ(page.total, 4);
    EXPECT_EQ(keys(page), (std::vector<std::string>{"item-0", "item-3", "item-6", "item-9"}));
    for (const auto& item : page.items) EXPECT_EQ(item.themes, (std::vector<std::string>{"wonen", "bewegen"}));

    f.gala_goal = 2;
    EXPECT_EQ(keys(db().list_items(f, ItemOrder::IdAscending, 0, 100).value()),
              (std::vector<std::string>{"item-0"}));
    ItemFilter by_track;
    by_track.track = "participatie";
    by_track.municipality_code = "GM0599";
    auto tracked = db().list_items(by_track, ItemOrder::IdAscending, 0, 100).value();
    EXPECT_EQ(keys(tracked), (std::vector<std::string>{"item-6", "item-8", "item-10"}));
    ItemFilter none;
    none.theme = "'; DROP TABLE items; --";
    EXPECT_EQ(db().list_items(none, ItemOrder::IdAscending, 0, 100)->total, 0);
    EXPECT_EQ(db().count_items().value(), 12);
}

TEST_P(ListingContract, PagesByDateDescendingThenIdDescending) {
    seed(db());
    std::vector<std::string> all;
    for (long offset = 0; offset < 12; offset += 5) {
        auto page = db().list_items({}, ItemOrder::DateDescending, offset, 5).value();
        EXPECT_EQ(page.total, 12);
        EXPECT_EQ(page.items.size(), static_cast<std::size_t>(std::min(5L, 12 - offset)));
        for (auto& k : keys(page)) all.push_back(k);
    }
    // Dates: item-i is 2024-(1 + i%6)-(1 + i): item-11 (June 12th) first, item-0 (Jan 1st) last.
    EXPECT_EQ(all.front(), "item-11");
    EXPECT_EQ(all[1], "item-5");
    EXPECT_EQ(all.back(), "item-0");
    EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), 12u);

    auto beyond = db().list_items({}, ItemOrder::DateDescending, 1'000'000'000L, 20).value();
    EXPECT_EQ(beyond.total, 12);
    EXPECT_TRUE(beyond.items.empty());
    auto zero = db().list_items({}, ItemOrder::DateDescending, 0, 0).value();
    EXPECT_EQ(zero.total, 12);
    EXPECT_TRUE(zero.items.empty());
}

TEST_P(ListingContract, ForEachItemVisitsManyItemsInIdOrder) {
    constexpr int count = 1234;
    std::vector<Item> items;
    for (int i = 0; i < count; ++i) items.push_back(sample_item("bulk-" + std::to_string(i), i));
    auto written = db().upsert_items(items);
    ASSERT_TRUE(written) << written.error().message();
    std::vector<domain::ItemId> seen;
    std::size_t index = 0;
    auto status = db().for_each_item([&](const Item& item) {
        seen.push_back(item.id);
        if (index < items.size()) {
            EXPECT_TRUE(items[index].same_content(item)) << item.external_id;
        }
        ++index;
    });
    ASSERT_TRUE(status) << status.error().message();
    ASSERT_EQ(seen.size(), static_cast<std::size_t>(count));
    for (std::size_t i = 1; i < seen.size(); ++i) ASSERT_LT(seen[i - 1], seen[i]);
    EXPECT_EQ(db().count_items().value(), count);
    EXPECT_EQ(db().changes_since(0, 5000)->size(), static_cast<std::size_t>(count));
}

TEST_P(ListingContract, ForEachItemMayUseTheStore) {
    seed(db());
    int visited = 0;
    auto small = open_again(1);   // one connection: would deadlock if a session were held
    ASSERT_TRUE(small);
    auto status = small->for_each_item([&](const Item& item) {
        EXPECT_TRUE(small->item(item.id));
        ++visited;
    });
    ASSERT_TRUE(status);
    EXPECT_EQ(visited, 12);
}

TEST_P(ListingContract, EmptyStoreListsNothing) {
    auto page = db().list_items({}, ItemOrder::DateDescending, 0, 20).value();
    EXPECT_EQ(page.total, 0);
    int visited = 0;
    ASSERT_TRUE(db().for_each_item([&](const Item&) { ++visited; }));
    EXPECT_EQ(visited, 0);
    EXPECT_EQ(db().last_change_seq().value(), 0);
}

}  // namespace
}  // namespace gezondin::storage
