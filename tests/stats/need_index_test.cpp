#include "stats/need_index.h"

#include <cmath>

#include <gtest/gtest.h>

#include "stats/presets.h"

namespace gezondin::stats {
namespace {

const double nan = std::nan("");

TEST(Normalise, ZScoreUsesThePopulationStandardDeviation) {
    std::vector<double> v = {1, 2, 3};
    auto z = normalise(v, Normalisation::ZScore);
    EXPECT_NEAR(z[0], -std::sqrt(1.5), 1e-12);
    EXPECT_NEAR(z[1], 0, 1e-12);
}

// Weights 3 and 1: mean 2.5, variance (3 * 6.25 + 56.25) / 4 = 18.75.
TEST(Normalise, WeightedZScoreCountsLargeAreasMore) {
    std::vector<double> v = {0, 10}, w = {3, 1};
    auto z = normalise(v, Normalisation::ZScore, w);
    EXPECT_NEAR(z[0], -2.5 / std::sqrt(18.75), 1e-12);
    EXPECT_NEAR(z[1], 7.5 / std::sqrt(18.75), 1e-12);
}

TEST(Normalise, PercentileRankGivesTiesTheMidpoint) {
    std::vector<double> v = {10, 20, 20, 30, nan};
    auto p = normalise(v, Normalisation::PercentileRank);
    EXPECT_DOUBLE_EQ(p[0], 0.125);
    EXPECT_DOUBLE_EQ(p[1], 0.5);
    EXPECT_DOUBLE_EQ(p[2], 0.5);
    EXPECT_DOUBLE_EQ(p[3], 0.875);
    EXPECT_TRUE(std::isnan(p[4]));
}

TEST(Normalise, OrientFlipsMinMaxWithinZeroToOne) {
    std::vector<double> v = {5, 10, 15};
    auto m = normalise(v, Normalisation::MinMax);
    orient(m, Normalisation::MinMax, Direction::HigherIsBetter);
    EXPECT_EQ(m, (std::vector<double>{1, 0.5, 0}));
}

TEST(Normalise, ExponentialTransformGivesTheMostNeedOneHundred) {
    std::vector<double> scores = {5, 1};
    auto x = exponential_rank_transform(scores);
    EXPECT_NEAR(x[0], 100, 1e-12);
    EXPECT_NEAR(x[1], -23 * std::log(1 - 0.5 * (1 - std::exp(-100.0 / 23))), 1e-12);
}

TEST(NeedIndex, ArithmeticMeanOfMinMaxScoresWithDirection) {
    std::vector<double> low_income = {10, 20, 30}, health = {80, 70, 60};
    std::vector<IndicatorInput> in = {{"laag_inkomen", low_income, Direction::HigherIsWorse, 1},
                                      {"gezond", health, Direction::HigherIsBetter, 3}};
    NeedIndexSpec spec{Normalisation::MinMax};
    auto result = compute_need_index(in, {}, spec);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->score, (std::vector<double>{0, 0.5, 1}));
    EXPECT_EQ(result->rank, (std::vector<int>{3, 2, 1}));
}

// Min-max gives 0, 0.5, 1 for both indicators; 1..100 scale gives 1, 50.5, 100; equal
// weights: the geometric mean of equal numbers is that number.
TEST(NeedIndex, GeometricMeanUsesTheOneToHundredScale) {
    std::vector<double> a = {1, 2, 3}, b = {4, 5, 6};
    std::vector<IndicatorInput> in = {{"a", a}, {"b", b}};
    auto result = compute_need_index(in, {}, NeedIndexSpec{Normalisation::MinMax, Aggregation::GeometricMean});
    ASSERT_TRUE(result);
    EXPECT_NEAR(result->score[0], 1, 1e-12);
    EXPECT_NEAR(result->score[1], 50.5, 1e-12);
    EXPECT_NEAR(result->score[2], 100, 1e-12);
}

TEST(NeedIndex, MissingValuesExcludeOrUseAvailableIndicators) {
    std::vector<double> a = {1, 2, 3}, b = {4, nan, 6};
    std::vector<IndicatorInput> in = {{"a", a}, {"b", b}};
    NeedIndexSpec spec{Normalisation::MinMax};
    auto excluded = compute_need_index(in, {}, spec);
    ASSERT_TRUE(excluded);
    EXPECT_TRUE(std::isnan(excluded->score[1]));
    EXPECT_EQ(excluded->rank[1], 0);
    EXPECT_EQ(excluded->missing, std::vector<std::size_t>{1});
    spec.missing = MissingValueRule::UseAvailable;
    auto available = compute_need_index(in, {}, spec);
    EXPECT_DOUBLE_EQ(available->score[1], 0.5);
}

TEST(NeedIndex, DecilesSplitRanksIntoTenths) {
    std::vector<int> ranks;
    for (int r = 1; r <= 20; ++r) ranks.push_back(r);
    ranks.push_back(0);
    auto deciles = deciles_from_ranks(ranks);
    EXPECT_EQ(deciles[0], 1);
    EXPECT_EQ(deciles[1], 1);
    EXPECT_EQ(deciles[2], 2);
    EXPECT_EQ(deciles[19], 10);
    EXPECT_EQ(deciles[20], 0);
}

TEST(NeedIndex, BadWeightsAreRefused) {
    std::vector<double> a = {1, 2};
    std::vector<IndicatorInput> in = {{"a", a, Direction::HigherIsWorse, 0}};
    EXPECT_FALSE(compute_need_index(in, {}, NeedIndexSpec{}));
    EXPECT_FALSE(compute_need_index({}, {}, NeedIndexSpec{}));
}

TEST(Presets, CombinedPresetHalvesTheWeightsOfBothParts) {
    const auto& presets = need_index_presets();
    ASSERT_EQ(presets.size(), 3u);
    double sum_health = 0, sum_both = 0;
    for (const auto& i : presets[0].indicators) sum_health += i.weight;
    for (const auto& i : presets[2].indicators) sum_both += i.weight;
    EXPECT_EQ(presets[2].indicators.size(), presets[0].indicators.size() + presets[1].indicators.size());
    EXPECT_DOUBLE_EQ(sum_both, sum_health);
}

}  // namespace
}  // namespace gezondin::stats
