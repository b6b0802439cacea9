#include "stats/uncertainty_kernel.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

#include "stats/uncertainty.h"

namespace gezondin::stats::detail {
namespace {

constexpr std::uint16_t skip = 0xffff;

// Scores on a grid of 1/1000 (so distinct scores are far apart), with repeats, NaN and a far
// outlier that squeezes the others into a few buckets.
std::vector<float> grid_scores(std::size_t n, std::uint64_t seed, bool outlier) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> grid(0, static_cast<int>(n));
    std::vector<float> scores;
    for (std::size_t i = 0; i < n; ++i) scores.push_back(static_cast<float>(grid(rng)) / 1000);
    for (std::size_t i = 0; i < n; i += 17) scores[i] = std::nanf("");
    if (outlier) scores[n / 2] = 1e6f;
    return scores;
}

std::vector<std::uint16_t> position_bins(std::size_t n, std::size_t ranked, std::size_t bins) {
    std::vector<std::uint16_t> out;
    for (std::size_t k = 0; k < n; ++k) out.push_back(static_cast<std::uint16_t>(std::min(bins - 1, k * bins / ranked)));
    return out;
}

void expect_same_bins_as_full_sort(const std::vector<float>& scores) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (!std::isnan(scores[i])) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t l, std::size_t r) { return scores[l] > scores[r]; });
    std::size_t ranked = std::max<std::size_t>(1, order.size());
    auto bins = position_bins(scores.size(), ranked, std::min<std::size_t>(400, ranked));
    std::size_t top = order.size() / 5;
    std::vector<std::uint16_t> out(scores.size() * 2, 7);
    std::vector<std::uint32_t> in_top(scores.size(), 0);
    RankBins ranker;
    EXPECT_EQ(ranker.assign(scores, score_range(scores), bins, top, skip, out.data(), 2, in_top), order.size());
    std::vector<std::uint16_t> expected_bin(scores.size(), skip);
    std::vector<std::uint32_t> expected_top(scores.size(), 0);
    for (std::size_t k = 0; k < order.size(); ++k) {
        expected_bin[order[k]] = bins[k];
        expected_top[order[k]] = k < top ? 1 : 0;
    }
    for (std::size_t i = 0; i < scores.size(); ++i) {
        EXPECT_EQ(out[2 * i], expected_bin[i]) << "area " << i;
        EXPECT_EQ(out[2 * i + 1], 7) << "the other field is left alone";
        EXPECT_EQ(in_top[i], expected_top[i]) << "area " << i;
    }
}

TEST(UncertaintyKernel, RankBinsMatchAFullStableSort) {
    for (std::size_t n : {1u, 2u, 5u, 50u, 999u, 14574u}) expect_same_bins_as_full_sort(grid_scores(n, n, false));
}

TEST(UncertaintyKernel, RankBinsMatchAFullSortWhenAnOutlierFillsFewBuckets) {
    expect_same_bins_as_full_sort(grid_scores(5000, 9, true));
}

TEST(UncertaintyKernel, RankBinsWithoutAnyScoreTouchNothing) {
    std::vector<float> scores(10, std::nanf(""));
    std::vector<std::uint16_t> out(20, 3);
    std::vector<std::uint32_t> in_top(10, 0);
    RankBins ranker;
    EXPECT_EQ(ranker.assign(scores, score_range(scores), position_bins(10, 1, 1), 2, skip, out.data(), 2, in_top), 0u);
    for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(out[2 * i], skip);
    EXPECT_EQ(std::accumulate(in_top.begin(), in_top.end(), 0u), 0u);
}

TEST(UncertaintyKernel, ScoreRangeLeavesOutNaN) {
    std::vector<float> scores{std::nanf(""), 3, -2, std::nanf(""), 7, 1, std::nanf("")};
    auto range = score_range(scores);
    EXPECT_EQ(range.low, -2);
    EXPECT_EQ(range.high, 7);
}

struct AllocationCase {
    std::vector<double> population, need;
    AllocationParams params;
};

AllocationCase random_case(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> unit(0, 1);
    AllocationCase c;
    std::size_t n = 5 + static_cast<std::size_t>(unit(rng) * 300);
    for (std::size_t i = 0; i < n; ++i) {
        double u = unit(rng);
        c.population.push_back(u < 0.05 ? 0 : u < 0.08 ? std::nan("") : std::floor(50 + 5000 * unit(rng)));
        c.need.push_back(unit(rng) < 0.1 ? std::nan("") : unit(rng));
    }
    c.params.budget_cents = 1 + static_cast<std::int64_t>(unit(rng) * 1e9);
    c.params.universal_share = std::floor(unit(rng) * 5) / 4;
    const double powers[] = {0, 1, 2.5};
    c.params.proportionality = powers[static_cast<int>(unit(rng) * 3)];
    c.params.missing_need = unit(rng) < 0.5 ? MissingNeedRule::UniversalOnly : MissingNeedRule::Exclude;
    if (unit(rng) < 0.3) c.params.floor_per_inhabitant = unit(rng) * 2;
    if (unit(rng) < 0.3) c.params.cap_per_inhabitant = 2 + unit(rng) * 20;
    return c;
}

TEST(UncertaintyKernel, AllocationKernelAgreesWithAllocateUnrounded) {
    std::mt19937_64 rng(5);
    int compared = 0, refused = 0;
    for (int round = 0; round < 300; ++round) {
        AllocationCase c = random_case(rng);
        auto expected = allocate_unrounded({c.population, c.need, {}}, c.params);
        AllocationKernel kernel(c.population, c.params);
        std::vector<double> euros(c.population.size(), -1);
        bool ok = kernel.allocate(c.need, euros);
        if (!expected) {
            EXPECT_FALSE(ok) << "round " << round << ": " << expected.error().message();
            ++refused;
            continue;
        }
        ASSERT_TRUE(ok) << "round " << round;
        for (std::size_t i = 0; i < euros.size(); ++i) {
            EXPECT_NEAR(euros[i], (*expected)[i], 1e-9 * std::max(1.0, std::abs((*expected)[i]))) << "round " << round << " area " << i;
        }
        ++compared;
    }
    EXPECT_GT(compared, 200);
    EXPECT_GT(refused, 0);  // floors and caps that do not fit occur among the random cases
}

TEST(UncertaintyKernel, AllocationKernelRefusesWhenNoAreaHasNeedForTheTargetedPart) {
    std::vector<double> population{100, 200}, need{0, 0};
    AllocationParams params{100000, 0.5, 1};
    AllocationKernel kernel(population, params);
    std::vector<double> euros(2);
    EXPECT_FALSE(kernel.allocate(need, euros));
    need[1] = 0.5;
    EXPECT_TRUE(kernel.allocate(need, euros));
    EXPECT_NEAR(euros[0] + euros[1], 1000, 1e-9);
}

TEST(UncertaintyKernel, EuroBinsAgreeWithTheNaturalLogarithm) {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> unit(0, 1);
    const int bins = 400;
    const double span = std::log(16.0);
    std::vector<double> euros, inverse;
    for (int i = 0; i < 20000; ++i) {
        double ref = 10 + 1e6 * unit(rng);
        double factor = std::exp((unit(rng) * 2 - 1) * 4);  // e^-4 .. e^4: beyond both ends too
        euros.push_back(i % 50 == 0 ? 0.0 : ref * factor);
        inverse.push_back(i % 77 == 0 ? 0.0 : 1 / ref);
    }
    EuroBins binner(inverse, bins);
    std::vector<std::uint16_t> out(euros.size());
    binner.bin(euros, skip, out.data(), 1);
    int near_edge = 0;
    for (std::size_t i = 0; i < euros.size(); ++i) {
        if (inverse[i] == 0) { EXPECT_EQ(out[i], skip); continue; }
        if (euros[i] == 0) { EXPECT_EQ(out[i], 0); continue; }
        double r = std::clamp(std::log(euros[i] * inverse[i]), -span, span);
        double position = (r + span) / (2 * span) * bins;
        int expected = 1 + std::min(bins - 1, static_cast<int>(position));
        bool clamped = position <= 0 || position >= bins;
        if (!clamped && std::abs(position - std::round(position)) < 1e-4) { ++near_edge; continue; }
        EXPECT_EQ(out[i], expected) << "euros " << euros[i] << " inverse " << inverse[i];
    }
    EXPECT_LT(near_edge, 100);
}

TEST(UncertaintyKernel, SameSeedGivesTheSameAnalysisAndAnotherSeedAnother) {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<std::vector<double>> columns(4);
    std::vector<double> population;
    for (int i = 0; i < 300; ++i) {
        population.push_back(100 + std::floor(unit(rng) * 3000));
        for (auto& column : columns) column.push_back(unit(rng));
    }
    std::vector<IndicatorInput> in;
    for (std::size_t k = 0; k < columns.size(); ++k) in.push_back({"i" + std::to_string(k), columns[k]});
    UncertaintySpec spec;
    spec.draws = 400;
    spec.allocation = AllocationParams{100000000, 0.4, 1};
    auto first = analyse_uncertainty(in, population, NeedIndexSpec{}, spec);
    auto again = analyse_uncertainty(in, population, NeedIndexSpec{}, spec);
    spec.seed = 2;
    auto other = analyse_uncertainty(in, population, NeedIndexSpec{}, spec);
    ASSERT_TRUE(first && again && other);
    int differs = 0;
    for (std::size_t i = 0; i < population.size(); ++i) {
        EXPECT_EQ(first->areas[i].priority_probability, again->areas[i].priority_probability);
        EXPECT_EQ(first->areas[i].rank_low, again->areas[i].rank_low);
        EXPECT_EQ(first->areas[i].euros_high, again->areas[i].euros_high);
        differs += first->areas[i].priority_probability != other->areas[i].priority_probability ? 1 : 0;
    }
    EXPECT_GT(differs, 0);
}

}  // namespace
}  // namespace gezondin::stats::detail
