#pragma once
// Robustness of the need index and the allocation: Monte Carlo over the choices a user makes.
//
// Each draw (seeded per draw, so results do not depend on the number of threads and are the
// same for the same seed):
//  - weights: Dirichlet(c * w / sum w) around the chosen weights w (c = concentration; larger
//    means closer to w), or w_k * exp(sigma Z - sigma^2 / 2) (multiplicative noise);
//  - normalisation: one of z-score, min-max, percentile rank at random (or the chosen one);
//  - aggregation: arithmetic or geometric mean at random (or the chosen one);
//  - the areas are ranked (1 = most need); the priority group is the top ceil(share * n);
//  - optionally the budget is allocated with the need = the draw's score rescaled to 0..1.
// Per area the summary gives the 5th-95th percentile of the rank and of the euros, and the
// share of draws in the priority group. Percentiles come from histograms (400 bins over the
// ranks; 400 log-spaced bins for euros between 1/16 and 16 times the area's reference amount),
// so they are exact for up to 400 areas and otherwise accurate to a bin. Draws score in single
// precision (about 1e-7 relative), so scores that close may rank either way. An area is
// "method dependent" when its priority probability lies strictly between 1 - r and r
// (r = robust_probability, default 0.9).

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/error.h"
#include "stats/allocation.h"
#include "stats/need_index.h"

namespace gezondin::stats {

enum class WeightNoise { Dirichlet, Multiplicative };

struct UncertaintySpec {
    int draws = 10000;
    std::uint64_t seed = 1;
    int threads = 2;
    WeightNoise weight_noise = WeightNoise::Dirichlet;
    double concentration = 50;  // Dirichlet
    double sigma = 0.25;        // multiplicative
    bool vary_normalisation = true;
    bool vary_aggregation = true;
    double priority_share = 0.2;
    double robust_probability = 0.9;
    std::optional<AllocationParams> allocation;  // set to get the euro range
};

struct AreaUncertainty {
    double rank_low = 0;   // 5th percentile of the rank (NaN without score)
    double rank_high = 0;  // 95th percentile
    double priority_probability = 0;
    double euros_low = 0;  // NaN without allocation
    double euros_high = 0;
    bool method_dependent = false;
};

struct UncertaintyResult {
    std::vector<AreaUncertainty> areas;
    NeedIndexResult chosen;           // the index with the chosen method and weights
    std::vector<double> chosen_euros; // unrounded allocation of the chosen method (may be empty)
};

// Validates like compute_need_index plus draws (1..1,000,000), threads (1..64), share and
// noise parameters. The rule for missing values and the rank transform come from `chosen`.
[[nodiscard]] core::Result<UncertaintyResult> analyse_uncertainty(std::span<const IndicatorInput> indicators,
                                                                  std::span<const double> population,
                                                                  const NeedIndexSpec& chosen,
                                                                  const UncertaintySpec& spec);

// Need for the allocation from index scores: (score - min) / (max - min), NaN stays NaN.
std::vector<double> need_from_scores(std::span<const double> scores);

}  // namespace gezondin::stats
