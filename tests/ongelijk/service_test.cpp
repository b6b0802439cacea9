// services::Ongelijk on the fictitious demo municipality GM9901 Havenwaard.

#include <cmath>
#include <numeric>
#include <set>

#include <gtest/gtest.h>

#include "../wijkdata/wijk_fixture.h"
#include "services/ongelijk/ongelijk.h"

namespace gezondin::testing {
namespace {

using services::Ongelijk;

struct Demo : WijkService {
    Ongelijk ongelijk{*wd};
    Demo() { services::import_demo_data(*wd); }

    services::OngelijkData buurten() { return ongelijk.data("GM9901", std::nullopt, stats::AreaLevel::Buurt).value(); }
    services::IndexRequest preset(const services::OngelijkData& d, const std::string& id) {
        for (const auto& p : Ongelijk::presets(d))
            if (p.id == id) return {p.indicators, {}};
        return {};
    }
};

TEST(OngelijkService, ReadsBuurtenWithNamesAndDisclosedPopulation) {
    Demo f;
    auto d = f.buurten();
    EXPECT_EQ(d.gemeente.name, "Havenwaard");
    EXPECT_EQ(d.areas.size(), 30u);
    EXPECT_EQ(d.population_key, "fictief_inwoners");
    auto secret = std::count_if(d.population.begin(), d.population.end(), [](double p) { return std::isnan(p); });
    // The three tiny buurten of the demo and, by complementary suppression, one more in each of their wijken.
    EXPECT_EQ(secret, 6);
    EXPECT_NE(d.map, nullptr);
    EXPECT_TRUE(d.fictitious);
}

TEST(OngelijkService, PresetsMapToTheDemoKeysAndNameWhatIsMissing) {
    Demo f;
    auto d = f.buurten();
    auto presets = Ongelijk::presets(d);
    ASSERT_EQ(presets.size(), 3u);
    EXPECT_EQ(presets[0].id, "gezondheid");
    EXPECT_EQ(presets[0].indicators.size(), 3u);
    EXPECT_EQ(presets[0].missing.size(), 2u);
    EXPECT_EQ(presets[0].indicators[0].key, "fictief_ervaren_gezondheid");
    EXPECT_EQ(presets[0].indicators[0].direction, stats::Direction::HigherIsBetter);
    EXPECT_EQ(presets[1].indicators.size(), 2u);   // laag inkomen, moeite met rondkomen
}

TEST(OngelijkService, NeedIndexScoresEveryBuurtWithVisibleValues) {
    Demo f;
    auto d = f.buurten();
    auto r = Ongelijk::need_index(d, f.preset(d, "gezondheid-en-bestaanszekerheid")).value();
    EXPECT_EQ(r.result.missing.size(), 3u);
    EXPECT_EQ(std::count(r.result.rank.begin(), r.result.rank.end(), 1), 1);
    EXPECT_EQ(r.labels.size(), 5u);
}

TEST(OngelijkService, AllocationAddsUpToTheBudgetAndSkipsSecretPopulations) {
    Demo f;
    auto d = f.buurten();
    stats::AllocationParams a;
    a.budget_cents = 100'000'000;
    auto r = Ongelijk::allocation(d, f.preset(d, "bestaanszekerheid"), a).value();
    EXPECT_EQ(std::accumulate(r.result.cents.begin(), r.result.cents.end(), std::int64_t{0}), 100'000'000);
    EXPECT_EQ(r.result.no_population.size(), 6u);
    for (auto i : r.result.no_population) EXPECT_EQ(r.result.cents[i], 0);
}

TEST(OngelijkService, UnknownGemeenteOrIndicatorIsRefused) {
    Demo f;
    EXPECT_EQ(f.ongelijk.data("GM0000", std::nullopt, stats::AreaLevel::Buurt).error().code(), core::ErrorCode::NotFound);
    auto d = f.buurten();
    services::IndexRequest bad{{{"bestaat_niet", stats::Direction::HigherIsWorse, 1}}, {}};
    EXPECT_EQ(Ongelijk::need_index(d, bad).error().code(), core::ErrorCode::InvalidInput);
}

TEST(OngelijkService, RobustnessGivesRankIntervalsAndEuroRanges) {
    Demo f;
    auto d = f.buurten();
    stats::UncertaintySpec s;
    s.draws = 300;
    stats::AllocationParams a;
    a.budget_cents = 100'000'000;
    s.allocation = a;
    auto r = Ongelijk::robustness(d, f.preset(d, "gezondheid-en-bestaanszekerheid"), s).value();
    ASSERT_EQ(r.areas.size(), 30u);
    for (std::size_t i = 0; i < r.areas.size(); ++i) {
        if (r.chosen.rank[i] == 0) continue;
        EXPECT_LE(r.areas[i].rank_low, r.areas[i].rank_high);
        EXPECT_GE(r.areas[i].priority_probability, 0);
        EXPECT_LE(r.areas[i].priority_probability, 1);
    }
}

TEST(OngelijkService, LowIncomeIsHigherInTheBuurtenWithTheLowestSesScore) {
    Demo f;
    auto d = f.buurten();
    services::InequalityRequest q;
    q.indicator = "fictief_laag_inkomen";
    q.ranking = "fictief_ses_score";
    q.ranking_direction = stats::Direction::HigherIsBetter;
    q.quantiles = 5;
    q.repetitions = 1000;
    auto r = Ongelijk::inequality(d, {}, q).value();
    ASSERT_EQ(r.rows.size(), 5u);
    EXPECT_GT(r.rows[0].value, r.rows[4].value);
    EXPECT_LT(r.sii.sii, 0);   // from most to least disadvantaged, low income falls
    EXPECT_LT(r.sii.sii_limits[0].upper, 0);
    EXPECT_GT(r.concentration.gap, 0);
    EXPECT_LT(r.concentration.index, 0);
    q.quantiles = 7;
    EXPECT_FALSE(Ongelijk::inequality(d, {}, q));
}

TEST(OngelijkService, SharesWithoutAUnitAreRecognisedByNameAndRange) {
    using services::is_percentage;
    std::vector<double> shares{12.5, 40, std::nan(""), 0, 100}, counts{12, 4000, 7};
    auto meta = [](std::string key, std::string label, std::string unit = "", std::string table = "84583NED") {
        storage::IndicatorMeta m;
        m.key = std::move(key), m.label = std::move(label), m.unit = std::move(unit), m.table_id = std::move(table);
        return m;
    };
    EXPECT_TRUE(is_percentage(meta("x", "Iets", "%"), counts));  // the source says so
    EXPECT_TRUE(is_percentage(meta("HuishoudensMetEenLaagInkomen_78", "Huishoudens met een laag inkomen"), shares));
    EXPECT_TRUE(is_percentage(meta("PercentageEengezinswoning_36", "Percentage eengezinswoning"), shares));
    EXPECT_TRUE(is_percentage(meta("p_hh_li", "p_hh_li"), shares));
    EXPECT_TRUE(is_percentage(meta("Overgewicht_12", "Overgewicht", "", "50140NED"), shares));
    EXPECT_FALSE(is_percentage(meta("HuishoudensMetEenLaagInkomen_78", "Huishoudens met een laag inkomen"), counts));
    EXPECT_FALSE(is_percentage(meta("AantalInwoners_5", "Aantal inwoners"), shares));
    EXPECT_FALSE(is_percentage(meta("p_hh_li", "p_hh_li", "aantal"), shares));
    EXPECT_FALSE(is_percentage(meta("Overgewicht_12", "Overgewicht", "", "84583NED"), shares));
}

TEST(OngelijkService, SimilarNeedsOtherGemeenten) {
    Demo f;
    auto r = f.ongelijk.similar("GM9901", std::nullopt, 5).value();
    EXPECT_EQ(r.candidates, 0u);
    EXPECT_TRUE(r.neighbours.empty());
    EXPECT_FALSE(r.indicator_labels.empty());
}

TEST(OngelijkService, SimilarDemoGemeentenComeNearestFirstOnSizeIncomeAndHealth) {
    Demo f;
    for (const auto& r : services::import_demo_comparison(*f.wd)) EXPECT_EQ(r.outcome, services::ImportOutcome::Imported) << r.file;
    for (const auto& r : services::import_demo_comparison(*f.wd)) EXPECT_EQ(r.outcome, services::ImportOutcome::Unchanged) << r.file;
    auto r = f.ongelijk.similar("GM9901", 2023, 3).value();
    EXPECT_EQ(r.candidates, 5u);
    ASSERT_EQ(r.indicator_labels.size(), 3u);  // size, income, health: Havenwaard has no urbanity figure
    EXPECT_NE(r.indicator_labels[0].find("grootte"), std::string::npos);
    ASSERT_EQ(r.neighbours.size(), 3u);
    // Eemhoven and Hoeverdonk were made to look like Havenwaard; Lindewijde is a big city.
    std::set<std::string> nearest{r.neighbours[0].gemeente.code, r.neighbours[1].gemeente.code};
    EXPECT_EQ(nearest, (std::set<std::string>{"GM9902", "GM9903"}));
    EXPECT_LE(r.neighbours[0].distance, r.neighbours[1].distance);
    EXPECT_LE(r.neighbours[1].distance, r.neighbours[2].distance);
    auto all = f.ongelijk.similar("GM9901", 2023, 10).value();
    ASSERT_EQ(all.neighbours.size(), 5u);
    EXPECT_EQ(all.neighbours.back().gemeente.code, "GM9904");  // small, rural, few low incomes
    auto back = f.ongelijk.similar("GM9906", 2023, 5).value();
    EXPECT_EQ(back.neighbours.size(), 5u);  // the demo gemeenten compare with Havenwaard too
}

}  // namespace
}  // namespace gezondin::testing

namespace gezondin::testing {
namespace {

// All 342 gemeenten of the national kerncijfers 2024 (population by sex and age only): the
// comparison runs over every gemeente of the year, with counts turned into shares.
TEST(OngelijkNational2024, SimilarGemeentenComeFromAllGemeentenOfTheYear) {
    auto file = shared_data() / "cbs_statline_exports_2024_2025/Kerncijfers_wijken_en_buurten_2024_geslachten.csv";
    if (!std::filesystem::exists(file)) GTEST_SKIP() << "no national kerncijfers 2024 in ../shared/data";
    WijkService s;
    ASSERT_FALSE(s.wd->import_file(file).error);
    Ongelijk ongelijk(*s.wd);
    auto r = ongelijk.similar("GM0363", 2024, 5).value();
    EXPECT_EQ(r.candidates, 341u);
    ASSERT_EQ(r.neighbours.size(), 5u);
    EXPECT_NE(r.indicator_labels[0].find("grootte"), std::string::npos);
    bool shares = false;
    for (const auto& l : r.indicator_labels) shares = shares || l.find("deel van het aantal inwoners") != std::string::npos;
    EXPECT_TRUE(shares);
    std::set<std::string> codes;
    for (const auto& n : r.neighbours) {
        EXPECT_EQ(n.gemeente.code.rfind("GM", 0), 0u);
        EXPECT_NE(n.gemeente.code, "GM0363");
        codes.insert(n.gemeente.code);
    }
    EXPECT_EQ(codes.size(), 5u);
    // The big cities are each other's nearest on size and age: Rotterdam or Utrecht is among them.
    EXPECT_TRUE(codes.count("GM0599") || codes.count("GM0344")) << "neighbours of Amsterdam";
}

// Amsterdam 2019 (kerncijfers wijken en buurten and SES-WOA from ../shared/data): the
// policy officer's path of the issue. Skipped when the files are absent.
TEST(OngelijkAmsterdam2019, IndexAllocationAndSiiOfLowIncomeAcrossSesDeciles) {
    if (!std::filesystem::exists(amsterdam_kwb()) || !std::filesystem::exists(amsterdam_ses())) GTEST_SKIP() << "no Amsterdam 2019 files";
    WijkService s;
    ASSERT_FALSE(s.wd->import_file(amsterdam_kwb()).error);
    ASSERT_FALSE(s.wd->import_file(amsterdam_ses()).error);
    Ongelijk ongelijk(*s.wd);
    auto d = ongelijk.data("GM0363", 2019, stats::AreaLevel::Buurt).value();
    EXPECT_GT(d.areas.size(), 400u);
    services::IndexRequest request;
    for (const auto& p : Ongelijk::presets(d))
        if (p.id == "bestaanszekerheid") request.indicators = p.indicators;
    ASSERT_FALSE(request.indicators.empty());
    stats::AllocationParams a;
    a.budget_cents = 100'000'000;
    auto alloc = Ongelijk::allocation(d, request, a).value();
    EXPECT_EQ(std::accumulate(alloc.result.cents.begin(), alloc.result.cents.end(), std::int64_t{0}), 100'000'000);

    services::InequalityRequest q;
    for (const auto& m : d.indicators) {
        if (m.key.rfind("HuishoudensMetEenLaagInkomen", 0) == 0) q.indicator = m.key;
        if (m.label.find("SES") != std::string::npos && m.label.find("Totaalscore") != std::string::npos && q.ranking.empty()) q.ranking = m.key;
    }
    ASSERT_FALSE(q.indicator.empty());
    ASSERT_FALSE(q.ranking.empty());
    q.ranking_direction = stats::Direction::HigherIsBetter;
    q.quantiles = 10;
    auto r = Ongelijk::inequality(d, request, q).value();
    EXPECT_EQ(r.rows.size(), 10u);
    EXPECT_LT(r.sii.sii, 0);   // more low-income households where the SES score is lowest
    EXPECT_LT(r.sii.sii_limits[0].upper, 0);
    EXPECT_TRUE(r.percentage);  // CBS gives no unit; the differences are procentpunt
}

}  // namespace
}  // namespace gezondin::testing
