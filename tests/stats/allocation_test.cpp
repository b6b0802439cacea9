#include "stats/allocation.h"

#include <cmath>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

namespace gezondin::stats {
namespace {

struct Case {
    std::vector<double> population;
    std::vector<double> need;
    std::vector<double> previous;
    AllocationParams params;
};

std::int64_t total(const std::vector<std::int64_t>& cents) { return std::accumulate(cents.begin(), cents.end(), std::int64_t{0}); }

Case random_case(std::mt19937_64& rng, bool with_limits) {
    std::uniform_int_distribution<int> size(1, 60);
    std::uniform_real_distribution<double> unit(0, 1);
    Case c;
    int n = size(rng);
    for (int i = 0; i < n; ++i) {
        c.population.push_back(std::floor(50 + 5000 * unit(rng)));
        c.need.push_back(unit(rng) * 10);
    }
    c.params.budget_cents = static_cast<std::int64_t>(unit(rng) * 1e9);
    c.params.universal_share = unit(rng);
    c.params.proportionality = unit(rng) * 3;
    double per_person = c.params.budget_cents / 100.0 / std::accumulate(c.population.begin(), c.population.end(), 0.0);
    if (with_limits) {
        c.params.floor_per_inhabitant = per_person * unit(rng) * 0.8;
        c.params.cap_per_inhabitant = per_person * (1.2 + unit(rng) * 2);
    }
    return c;
}

AllocationInput input_of(const Case& c) { return {c.population, c.need, c.previous}; }

TEST(Allocation, HandComputedTwoAreaExample) {
    Case c{{100, 100}, {1, 3}, {}, {}};
    c.params.budget_cents = 100000;
    c.params.universal_share = 0.5;
    c.params.proportionality = 1;
    auto result = allocate(input_of(c), c.params);
    ASSERT_TRUE(result) << result.error().message();
    EXPECT_EQ(result->cents, (std::vector<std::int64_t>{37500, 62500}));
    EXPECT_DOUBLE_EQ(result->euros_per_inhabitant[1], 6.25);
}

TEST(Allocation, LeftoverCentGoesToLargestFraction) {
    Case c{{1, 1, 1}, {1, 1, 1}, {}, {}};
    c.params.budget_cents = 100;  // 33.33... cents each; one cent left, first area wins the tie
    auto result = allocate(input_of(c), c.params);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->cents, (std::vector<std::int64_t>{34, 33, 33}));
}

TEST(Allocation, RandomInputsAddUpToTheBudgetToTheCentAndKeepFloorsAndCaps) {
    std::mt19937_64 rng(11);
    for (int k = 0; k < 300; ++k) {
        Case c = random_case(rng, k % 2 == 0);
        auto result = allocate(input_of(c), c.params);
        ASSERT_TRUE(result) << result.error().message();
        EXPECT_EQ(total(result->cents), c.params.budget_cents);
        for (std::size_t i = 0; i < c.population.size(); ++i) {
            double euros = result->cents[i] / 100.0;
            EXPECT_GE(euros, c.params.floor_per_inhabitant * c.population[i] - 1e-6);
            if (c.params.cap_per_inhabitant > 0) {
                EXPECT_LE(euros, c.params.cap_per_inhabitant * c.population[i] + 1e-6);
            }
        }
    }
}

TEST(Allocation, ProportionalityZeroGivesTheSameAmountPerInhabitant) {
    std::mt19937_64 rng(12);
    for (int k = 0; k < 100; ++k) {
        Case c = random_case(rng, false);
        c.params.proportionality = 0;
        auto result = allocate(input_of(c), c.params);
        ASSERT_TRUE(result);
        double people = std::accumulate(c.population.begin(), c.population.end(), 0.0);
        for (std::size_t i = 0; i < c.population.size(); ++i) {
            double exact = c.params.budget_cents * c.population[i] / people;
            EXPECT_LT(std::fabs(result->cents[i] - exact), 1.0);
        }
    }
}

TEST(Allocation, MoreNeedNeverGivesLessPerInhabitant) {
    std::mt19937_64 rng(13);
    for (int k = 0; k < 200; ++k) {
        Case c = random_case(rng, k % 2 == 0);
        auto exact = allocate_unrounded(input_of(c), c.params);
        auto rounded = allocate(input_of(c), c.params);
        ASSERT_TRUE(exact && rounded);
        for (std::size_t i = 0; i < c.need.size(); ++i) {
            for (std::size_t j = 0; j < c.need.size(); ++j) {
                if (c.need[i] <= c.need[j]) continue;
                double pi = (*exact)[i] / c.population[i];
                double pj = (*exact)[j] / c.population[j];
                EXPECT_GE(pi, pj * (1 - 1e-12));
                double slack = 0.01 / c.population[i] + 0.01 / c.population[j];
                EXPECT_GE(rounded->euros_per_inhabitant[i], rounded->euros_per_inhabitant[j] - slack);
            }
        }
    }
}

// Removing an area with unknown need (rule Exclude) or without inhabitants must give the
// other areas exactly what they get when the area is left out of the input altogether.
TEST(Allocation, MissingInputsAreListedAndDoNotInfluenceOtherAreas) {
    std::mt19937_64 rng(14);
    for (int k = 0; k < 100; ++k) {
        Case c = random_case(rng, false);
        c.params.missing_need = MissingNeedRule::Exclude;
        Case without = c;
        c.need.push_back(std::nan(""));
        c.population.push_back(1234);
        c.need.push_back(99);
        c.population.push_back(std::nan(""));
        auto with_missing = allocate(input_of(c), c.params);
        auto reference = allocate(input_of(without), without.params);
        ASSERT_TRUE(with_missing && reference);
        std::size_t n = without.population.size();
        EXPECT_EQ(with_missing->missing_need, std::vector<std::size_t>{n});
        EXPECT_EQ(with_missing->no_population, std::vector<std::size_t>{n + 1});
        EXPECT_EQ(with_missing->cents[n], 0);
        EXPECT_EQ(with_missing->cents[n + 1], 0);
        with_missing->cents.resize(n);
        EXPECT_EQ(with_missing->cents, reference->cents);
    }
}

TEST(Allocation, MissingNeedWithUniversalOnlyGetsTheUniversalShareOnly) {
    Case c{{100, 100, 200}, {1, 3, std::nan("")}, {}, {}};
    c.params.budget_cents = 100000;
    c.params.universal_share = 0.4;
    auto result = allocate(input_of(c), c.params);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->cents[2], 20000);  // 0.4 * 1000 euro * 200 / 400 inhabitants
    EXPECT_EQ(result->missing_need, std::vector<std::size_t>{2});
    EXPECT_EQ(total(result->cents), 100000);
}

TEST(Allocation, FullDampingReproducesThePreviousSplit) {
    Case c{{100, 100}, {1, 9}, {300, 700}, {}};
    c.params.budget_cents = 200000;
    c.params.damping = 1;
    auto result = allocate(input_of(c), c.params);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->cents, (std::vector<std::int64_t>{60000, 140000}));
}

TEST(Allocation, BadParametersAreRefusedInDutch) {
    Case c{{100, 100}, {1, -1}, {}, {}};
    c.params.budget_cents = 1000;
    auto negative = allocate(input_of(c), c.params);
    ASSERT_FALSE(negative);
    EXPECT_NE(negative.error().message().find("negatief"), std::string::npos);
    c.need = {1, 2};
    c.params.damping = 0.5;
    EXPECT_FALSE(allocate(input_of(c), c.params));
    c.params.damping = 0;
    c.params.floor_per_inhabitant = 100;  // 200 inhabitants * 100 euro > 10 euro budget
    EXPECT_FALSE(allocate(input_of(c), c.params));
}

}  // namespace
}  // namespace gezondin::stats
