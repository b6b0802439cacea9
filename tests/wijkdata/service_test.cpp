// The wijkdata service: imports (idempotent, replacing, refusing), the Amsterdam 2019 profiles.

#include <chrono>

#include <gtest/gtest.h>

#include "wijk_fixture.h"

namespace gezondin::testing {
namespace {

using services::ImportOutcome;
using stats::ValueStatus;

const services::ProfileRow* row(const services::Profile& p, const std::string& key) {
    for (const auto& r : p.rows)
        if (r.indicator.key == key) return &r;
    return nullptr;
}

std::string small_table(const std::string& laag) {
    return typed_dataset("\"AantalInwoners_5\";\"Laag_6\"",
                         {"\"GM9999    \";1000;12.5", "\"WK999900  \";1000;" + laag, "\"BU99990000\";960;10.0",
                          "\"BU99990001\";40;9.0"});
}

TEST(WijkdataService, ImportingTheSameFileTwiceChangesNothing) {
    WijkService s;
    auto file = s.file("test_2020_TypedDataSet.csv", small_table("11.0"));
    auto first = s.wd->import_file(file);
    ASSERT_EQ(first.outcome, ImportOutcome::Imported) << (first.error ? first.error->message() : "");
    EXPECT_EQ(first.year, 2020);
    EXPECT_EQ(first.areas, 4);
    auto generation = s.wd->generation();
    auto second = s.wd->import_file(file);
    EXPECT_EQ(second.outcome, ImportOutcome::Unchanged);
    EXPECT_EQ(s.wd->generation(), generation);
    EXPECT_EQ(s.wd->datasets().value().size(), 1u);
}

TEST(WijkdataService, ANewerFileReplacesTheValuesOfItsTableAndYear) {
    WijkService s;
    ASSERT_EQ(s.wd->import_file(s.file("test_2020_TypedDataSet.csv", small_table("11.0"))).outcome, ImportOutcome::Imported);
    auto newer = s.wd->import_file(s.file("test_2020_TypedDataSet.csv", small_table("14.5")));
    ASSERT_EQ(newer.outcome, ImportOutcome::Replaced);
    auto p = s.wd->profile("WK999900", std::nullopt).value();
    ASSERT_TRUE(row(p, "Laag_6"));
    EXPECT_DOUBLE_EQ(row(p, "Laag_6")->area.value, 14.5);
    EXPECT_EQ(s.wd->datasets().value().size(), 1u);
}

TEST(WijkdataService, RefusesABadFileWithFileLineAndColumnAndStoresNothing) {
    WijkService s;
    auto bad = s.file("bad_2020_TypedDataSet.csv",
                      typed_dataset("\"AantalInwoners_5\";\"Laag_6\"", {"\"GM9999    \";1000;12.5", "\"WK999900  \";veel;10.0"}));
    auto r = s.wd->import_file(bad);
    ASSERT_EQ(r.outcome, ImportOutcome::Refused);
    ASSERT_TRUE(r.error);
    ASSERT_EQ(r.error->problems().size(), 1u);
    EXPECT_EQ(r.error->problems()[0].field, "AantalInwoners_5");
    EXPECT_EQ(r.error->problems()[0].line, 3);
    EXPECT_TRUE(s.wd->datasets().value().empty());
    EXPECT_TRUE(s.wd->years().empty());

    auto truncated = s.wd->import_file(s.file("cut_2020_TypedDataSet.csv", "\"ID\";\"WijkenEnBuurten\";\"A_1\"\r\n0;\"GM99"));
    EXPECT_EQ(truncated.outcome, ImportOutcome::Refused);
    auto missing = s.wd->import_file(s.dir / "bestaat-niet.csv");
    EXPECT_EQ(missing.outcome, ImportOutcome::Refused);
    auto orphan = s.wd->import_file(s.file("orphan_2020_TypedDataSet.csv",
                                           typed_dataset("\"A_1\"", {"\"GM9999    \";1", "\"WK999900  \";1", "\"BU99980000\";1"})));
    EXPECT_EQ(orphan.outcome, ImportOutcome::Refused);
    EXPECT_TRUE(s.wd->datasets().value().empty());
}

TEST(WijkdataService, SmallAreasAndSmallCountsAreSecret) {
    WijkService s;
    ASSERT_EQ(s.wd->import_file(s.file("test_2020_TypedDataSet.csv", small_table("11.0"))).outcome, ImportOutcome::Imported);
    auto tiny = s.wd->profile("BU99990001", 2020).value();
    for (const auto& r : tiny.rows) EXPECT_EQ(r.area.status, ValueStatus::Secret) << r.indicator.key;
    // Complementary suppression: the wijk minus the other buurt would give the tiny one away.
    auto other = s.wd->profile("BU99990000", 2020).value();
    EXPECT_EQ(row(other, "AantalInwoners_5")->area.status, ValueStatus::Secret);
    EXPECT_EQ(row(other, "Laag_6")->area.status, ValueStatus::Value);
}

class Amsterdam2019 : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!std::filesystem::exists(amsterdam_kwb()) || !std::filesystem::exists(amsterdam_ses())) return;
        s = new WijkService();
        for (const auto& f : {amsterdam_kwb(), amsterdam_ses()}) {
            auto r = s->wd->import_file(f);
            ASSERT_EQ(r.outcome, ImportOutcome::Imported) << (r.error ? r.error->message() : "");
        }
    }
    static void TearDownTestSuite() {
        delete s;
        s = nullptr;
    }
    void SetUp() override {
        if (!s) GTEST_SKIP() << "Amsterdam 2019 files not found under " << shared_data();
    }
    static WijkService* s;
};
WijkService* Amsterdam2019::s = nullptr;

TEST_F(Amsterdam2019, EveryWijkAndBuurtHasAProfileAgainstAmsterdam) {
    auto wijken = s->wd->areas(2019, stats::AreaLevel::Wijk, "").value();
    auto buurten = s->wd->areas(2019, stats::AreaLevel::Buurt, "").value();
    EXPECT_EQ(wijken.areas.size(), 99u);
    EXPECT_EQ(buurten.areas.size(), 479u);
    for (const auto* list : {&wijken, &buurten})
        for (const auto& [a, parent] : list->areas) {
            auto p = s->wd->profile(a.code, 2019);
            ASSERT_TRUE(p) << a.code;
            ASSERT_TRUE(p->gemeente) << a.code;
            EXPECT_EQ(p->gemeente->code, "GM0363");
            EXPECT_FALSE(p->rows.empty()) << a.code;
        }
}

TEST_F(Amsterdam2019, ValuesMatchTheFiles) {
    auto p = s->wd->profile("BU03630000", 2019).value();
    EXPECT_EQ(p.area.name, "Kop Zeedijk");
    ASSERT_EQ(p.parents.size(), 2u);
    EXPECT_EQ(p.parents[0].code, "GM0363");
    EXPECT_EQ(p.parents[1].code, "WK036300");
    auto* inw = row(p, "AantalInwoners_5");
    ASSERT_TRUE(inw);
    EXPECT_DOUBLE_EQ(inw->area.value, 1035);
    EXPECT_DOUBLE_EQ(inw->gemeente.value, 862965);
    auto* laag = row(p, "HuishoudensMetEenLaagInkomen_78");
    ASSERT_TRUE(laag);
    EXPECT_DOUBLE_EQ(laag->area.value, 15.3);
    EXPECT_DOUBLE_EQ(laag->gemeente.value, 12.8);
    auto* ses = row(p, "ses-woa-totaalscore-gemiddelde-score");
    ASSERT_TRUE(ses);
    EXPECT_DOUBLE_EQ(ses->area.value, 0.045);
    EXPECT_DOUBLE_EQ(ses->gemeente.value, -0.1);
    // Only Amsterdam and no national row: no figure for the country, and the page says so.
    EXPECT_EQ(laag->country.source, services::CountrySource::None);
    EXPECT_GT(laag->peers, 300);
    auto wijk = s->wd->profile("WK036300", 2019).value();
    EXPECT_DOUBLE_EQ(row(wijk, "AantalInwoners_5")->area.value, 4295);
}

TEST_F(Amsterdam2019, BuurtenWithFewInhabitantsShowNoValues) {
    auto p = s->wd->profile("BU03631001", 2019).value();   // 5 inhabitants
    for (const auto& r : p.rows) EXPECT_NE(r.area.status, ValueStatus::Value) << r.indicator.key;
    auto values = s->wd->values({2019, stats::AreaLevel::Buurt, "", {"AantalInwoners_5"}}).value();
    for (const auto& v : values.rows) {
        if (v.value.status == ValueStatus::Value) {
            EXPECT_GE(v.value.value, 50) << v.area->code;
        }
    }
}

TEST_F(Amsterdam2019, AProfileTakesUnderFiveMilliseconds) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(s->wd->profile("BU03630000", 2019));
    auto per = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / 200;
    EXPECT_LT(per, 5.0);
}

TEST_F(Amsterdam2019, ReimportingTheFilesChangesNothing) {
    for (const auto& f : {amsterdam_kwb(), amsterdam_ses()}) EXPECT_EQ(s->wd->import_file(f).outcome, ImportOutcome::Unchanged);
}

}  // namespace
}  // namespace gezondin::testing
