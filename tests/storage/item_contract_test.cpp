// Contract tests of ItemStore: one body, run against SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include "backend.h"

namespace gezondin::storage {
namespace {

using core::ErrorCode;
using domain::Item;
using testing::sample_item;

GEZONDIN_CONTRACT_SUITE(ItemContract);

void expect_same_content(const Item& expected, const Item& actual) {
    EXPECT_TRUE(expected.same_content(actual)) << "external_id " << expected.external_id;
    EXPECT_EQ(expected.title, actual.title);
    EXPECT_EQ(expected.body, actual.body);
    EXPECT_EQ(expected.themes, actual.themes);
    EXPECT_EQ(expected.links, actual.links);
}

TEST_P(ItemContract, MigrateTwiceIsIdempotent) {
    ASSERT_TRUE(db().upsert_items({sample_item("a")}));
    auto again = db().migrate();
    ASSERT_TRUE(again) << again.error().message();
    ASSERT_TRUE(db().migrate());
    EXPECT_EQ(db().count_items().value(), 1);
    EXPECT_EQ(db().engine(), GetParam());
    EXPECT_TRUE(db().ping());
}

TEST_P(ItemContract, UpsertReportsCreatedUnchangedAndChanged) {
    auto first = db().upsert_items({sample_item("a", 1), sample_item("b", 2)});
    ASSERT_TRUE(first) << first.error().message();
    ASSERT_EQ(first->size(), 2u);
    EXPECT_TRUE((*first)[0].created && (*first)[0].changed);
    EXPECT_NE((*first)[0].id, (*first)[1].id);
    auto seq_after_create = db().last_change_seq().value();

    auto same = db().upsert_items({sample_item("a", 1), sample_item("b", 2)});
    ASSERT_TRUE(same);
    EXPECT_FALSE((*same)[0].created || (*same)[0].changed || (*same)[1].changed);
    EXPECT_EQ((*same)[0].id, (*first)[0].id);
    EXPECT_EQ(db().last_change_seq().value(), seq_after_create) << "unchanged items log nothing";

    Item edited = sample_item("b", 2);
    edited.title = "Nieuwe titel";
    auto changed = db().upsert_items({sample_item("a", 1), edited});
    ASSERT_TRUE(changed);
    EXPECT_FALSE((*changed)[0].changed);
    EXPECT_TRUE((*changed)[1].changed);
    EXPECT_FALSE((*changed)[1].created);
    EXPECT_EQ((*changed)[1].id, (*first)[1].id);
    EXPECT_EQ(db().item((*first)[1].id)->title, "Nieuwe titel");

    auto log = db().changes_since(0, 100).value();
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[2].item_id, (*first)[1].id);
    EXPECT_EQ(log[2].kind, ChangeKind::Upsert);
    for (std::size_t i = 1; i < log.size(); ++i) EXPECT_LT(log[i - 1].seq, log[i].seq);
    EXPECT_EQ(db().last_change_seq().value(), log.back().seq);
}

TEST_P(ItemContract, ChangedItemReplacesChildRowsAndKeepsCreatedAt) {
    auto id = db().upsert_items({sample_item("a", 1)}).value()[0].id;
    auto before = db().item(id).value();
    Item edited = sample_item("a", 1);
    edited.themes = {"wonen"};
    edited.gala_goals = {7, 3, 5};
    edited.tracks = {};
    edited.links = {{"https://b.example", "B"}, {"https://a.example", "A"}};
    ASSERT_TRUE(db().upsert_items({edited}).value()[0].changed);
    auto after = db().item(id).value();
    expect_same_content(edited, after);
    EXPECT_EQ(after.gala_goals, (std::vector<int>{7, 3, 5}));
    EXPECT_EQ(after.created_at, before.created_at);
    EXPECT_FALSE(after.updated_at.empty());
}

TEST_P(ItemContract, RepeatedKeyInOneBatchUpdatesTheFirstWrite) {
    Item second = sample_item("a", 1);
    second.title = "Tweede versie";
    auto out = db().upsert_items({sample_item("a", 1), second, second}).value();
    ASSERT_EQ(out.size(), 3u);
    EXPECT_TRUE(out[0].created);
    EXPECT_TRUE(out[1].changed && !out[1].created);
    EXPECT_FALSE(out[2].changed);
    EXPECT_EQ(out[0].id, out[1].id);
    EXPECT_EQ(db().count_items().value(), 1);
    EXPECT_EQ(db().item(out[0].id)->title, "Tweede versie");
}

TEST_P(ItemContract, BatchWithBadSecondItemWritesNothing) {
    ASSERT_TRUE(db().upsert_items({sample_item("old", 1)}));
    auto seq = db().last_change_seq().value();
    Item edited_old = sample_item("old", 1);
    edited_old.title = "Mag niet blijven";
    Item bad = sample_item("bad", 2);
    bad.gala_goals = {9};   // the schema allows 1..7
    auto result = db().upsert_items({edited_old, bad, sample_item("c", 3)});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), ErrorCode::Conflict);
    EXPECT_EQ(db().count_items().value(), 1);
    EXPECT_EQ(db().last_change_seq().value(), seq);
    auto page = db().list_items({}, ItemOrder::IdAscending, 0, 10).value();
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].title, sample_item("old", 1).title);

    Item empty_key = sample_item("", 4);
    auto second = db().upsert_items({sample_item("d", 5), empty_key});
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code(), ErrorCode::Conflict);
    EXPECT_EQ(db().count_items().value(), 1);
    EXPECT_TRUE(db().upsert_items({sample_item("d", 5)})) << "the store still works after a failed batch";
}

TEST_P(ItemContract, RoundTripsEveryFieldIncludingHostileText) {
    const std::vector<std::string> hostile = {
        "O'Brien \"quoted\" `back` \\ backslash",
        "'; DROP TABLE items; --",
        "Robert'); DELETE FROM changes WHERE ('1'='1",
        ":p0 :name ? $1 %s %n {{ID}} \\x00",
        std::string("tab\there\r\nnewline \x01\x02\x1f\x7f end"),
        "Geïnspireerd café, ĳsbaan, Ĳmuiden, Fryslân, Súdwest, ‘quotes’ „Dutch”",
        "emoji 🏃‍♀️🚲🇳🇱 and CJK 健康 and RTL שלום",
        "<script>alert(1)</script><img src=x onerror=alert(1)>",
        std::string(100'000, 'x') + "é",
        "",
    };
    // Indexed columns get short values: PostgreSQL caps a b-tree entry at about 2.7 kB.
    auto indexed = [&](std::size_t i) {
        const auto& s = hostile[i % hostile.size()];
        return s.size() > 1000 ? std::string("lang") : s;
    };
    std::vector<Item> items;
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        Item item = sample_item("ext-" + indexed(i) + std::to_string(i), static_cast<int>(i));
        item.title = hostile[i];
        item.summary = hostile[(i + 1) % hostile.size()];
        item.body = hostile[(i + 2) % hostile.size()];
        item.themes = {indexed(i), "wonen", indexed(i)};
        item.tracks = {indexed(i + 3)};
        item.gala_goals = {7, 1, 4};
        item.municipality_code = indexed(i + 4);
        item.links = {{hostile[i], hostile[(i + 5) % hostile.size()]}, {"https://x.nl/?a=1&b='2'", "twee"}};
        item.date = core::Date{1999, 12, 31};
        item.type = domain::ItemType::Verslag;
        item.level = domain::Level::Landelijk;
        items.push_back(item);
    }
    auto out = db().upsert_items(items);
    ASSERT_TRUE(out) << out.error().message();
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto stored = db().item((*out)[i].id);
        ASSERT_TRUE(stored);
        expect_same_content(items[i], *stored);
        EXPECT_EQ(stored->id, (*out)[i].id);
        EXPECT_EQ(stored->created_at.size(), 20u) << stored->created_at;
    }
    EXPECT_EQ(db().count_items().value(), static_cast<long>(items.size()));
    auto unchanged = db().upsert_items(items).value();
    for (const auto& o : unchanged) EXPECT_FALSE(o.changed);
}

TEST_P(ItemContract, BatchesAreOneTransactionAndSeeEarlierBatches) {
    std::vector<std::vector<Item>> batches = {{sample_item("a", 1), sample_item("b", 2)}, {sample_item("c", 3)}};
    auto changed_a = sample_item("a", 4);
    changed_a.title = "Nieuwe titel";
    batches.push_back({changed_a, sample_item("b", 2)});   // a changed, b as in the first batch
    std::size_t next = 0;
    auto out = db().upsert_item_batches([&]() -> core::Result<std::vector<Item>> {
        return next < batches.size() ? batches[next++] : std::vector<Item>{};
    });
    ASSERT_TRUE(out) << out.error().message();
    ASSERT_EQ(out->size(), 5u);
    EXPECT_TRUE((*out)[0].created && (*out)[2].created);
    EXPECT_EQ((*out)[3].id, (*out)[0].id);
    EXPECT_TRUE((*out)[3].changed && !(*out)[3].created);
    EXPECT_FALSE((*out)[4].changed);
    EXPECT_EQ(db().count_items().value(), 3);
    EXPECT_EQ(db().item((*out)[0].id).value().title, "Nieuwe titel");

    // A batch source that fails after a first batch: nothing of it is written.
    int calls = 0;
    auto failed = db().upsert_item_batches([&]() -> core::Result<std::vector<Item>> {
        if (++calls == 1) return std::vector<Item>{sample_item("d", 5), sample_item("e", 6)};
        return core::fail(core::Error::invalid_input("regel 1001 is kapot"));
    });
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code(), ErrorCode::InvalidInput);
    EXPECT_EQ(db().count_items().value(), 3);
    EXPECT_EQ(db().changes_since(0, 100).value().size(), 4u);   // a, b, c created; a changed
}

TEST_P(ItemContract, MissingItemIsNotFound) {
    auto missing = db().item(424242);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    auto gone = db().delete_item(424242);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().code(), ErrorCode::NotFound);
    EXPECT_EQ(db().last_change_seq().value(), 0);
}

TEST_P(ItemContract, ItemsByIdsKeepsRequestedOrderAndSkipsMissing) {
    auto out = db().upsert_items({sample_item("a", 1), sample_item("b", 2), sample_item("c", 3)}).value();
    auto items = db().items_by_ids({out[2].id, 999999, out[0].id, out[2].id}).value();
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].external_id, "c");
    EXPECT_EQ(items[1].external_id, "a");
    EXPECT_EQ(items[2].external_id, "c");
    EXPECT_TRUE(db().items_by_ids({}).value().empty());
}

TEST_P(ItemContract, DeleteRemovesItemAndChildrenAndLogsChange) {
    auto out = db().upsert_items({sample_item("a", 1), sample_item("b", 2)}).value();
    ASSERT_TRUE(db().delete_item(out[0].id));
    EXPECT_EQ(db().item(out[0].id).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(db().count_items().value(), 1);
    ItemFilter by_theme;
    by_theme.theme = sample_item("a", 1).themes[0];
    auto listed = db().list_items(by_theme, ItemOrder::IdAscending, 0, 10).value();
    for (const auto& item : listed.items) EXPECT_NE(item.id, out[0].id);
    auto log = db().changes_since(0, 10).value();
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log.back().kind, ChangeKind::Delete);
    EXPECT_EQ(log.back().item_id, out[0].id);
    auto again = db().upsert_items({sample_item("a", 1)}).value();
    EXPECT_TRUE(again[0].created);
    EXPECT_NE(again[0].id, out[0].id) << "ids are never reused";
}

TEST_P(ItemContract, ChangesSinceHonoursAfterAndLimit) {
    std::vector<Item> items;
    for (int i = 0; i < 10; ++i) items.push_back(sample_item("k" + std::to_string(i), i));
    ASSERT_TRUE(db().upsert_items(items));
    auto all = db().changes_since(0, 100).value();
    ASSERT_EQ(all.size(), 10u);
    auto tail = db().changes_since(all[3].seq, 4).value();
    ASSERT_EQ(tail.size(), 4u);
    EXPECT_EQ(tail[0].seq, all[4].seq);
    EXPECT_EQ(tail[3].seq, all[7].seq);
    EXPECT_TRUE(db().changes_since(all.back().seq, 10).value().empty());
    EXPECT_TRUE(db().changes_since(0, 0).value().empty());
}

}  // namespace
}  // namespace gezondin::storage
