#pragma once
// The inner loop of the uncertainty analysis (uncertainty.h), split out so it can be tested
// on its own. Everything here works on buffers it owns and reuses, so a draw allocates
// nothing; one object of each class per thread.

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "stats/allocation.h"

namespace gezondin::stats::detail {

// Normalised indicator columns of one normalisation/aggregation variant in single precision,
// one column after the other (column k starts at k * areas).
struct FloatColumns {
    std::size_t areas = 0;
    std::vector<float> values;
    const float* column(std::size_t k) const { return values.data() + k * areas; }
};

FloatColumns to_float_columns(const std::vector<std::vector<double>>& columns, std::size_t areas);

// score_i = sum_k w_k x_ik / sum_k w_k, skipping indicators with weight 0. With
// `use_available` missing (NaN) values are left out and the weights of the others rescaled;
// otherwise one NaN makes the score NaN. `used` is scratch space of `areas` floats.
void weighted_scores(const FloatColumns& columns, std::span<const double> weights, bool use_available,
                     std::span<float> score, std::span<float> used);

struct ScoreRange {
    float low = INFINITY;  // both infinite when there is no score
    float high = -INFINITY;
};

// Smallest and largest score, NaN left out.
ScoreRange score_range(std::span<const float> scores);

// Rank bins of float scores without a full sort. Positions count from 0 for the highest
// score; NaN scores have no position. Scores closer together than 2^-31 of the range of
// scores count as tied, and ties take positions in input order.
class RankBins {
public:
    // For every area: bin_out[area * stride] = position_bin[its position] (`skip` without a
    // score), and in_top[area] is increased by one when its position is below `top`.
    // `range` must be score_range(scores); position_bin needs an entry per area. Returns the
    // number of areas with a score.
    std::size_t assign(std::span<const float> scores, ScoreRange range, std::span<const std::uint16_t> position_bin,
                       std::size_t top, std::uint16_t skip, std::uint16_t* bin_out, std::size_t stride,
                       std::span<std::uint32_t> in_top);

private:
    std::uint32_t count_buckets(std::uint32_t buckets);
    void mark_buckets(std::span<const std::uint16_t> position_bin, std::size_t top, std::uint16_t skip,
                      std::uint32_t buckets);

    std::vector<std::uint32_t> m_keys, m_bucket, m_start, m_cursor, m_step, m_mixed_list;
    std::vector<std::uint16_t> m_bucket_bin;
    std::vector<std::uint32_t> m_bucket_top;
    std::vector<std::uint64_t> m_sorted;  // key << 32 | area for the mixed buckets, and a spare slot
};

// allocate_unrounded() for a fixed population and parameters and many need vectors: the same
// formula without validation or memory allocation per call; sums are taken in a different
// order, so amounts can differ from allocate_unrounded() in the last bits. The parameters
// must have passed allocate()'s checks and have no damping.
class AllocationKernel {
public:
    AllocationKernel(std::span<const double> population, const AllocationParams& params);

    // Writes euros per area (0 for areas that take no part). Returns false where
    // allocate_unrounded() would return an error (no inhabitants, no need to divide the
    // targeted part over, or floors and caps that do not fit the budget).
    bool allocate(std::span<const double> need, std::span<double> euros);

private:
    bool fit_floors_and_caps(std::span<double> euros);
    double clamped_total(std::span<const double> euros, double scale) const;

    std::span<const double> m_population;
    AllocationParams m_params;
    std::vector<double> m_people;  // population where valid, else 0
    std::vector<double> m_part;  // population of the areas that take part in this call, else 0
    std::vector<double> m_power, m_weight, m_low, m_high;
};

// Bins of euros relative to a reference amount on the analysis' log scale: 0 for no euros,
// else 1 + floor((log2(e / ref) + 4) * bins / 8) clamped to 1..bins, so the bins cover
// ref / 16 .. ref * 16 in equal ratios. `inverse_ref` holds 1 / ref per area, 0 for areas
// without a reference amount, which get `skip`. Uses a polynomial log2 accurate to about
// 1e-7, far below the width of a bin (8 / bins).
class EuroBins {
public:
    EuroBins(std::span<const double> inverse_ref, int bins);  // keeps the span
    void bin(std::span<const double> euros, std::uint16_t skip, std::uint16_t* out, std::size_t stride);

private:
    std::span<const double> m_inverse_ref;
    int m_bins;
    std::vector<float> m_ratio;
    std::vector<std::int32_t> m_bin;
};

// The need for the allocation from a draw's scores: (S - min) / (max - min), NaN stays NaN,
// with S = exp(score) when `exponentiate` (geometric mean; score is then overwritten).
// `range` is score_range(score) before exponentiation.
void need_from_float_scores(std::span<float> score, ScoreRange range, bool exponentiate, std::span<double> need);

}  // namespace gezondin::stats::detail
