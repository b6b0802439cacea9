#pragma once
// Similar areas: the k nearest neighbours of one area on standardised indicators.
//
// Every indicator becomes a z-score over all areas (unweighted). The distance between two
// areas is the root mean square of the weighted z-score differences over the indicators
// both have: d = sqrt(sum_k w_k (z_ak - z_bk)^2 / sum_k w_k), k shared. Pairs that share
// fewer than min_shared indicators are not compared, so missing values never shrink a
// distance to zero by accident.

#include <span>
#include <vector>

#include "core/error.h"

namespace gezondin::stats {

struct Neighbour {
    std::size_t area = 0;
    double distance = 0;
    std::size_t shared = 0;  // number of indicators compared
};

struct SimilarityOptions {
    std::size_t k = 5;
    std::size_t min_shared = 1;
    std::vector<double> weights;  // per indicator; empty = all 1
};

// `columns[k][i]` is indicator k of area i (NaN = missing). `candidates` limits the answer
// (e.g. buurten of other municipalities); empty = every other area. Nearest first; ties by
// lower area index. Fails (Dutch) on an unknown target or columns of unequal length.
[[nodiscard]] core::Result<std::vector<Neighbour>> nearest_areas(const std::vector<std::vector<double>>& columns,
                                                                 std::size_t target,
                                                                 std::span<const std::size_t> candidates,
                                                                 const SimilarityOptions& options);

}  // namespace gezondin::stats
