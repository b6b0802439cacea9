#include "stats/fast_rank.h"

#include <array>
#include <cmath>
#include <cstring>

namespace gezondin::stats {
namespace {

// Maps a float to an unsigned key whose order is the reverse of the float order.
std::uint32_t descending_key(double score) {
    float f = static_cast<float>(score);
    std::uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    std::uint32_t ascending = (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
    return ~ascending;
}

}  // namespace

std::size_t FastRanker::rank_descending(std::span<const double> scores, std::vector<std::uint32_t>& ranks) {
    m_keys.clear();
    m_index.clear();
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (std::isnan(scores[i])) continue;
        m_keys.push_back(descending_key(scores[i]));
        m_index.push_back(static_cast<std::uint32_t>(i));
    }
    std::size_t n = m_keys.size();
    m_keys_tmp.resize(n);
    m_index_tmp.resize(n);
    for (int shift = 0; shift < 32; shift += 11) {
        std::array<std::uint32_t, 2048> count{};
        for (std::uint32_t key : m_keys) ++count[(key >> shift) & 2047u];
        std::uint32_t position = 0;
        for (auto& c : count) {
            std::uint32_t here = c;
            c = position;
            position += here;
        }
        for (std::size_t k = 0; k < n; ++k) {
            std::uint32_t slot = count[(m_keys[k] >> shift) & 2047u]++;
            m_keys_tmp[slot] = m_keys[k];
            m_index_tmp[slot] = m_index[k];
        }
        m_keys.swap(m_keys_tmp);
        m_index.swap(m_index_tmp);
    }
    ranks.assign(scores.size(), 0);
    for (std::size_t k = 0; k < n; ++k) ranks[m_index[k]] = static_cast<std::uint32_t>(k + 1);
    return n;
}

}  // namespace gezondin::stats
