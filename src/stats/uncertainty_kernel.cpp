#include "stats/uncertainty_kernel.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

namespace gezondin::stats::detail {
namespace {

// log2 for 2^-5 <= t <= 2^5: exponent from the bits, and for the mantissa m (moved into
// [sqrt 1/2, sqrt 2)) ln m = 2 atanh y with y = (m - 1) / (m + 1), |y| < 0.172, by its series
// to y^7 (the first term left out is below 4e-8). Branch-free so the loop vectorises.
float log2_near_one(float t) {
    auto bits = std::bit_cast<std::uint32_t>(t);
    float exponent = static_cast<float>(static_cast<int>(bits >> 23) - 127);
    float m = std::bit_cast<float>((bits & 0x007fffffu) | 0x3f800000u);
    bool big = m > 1.41421356f;
    m = big ? m * 0.5f : m;
    exponent += big ? 1.0f : 0.0f;
    float y = (m - 1.0f) / (m + 1.0f);
    float y2 = y * y;
    float ln = 2.0f * y * (1.0f + y2 * (1.0f / 3 + y2 * (1.0f / 5 + y2 * (1.0f / 7))));
    return exponent + ln * 1.44269504f;
}

// Four running sums instead of one, so the additions do not wait for each other.
double sum(const std::vector<double>& x) {
    double part[4] = {0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 4 <= x.size(); i += 4) {
        for (int j = 0; j < 4; ++j) part[j] += x[i + j];
    }
    for (; i < x.size(); ++i) part[0] += x[i];
    return (part[0] + part[1]) + (part[2] + part[3]);
}

// Mixed buckets mostly hold a handful of items, where insertion sort beats std::sort's
// set-up; skewed scores can fill a bucket, which then gets std::sort.
void small_sort(std::uint64_t* first, std::uint64_t* last) {
    if (last - first > 32) return std::sort(first, last);
    for (std::uint64_t* i = first + 1; i < last; ++i) {
        std::uint64_t item = *i;
        std::uint64_t* j = i;
        for (; j > first && *(j - 1) > item; --j) *j = *(j - 1);
        *j = item;
    }
}

}  // namespace

FloatColumns to_float_columns(const std::vector<std::vector<double>>& columns, std::size_t areas) {
    FloatColumns out{areas, std::vector<float>(columns.size() * areas)};
    for (std::size_t k = 0; k < columns.size(); ++k) {
        std::transform(columns[k].begin(), columns[k].end(), out.values.begin() + k * areas,
                       [](double x) { return static_cast<float>(x); });
    }
    return out;
}

void weighted_scores(const FloatColumns& columns, std::span<const double> weights, bool use_available,
                     std::span<float> score, std::span<float> used) {
    const std::size_t n = columns.areas;
    double total = 0;
    for (double w : weights) total += w;
    float* s = score.data();
    std::fill(s, s + n, 0.0f);
    if (!use_available) {
        // NaN propagates through the sum, which is exactly the Exclude rule.
        for (std::size_t k = 0; k < weights.size(); ++k) {
            if (weights[k] == 0) continue;
            const float w = static_cast<float>(weights[k] / total);
            const float* x = columns.column(k);
            for (std::size_t i = 0; i < n; ++i) s[i] += w * x[i];
        }
        return;
    }
    float* u = used.data();
    std::fill(u, u + n, 0.0f);
    for (std::size_t k = 0; k < weights.size(); ++k) {
        if (weights[k] == 0) continue;
        const float w = static_cast<float>(weights[k] / total);
        const float* x = columns.column(k);
        for (std::size_t i = 0; i < n; ++i) {
            bool present = x[i] == x[i];
            s[i] += present ? w * x[i] : 0.0f;
            u[i] += present ? w : 0.0f;
        }
    }
    for (std::size_t i = 0; i < n; ++i) s[i] = u[i] > 0 ? s[i] / u[i] : std::numeric_limits<float>::quiet_NaN();
}

ScoreRange score_range(std::span<const float> scores) {
    // Four lanes of running minima and maxima; a comparison with NaN is false, so NaN never
    // replaces a value.
    using Lanes = float __attribute__((vector_size(16)));
    Lanes low = {INFINITY, INFINITY, INFINITY, INFINITY};
    Lanes high = -low;
    std::size_t i = 0;
    for (; i + 4 <= scores.size(); i += 4) {
        Lanes x;
        std::memcpy(&x, &scores[i], sizeof x);
        low = x < low ? x : low;
        high = x > high ? x : high;
    }
    ScoreRange range{std::min({low[0], low[1], low[2], low[3]}), std::max({high[0], high[1], high[2], high[3]})};
    for (; i < scores.size(); ++i) {
        range.low = scores[i] < range.low ? scores[i] : range.low;
        range.high = scores[i] > range.high ? scores[i] : range.high;
    }
    return range;
}

// Keys are the scores mapped affinely onto 0 .. 2^31 - 1 in double precision (rounding keeps
// the order, so only scores within a 2^-31 part of the range can tie), reversed so that the
// highest score comes first. A bucket holds the keys with the same top bits. Counting the
// buckets gives every bucket its range of positions; only buckets whose range crosses the
// edge of a rank bin or of the top group need sorting, and those are small.
std::size_t RankBins::assign(std::span<const float> scores, ScoreRange range, std::span<const std::uint16_t> position_bin,
                             std::size_t top, std::uint16_t skip, std::uint16_t* bin_out, std::size_t stride,
                             std::span<std::uint32_t> in_top) {
    const std::size_t n = scores.size();
    const int bits = std::clamp(static_cast<int>(std::bit_width(n)) - 2, 4, 16);
    const std::uint32_t buckets = 1u << bits;  // bucket `buckets` holds the NaN scores
    m_keys.resize(n);
    m_bucket.resize(n);
    constexpr double last_key = 2147483647.0;
    const double scale = range.high > range.low ? last_key / (static_cast<double>(range.high) - range.low) : 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        // std::min(last_key, NaN) is last_key, so the conversion is always defined.
        double position = std::min(last_key, (static_cast<double>(scores[i]) - range.low) * scale);
        m_keys[i] = 0x7fffffff - static_cast<std::int32_t>(position);
    }
    for (std::size_t i = 0; i < n; ++i) m_bucket[i] = scores[i] == scores[i] ? m_keys[i] >> (31 - bits) : buckets;
    std::uint32_t ranked = count_buckets(buckets);
    mark_buckets(position_bin, top, skip, buckets);
    // Every area writes its bucket's bin and top flag; areas of a mixed bucket also go to
    // the sort buffer (the others write to a spare slot at its end) and are corrected below.
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t b = m_bucket[i];
        bin_out[i * stride] = m_bucket_bin[b];
        in_top[i] += m_bucket_top[b];
        m_sorted[m_cursor[b]] = static_cast<std::uint64_t>(m_keys[i]) << 32 | i;
        m_cursor[b] += m_step[b];
    }
    for (std::uint32_t b : m_mixed_list) {
        small_sort(&m_sorted[m_start[b]], &m_sorted[m_start[b + 1]]);
        for (std::uint32_t k = m_start[b]; k < m_start[b + 1]; ++k) {
            auto area = static_cast<std::uint32_t>(m_sorted[k]);
            bin_out[area * stride] = position_bin[k];
            in_top[area] += k < top ? 1 : 0;
        }
    }
    return ranked;
}

// Turns bucket sizes into first positions; returns the number of areas with a score.
std::uint32_t RankBins::count_buckets(std::uint32_t buckets) {
    m_start.assign(buckets + 2, 0);
    for (std::uint32_t b : m_bucket) ++m_start[b];
    std::uint32_t position = 0;
    for (std::uint32_t b = 0; b <= buckets; ++b) position += std::exchange(m_start[b], position);
    m_start[buckets + 1] = position;
    return m_start[buckets];
}

void RankBins::mark_buckets(std::span<const std::uint16_t> position_bin, std::size_t top, std::uint16_t skip,
                            std::uint32_t buckets) {
    m_bucket_bin.resize(buckets + 1);
    m_bucket_top.resize(buckets + 1);
    m_cursor.resize(buckets + 1);
    m_step.resize(buckets + 1);
    m_mixed_list.clear();
    const std::uint32_t spare = m_start[buckets];
    m_sorted.resize(spare + 1);
    for (std::uint32_t b = 0; b < buckets; ++b) {
        std::uint32_t first = m_start[b], last = m_start[b + 1];
        bool mixed = last - first >= 2 && (position_bin[first] != position_bin[last - 1] || (first < top && last > top));
        bool empty = first == last;
        m_bucket_bin[b] = empty ? skip : position_bin[first];
        m_bucket_top[b] = !mixed && first < top ? 1 : 0;
        m_cursor[b] = mixed ? first : spare;
        m_step[b] = mixed ? 1 : 0;
        if (mixed) m_mixed_list.push_back(b);
    }
    m_bucket_bin[buckets] = skip;
    m_bucket_top[buckets] = 0;
    m_cursor[buckets] = spare;
    m_step[buckets] = 0;
}

AllocationKernel::AllocationKernel(std::span<const double> population, const AllocationParams& params)
    : m_population(population), m_params(params), m_part(population.size()), m_power(population.size()),
      m_weight(population.size()), m_low(population.size()), m_high(population.size()) {
    for (double n : population) m_people.push_back(std::isfinite(n) && n > 0 ? n : 0.0);
}

bool AllocationKernel::allocate(std::span<const double> need, std::span<double> euros) {
    const auto& p = m_params;
    const std::size_t n = m_people.size();
    const bool universal_only = p.missing_need == MissingNeedRule::UniversalOnly;
    const double* g = need.data();
    if (p.proportionality != 1) {
        for (std::size_t i = 0; i < n; ++i) m_power[i] = p.proportionality == 0 ? 1.0 : std::pow(need[i], p.proportionality);
        g = m_power.data();
    }
    for (std::size_t i = 0; i < n; ++i) {
        bool known = std::abs(need[i]) <= std::numeric_limits<double>::max();  // finite
        m_part[i] = known || universal_only ? m_people[i] : 0.0;
        m_weight[i] = known ? m_people[i] * (known ? g[i] : 0.0) : 0.0;
    }
    double people = sum(m_part), weight_total = sum(m_weight);
    double budget = static_cast<double>(p.budget_cents) / 100;
    double targeted = (1 - p.universal_share) * budget;
    if (people == 0) return false;
    if (targeted > 0 && !(weight_total > 0)) return false;
    const double universal = p.universal_share * budget;
    const double per_weight = targeted > 0 ? targeted : 0.0;
    for (std::size_t i = 0; i < n; ++i) euros[i] = universal * m_part[i] / people + per_weight * m_weight[i] / weight_total;
    if (p.floor_per_inhabitant > 0 || p.cap_per_inhabitant > 0) return fit_floors_and_caps(euros);
    return true;
}

double AllocationKernel::clamped_total(std::span<const double> euros, double scale) const {
    double total = 0;
    for (std::size_t i = 0; i < euros.size(); ++i) total += std::clamp(scale * euros[i], m_low[i], m_high[i]);
    return total;
}

// The same bisection as allocate(): the clamped total grows with the scale.
bool AllocationKernel::fit_floors_and_caps(std::span<double> euros) {
    const auto& p = m_params;
    double cap = p.cap_per_inhabitant > 0 ? p.cap_per_inhabitant : std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < euros.size(); ++i) {
        bool takes_part = m_part[i] > 0;
        m_low[i] = takes_part ? p.floor_per_inhabitant * m_population[i] : 0;
        m_high[i] = takes_part ? cap * m_population[i] : 0;
    }
    double budget = static_cast<double>(p.budget_cents) / 100;
    double high = 1;
    for (int i = 0; i < 200 && clamped_total(euros, high) < budget; ++i) high *= 2;
    if (clamped_total(euros, 0) > budget * (1 + 1e-12) || clamped_total(euros, high) < budget * (1 - 1e-12)) return false;
    double low = 0;
    for (int i = 0; i < 100; ++i) {
        double mid = 0.5 * (low + high);
        (clamped_total(euros, mid) < budget ? low : high) = mid;
    }
    for (std::size_t i = 0; i < euros.size(); ++i) euros[i] = std::clamp(high * euros[i], m_low[i], m_high[i]);
    return true;
}

EuroBins::EuroBins(std::span<const double> inverse_ref, int bins)
    : m_inverse_ref(inverse_ref), m_bins(bins), m_ratio(inverse_ref.size()), m_bin(inverse_ref.size()) {}

// Three simple loops instead of one, so that the compiler can vectorise the first two.
void EuroBins::bin(std::span<const double> euros, std::uint16_t skip, std::uint16_t* out, std::size_t stride) {
    const std::size_t n = m_ratio.size();
    const double* inverse = m_inverse_ref.data();
    const double* e = euros.data();
    float* ratio = m_ratio.data();
    for (std::size_t i = 0; i < n; ++i) ratio[i] = static_cast<float>(std::min(std::max(inverse[i] * e[i], 1.0 / 32), 32.0));
    const float per_unit = static_cast<float>(m_bins) / 8;
    const int last = m_bins - 1;
    std::int32_t* bin = m_bin.data();
    for (std::size_t i = 0; i < n; ++i) {
        float r = std::min(std::max(log2_near_one(ratio[i]), -4.0f), 4.0f);
        bin[i] = 1 + std::min(last, static_cast<std::int32_t>((r + 4.0f) * per_unit));
    }
    for (std::size_t i = 0; i < n; ++i) {
        out[i * stride] = !(inverse[i] > 0) ? skip : e[i] > 0 ? static_cast<std::uint16_t>(bin[i]) : 0;
    }
}

void need_from_float_scores(std::span<float> score, ScoreRange range, bool exponentiate, std::span<double> need) {
    if (exponentiate) {
        for (float& s : score) s = std::exp(s);
        range = {std::exp(range.low), std::exp(range.high)};
    }
    const double low = range.low;
    const double range_width = static_cast<double>(range.high) - low;
    const bool spread = range.high > range.low;
    for (std::size_t i = 0; i < score.size(); ++i) {
        double s = score[i];
        need[i] = s != s ? s : spread ? std::max(0.0, (s - low) / range_width) : 0.0;
    }
}

}  // namespace gezondin::stats::detail
