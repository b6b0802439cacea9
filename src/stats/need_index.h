#pragma once
// The need index (kansenindex): a composite score per area from several indicators.
//
// Steps, per area i and indicator k with weight w_k (weights are rescaled to sum to 1):
//  1. normalise indicator k over the areas (z-score, min-max or percentile rank; optionally
//     population-weighted reference statistics), then orient it so higher = more need;
//  2. optionally replace each normalised indicator by its exponential rank transform
//     (see normalise.h), as the English indices of deprivation do with their domains;
//  3. aggregate: arithmetic mean sum_k w_k x_ik, or geometric mean prod_k y_ik^w_k where
//     y = 1 + 99 (x - min) / (max - min) puts every indicator on 1..100 first (a geometric
//     mean needs positive numbers);
//  4. rank (1 = most need) and decile (1 = the 10% of areas with most need).
// An area with a missing (or secret) value in any indicator gets no score (rule Exclude) or
// a score from its available indicators with their weights rescaled (rule UseAvailable).

#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "stats/normalise.h"

namespace gezondin::stats {

enum class Aggregation { ArithmeticMean, GeometricMean };
enum class MissingValueRule { Exclude, UseAvailable };
enum class RankTransform { None, Exponential };

struct IndicatorInput {
    std::string key;
    std::span<const double> values;  // one per area; NaN = missing or secret
    Direction direction = Direction::HigherIsWorse;
    double weight = 1;
};

struct NeedIndexSpec {
    Normalisation normalisation = Normalisation::ZScore;
    Aggregation aggregation = Aggregation::ArithmeticMean;
    RankTransform rank_transform = RankTransform::None;
    MissingValueRule missing = MissingValueRule::Exclude;
    bool population_weighted = false;
};

struct NeedIndexResult {
    std::vector<double> score;  // NaN for areas without a score
    std::vector<int> rank;      // 1 = most need; 0 without a score
    std::vector<int> decile;    // 1 = most need; 0 without a score
    std::vector<std::size_t> missing;  // areas with at least one missing indicator value
};

// The normalised, oriented (and optionally transformed) indicator columns of steps 1-2.
// Exposed so that Monte Carlo runs can normalise once and aggregate many times.
std::vector<std::vector<double>> prepare_indicators(std::span<const IndicatorInput> indicators,
                                                    std::span<const double> population,
                                                    const NeedIndexSpec& spec);

// Steps 3-4 on prepared columns with the given weights (same order, not yet rescaled).
NeedIndexResult aggregate_need(const std::vector<std::vector<double>>& prepared, std::span<const double> weights,
                               const NeedIndexSpec& spec);

// Validates (at least one indicator, equal lengths, weights >= 0 with a positive sum,
// population given when population_weighted) and runs all steps. Messages in Dutch.
[[nodiscard]] core::Result<NeedIndexResult> compute_need_index(std::span<const IndicatorInput> indicators,
                                                               std::span<const double> population,
                                                               const NeedIndexSpec& spec);

// Deciles from ranks: decile = floor((rank - 1) * 10 / n) + 1, n = number of ranked areas.
std::vector<int> deciles_from_ranks(std::span<const int> ranks);

}  // namespace gezondin::stats
