#pragma once
// Normalisation of one indicator over a set of areas, the first step of a composite index.
// NaN stays NaN (missing or secret values never count in the reference statistics).

#include <span>
#include <vector>

namespace gezondin::stats {

enum class Normalisation {
    ZScore,          // (x - mean) / standard deviation
    MinMax,          // (x - min) / (max - min), 0..1
    PercentileRank,  // share of the reference weight below x plus half the weight at x, 0..1
};

// Which way an indicator points. The need index always makes higher = more need.
enum class Direction { HigherIsWorse, HigherIsBetter };

// Normalises `values`. With non-empty `weights` (e.g. population, same length) the mean,
// standard deviation and percentile ranks are weighted; min-max ignores weights. A constant
// indicator normalises to 0 (z-score, min-max) or 0.5 (percentile rank). Rows whose weight is
// NaN or <= 0 are normalised but do not shape the reference.
std::vector<double> normalise(std::span<const double> values, Normalisation method,
                              std::span<const double> weights = {});

// Turns the sign round for HigherIsBetter indicators so that higher always means more need;
// for percentile ranks and min-max it maps x to 1 - x so the range stays 0..1.
void orient(std::vector<double>& normalised, Normalisation method, Direction direction);

// The exponential transformation of the English indices of deprivation: with R the rank
// scaled to (0, 1] (1 = most need), X = -23 ln(1 - R (1 - exp(-100/23))), so X runs from
// about 0 to 100 and stretches the high-need tail. NaN stays NaN; tied scores share the higher R.
std::vector<double> exponential_rank_transform(std::span<const double> scores);

// Ranks with 1 = highest value; ties share the lowest rank number; NaN gets rank 0.
std::vector<int> descending_ranks(std::span<const double> scores);

}  // namespace gezondin::stats
