#include "stats/uncertainty.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace gezondin::stats {
namespace {

struct Fixture {
    std::vector<std::vector<double>> columns;
    std::vector<double> population;
    std::vector<IndicatorInput> indicators() const {
        std::vector<IndicatorInput> in;
        for (std::size_t k = 0; k < columns.size(); ++k) in.push_back({"i" + std::to_string(k), columns[k]});
        return in;
    }
};

Fixture random_fixture(std::size_t areas, std::size_t indicators, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0, 1);
    Fixture f;
    f.columns.resize(indicators);
    for (std::size_t i = 0; i < areas; ++i) {
        f.population.push_back(100 + std::floor(unit(rng) * 3000));
        for (auto& column : f.columns) column.push_back(unit(rng));
    }
    return f;
}

UncertaintySpec fixed_method_spec() {
    UncertaintySpec spec;
    spec.draws = 200;
    spec.weight_noise = WeightNoise::Multiplicative;
    spec.sigma = 0;
    spec.vary_normalisation = false;
    spec.vary_aggregation = false;
    return spec;
}

TEST(Uncertainty, WithoutAnyVariationEveryDrawRepeatsTheChosenMethod) {
    Fixture f = random_fixture(50, 4, 1);
    auto in = f.indicators();
    UncertaintySpec spec = fixed_method_spec();
    spec.allocation = AllocationParams{100000000, 0.4, 1};
    auto result = analyse_uncertainty(in, f.population, NeedIndexSpec{}, spec);
    ASSERT_TRUE(result) << result.error().message();
    for (std::size_t i = 0; i < 50; ++i) {
        EXPECT_EQ(result->areas[i].rank_low, result->chosen.rank[i]);
        EXPECT_EQ(result->areas[i].rank_high, result->chosen.rank[i]);
        EXPECT_EQ(result->areas[i].priority_probability, result->chosen.rank[i] <= 10 ? 1.0 : 0.0);
        EXPECT_FALSE(result->areas[i].method_dependent);
        double euros = result->chosen_euros[i];
        EXPECT_LE(result->areas[i].euros_low, euros * 1.0001);
        EXPECT_GE(result->areas[i].euros_high, euros * 0.9999);
        EXPECT_LT(result->areas[i].euros_high / result->areas[i].euros_low, std::exp(2 * std::log(16.0) / 400) + 1e-9);
    }
}

TEST(Uncertainty, ResultDoesNotDependOnTheNumberOfThreads) {
    Fixture f = random_fixture(80, 5, 2);
    auto in = f.indicators();
    UncertaintySpec spec;
    spec.draws = 300;
    spec.threads = 1;
    auto one = analyse_uncertainty(in, f.population, NeedIndexSpec{}, spec);
    spec.threads = 2;
    auto two = analyse_uncertainty(in, f.population, NeedIndexSpec{}, spec);
    ASSERT_TRUE(one && two);
    for (std::size_t i = 0; i < 80; ++i) {
        EXPECT_EQ(one->areas[i].rank_low, two->areas[i].rank_low);
        EXPECT_EQ(one->areas[i].rank_high, two->areas[i].rank_high);
        EXPECT_EQ(one->areas[i].priority_probability, two->areas[i].priority_probability);
    }
}

TEST(Uncertainty, AnAreaWorstOnEveryIndicatorIsRobustlyPriority) {
    Fixture f = random_fixture(60, 3, 3);
    for (auto& column : f.columns) column[7] = 5;  // far above the 0..1 of the others
    auto in = f.indicators();
    UncertaintySpec spec;
    spec.draws = 500;
    auto result = analyse_uncertainty(in, f.population, NeedIndexSpec{}, spec);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->areas[7].priority_probability, 1.0);
    EXPECT_EQ(result->areas[7].rank_low, 1);
    EXPECT_EQ(result->areas[7].rank_high, 1);
    int dependent = 0;
    for (const auto& area : result->areas) dependent += area.method_dependent ? 1 : 0;
    EXPECT_GT(dependent, 0);  // random indicators: some areas must sit on the edge
}

TEST(Uncertainty, AreasWithoutScoreHaveNoRankInterval) {
    Fixture f = random_fixture(20, 2, 4);
    f.columns[1][3] = std::nan("");
    auto in = f.indicators();
    auto result = analyse_uncertainty(in, f.population, NeedIndexSpec{}, fixed_method_spec());
    ASSERT_TRUE(result);
    EXPECT_TRUE(std::isnan(result->areas[3].rank_low));
    EXPECT_EQ(result->areas[3].priority_probability, 0.0);
}

TEST(Uncertainty, BadSettingsAreRefused) {
    Fixture f = random_fixture(10, 2, 5);
    auto in = f.indicators();
    UncertaintySpec spec;
    spec.draws = 0;
    EXPECT_FALSE(analyse_uncertainty(in, f.population, NeedIndexSpec{}, spec));
    spec.draws = 10;
    spec.priority_share = 0;
    EXPECT_FALSE(analyse_uncertainty(in, f.population, NeedIndexSpec{}, spec));
}

}  // namespace
}  // namespace gezondin::stats
