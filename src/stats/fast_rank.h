#pragma once
// Ranking for Monte Carlo loops, where std::sort per draw is too slow: a stable LSD radix
// sort on 32-bit keys. Scores are compared as floats, so scores within float precision
// (about 1e-7 relative) may rank in input order instead of by value.

#include <cstdint>
#include <span>
#include <vector>

namespace gezondin::stats {

class FastRanker {
public:
    // ranks[i] = 1 for the highest score, 2 for the next, ...; NaN scores get rank 0.
    // Returns the number of ranked (non-NaN) scores. Reuses its buffers between calls; one
    // FastRanker per thread.
    std::size_t rank_descending(std::span<const double> scores, std::vector<std::uint32_t>& ranks);

private:
    std::vector<std::uint32_t> m_keys, m_keys_tmp, m_index, m_index_tmp;
};

}  // namespace gezondin::stats
