// Contract of storage::WijkdataStore, run on SQLite and on PostgreSQL.

#include <gtest/gtest.h>

#include "store_backend.h"

namespace gezondin::testing {
namespace {

using storage::StoreOutcome;
using storage::WijkLevel;

class WijkdataStoreContract : public WijkStoreTest {};
INSTANTIATE_TEST_SUITE_P(Backends, WijkdataStoreContract, ::testing::ValuesIn(storage::testing::backends()),
                         storage::testing::backend_name);

storage::NewDataset dataset(int year, const std::string& hash, double scale = 1) {
    storage::NewDataset d;
    d.record = {0, "84583NED", year, "kwb.csv", hash, "typed-dataset", "", "2024-01-01T00:00:00Z", 3, 2, 5};
    d.areas = {{"GM0363", WijkLevel::Gemeente, "", "Amsterdam", 862965.0},
               {"WK036300", WijkLevel::Wijk, "GM0363", "", 4000.0},
               {"BU03630000", WijkLevel::Buurt, "WK036300", "Kop Zeedijk", std::nullopt}};
    d.indicators = {{"AantalInwoners_5", "Aantal inwoners", "aantal", storage::IndicatorDirection::Unknown, "CBS 84583NED", "84583NED", false},
                    {"Laag_1", "Laag inkomen", "%", storage::IndicatorDirection::Unknown, "CBS 84583NED", "84583NED", false}};
    d.values = {{"AantalInwoners_5", "GM0363", 862965 * scale, 0},
                {"AantalInwoners_5", "WK036300", 4000 * scale, 0},
                {"AantalInwoners_5", "BU03630000", 1000 * scale, 0},
                {"Laag_1", "GM0363", 12.5 * scale, 0},
                {"Laag_1", "BU03630000", std::nullopt, 0}};
    return d;
}

TEST_P(WijkdataStoreContract, StoresAndLoadsOneYear) {
    auto stored = store().store_dataset(dataset(2019, "aaa"));
    ASSERT_TRUE(stored) << stored.error().message();
    EXPECT_EQ(stored->outcome, StoreOutcome::Created);
    auto year = store().load_year(2019);
    ASSERT_TRUE(year) << year.error().message();
    ASSERT_EQ(year->areas.size(), 3u);
    ASSERT_EQ(year->values.size(), 5u);
    ASSERT_EQ(year->datasets.size(), 1u);
    EXPECT_EQ(year->datasets[0].file_hash, "aaa");
    int secret = 0;
    for (const auto& v : year->values) secret += v.value ? 0 : 1;
    EXPECT_EQ(secret, 1);
    for (const auto& a : year->areas) {
        if (a.code == "BU03630000") { EXPECT_FALSE(a.population); EXPECT_EQ(a.parent_code, "WK036300"); EXPECT_EQ(a.level, WijkLevel::Buurt); }
        if (a.code == "GM0363") { ASSERT_TRUE(a.population); EXPECT_DOUBLE_EQ(*a.population, 862965.0); EXPECT_EQ(a.name, "Amsterdam"); }
    }
    EXPECT_EQ(store().years().value(), std::vector<int>{2019});
    EXPECT_EQ(store().indicators().value().size(), 2u);
}

TEST_P(WijkdataStoreContract, TheSameFileAgainChangesNothing) {
    ASSERT_TRUE(store().store_dataset(dataset(2019, "aaa")));
    auto version = store().version().value();
    auto again = store().store_dataset(dataset(2019, "aaa"));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->outcome, StoreOutcome::Unchanged);
    EXPECT_EQ(store().version().value(), version);
    EXPECT_EQ(store().datasets().value().size(), 1u);
}

TEST_P(WijkdataStoreContract, ANewerFileOfTheSameTableAndYearReplacesItsValues) {
    ASSERT_TRUE(store().store_dataset(dataset(2019, "aaa")));
    auto newer = dataset(2019, "bbb", 2);
    newer.values.pop_back();   // the secret value is gone in the new file
    auto stored = store().store_dataset(newer);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->outcome, StoreOutcome::Replaced);
    auto year = store().load_year(2019).value();
    ASSERT_EQ(year.values.size(), 4u);
    for (const auto& v : year.values)
        if (v.indicator == "AantalInwoners_5" && v.code == "GM0363") {
            EXPECT_DOUBLE_EQ(*v.value, 2 * 862965.0);
        }
    ASSERT_EQ(year.datasets.size(), 1u);
    EXPECT_EQ(year.datasets[0].file_hash, "bbb");
}

TEST_P(WijkdataStoreContract, YearsNeverMix) {
    ASSERT_TRUE(store().store_dataset(dataset(2019, "aaa")));
    ASSERT_TRUE(store().store_dataset(dataset(2020, "ccc", 3)));
    EXPECT_EQ(store().years().value(), (std::vector<int>{2019, 2020}));
    auto y2019 = store().load_year(2019).value();
    for (const auto& v : y2019.values)
        if (v.indicator == "AantalInwoners_5" && v.code == "GM0363") {
            EXPECT_DOUBLE_EQ(*v.value, 862965.0);
        }
    EXPECT_EQ(y2019.values.size(), 5u);
    EXPECT_EQ(store().load_year(2018).error().code(), core::ErrorCode::NotFound);
}

TEST_P(WijkdataStoreContract, AFailedWriteLeavesNothingBehind) {
    auto bad = dataset(2019, "aaa");
    bad.values.push_back(bad.values.front());   // the same (indicator, code) twice
    auto stored = store().store_dataset(bad);
    ASSERT_FALSE(stored);
    EXPECT_EQ(stored.error().code(), core::ErrorCode::Conflict);
    EXPECT_TRUE(store().datasets().value().empty());
    EXPECT_TRUE(store().years().value().empty());
    EXPECT_TRUE(store().indicators().value().empty());
}

TEST_P(WijkdataStoreContract, EditedIndicatorMetadataSurvivesAReimport) {
    ASSERT_TRUE(store().store_dataset(dataset(2019, "aaa")));
    storage::IndicatorMeta m{"Laag_1", "Huishoudens met laag inkomen", "procent", storage::IndicatorDirection::HigherIsWorse,
                             "CBS, bewerkt", "", false};
    ASSERT_TRUE(store().update_indicator(m));
    // A newer file of the same table and year, and the same key in another table.
    ASSERT_TRUE(store().store_dataset(dataset(2019, "bbb")));
    auto other = dataset(2020, "ccc");
    other.record.table_id = "85984NED";
    for (auto& i : other.indicators) i.table_id = "85984NED";
    ASSERT_TRUE(store().store_dataset(other));
    int seen = 0;
    const auto after_imports = store().indicators().value();
    for (const auto& i : after_imports) {
        if (i.key == "Laag_1") {
            ++seen;
            EXPECT_EQ(i.label, "Huishoudens met laag inkomen");
            EXPECT_EQ(i.unit, "procent");
            EXPECT_EQ(i.source, "CBS, bewerkt");
            EXPECT_EQ(i.direction, storage::IndicatorDirection::HigherIsWorse);
            EXPECT_EQ(i.table_id, "84583NED");   // the key and table id are not editable
            EXPECT_TRUE(i.edited);
        } else {
            // Not edited: the later import's texts win.
            EXPECT_FALSE(i.edited);
            EXPECT_EQ(i.table_id, "85984NED");
        }
    }
    EXPECT_EQ(seen, 1);
    m.key = "Onbekend_9";
    EXPECT_EQ(store().update_indicator(m).error().code(), core::ErrorCode::NotFound);
}

TEST_P(WijkdataStoreContract, AnUpdateChangesOnlyItsIndicatorAndRaisesTheVersion) {
    ASSERT_TRUE(store().store_dataset(dataset(2019, "aaa")));
    const auto imported = store().indicators().value();
    for (const auto& i : imported) EXPECT_FALSE(i.edited) << i.key;
    auto version = store().version().value();
    storage::IndicatorMeta m{"AantalInwoners_5", "Inwoners", "aantal", storage::IndicatorDirection::Unknown, "CBS", "x", false};
    ASSERT_TRUE(store().update_indicator(m));
    EXPECT_GT(store().version().value(), version);
    const auto updated = store().indicators().value();
    for (const auto& i : updated) {
        EXPECT_EQ(i.edited, i.key == "AantalInwoners_5") << i.key;
        if (i.key == "Laag_1") {
            EXPECT_EQ(i.label, "Laag inkomen");
        }
        if (i.key == "AantalInwoners_5") {
            EXPECT_EQ(i.table_id, "84583NED");
        }
    }
    // Texts with quotes and non-ASCII letters are stored as given (bound parameters).
    m.label = "Inwoners 'totaal'; \"één\" -- DROP TABLE wijk_indicators";
    ASSERT_TRUE(store().update_indicator(m));
    bool found = false;
    const auto again = store().indicators().value();
    for (const auto& i : again)
        if (i.key == "AantalInwoners_5") found = i.label == m.label;
    EXPECT_TRUE(found);
}

TEST_P(WijkdataStoreContract, BoundariesAreKeptPerYearAndLevel) {
    storage::BoundaryRecord b{0, 2019, "buurt", "buurt_2019.geojson", "h1", "2024-01-01T00:00:00Z", 2, "{\"type\":\"FeatureCollection\"}"};
    EXPECT_EQ(store().store_boundaries(b).value().outcome, StoreOutcome::Created);
    EXPECT_EQ(store().store_boundaries(b).value().outcome, StoreOutcome::Unchanged);
    b.file_hash = "h2";
    b.body = "{\"type\":\"Topology\"}";
    EXPECT_EQ(store().store_boundaries(b).value().outcome, StoreOutcome::Replaced);
    auto list = store().boundaries().value();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_TRUE(list[0].body.empty());
    EXPECT_EQ(store().boundary(2019, "buurt").value().body, "{\"type\":\"Topology\"}");
    EXPECT_EQ(store().boundary(2019, "wijk").error().code(), core::ErrorCode::NotFound);
}

TEST_P(WijkdataStoreContract, RefusesARecordWithoutHashOrTable) {
    auto d = dataset(2019, "");
    EXPECT_EQ(store().store_dataset(d).error().code(), core::ErrorCode::InvalidInput);
    d = dataset(2019, "x");
    d.record.table_id.clear();
    EXPECT_EQ(store().store_dataset(d).error().code(), core::ErrorCode::InvalidInput);
}

}  // namespace
}  // namespace gezondin::testing
