#include "stats/normalise.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gezondin::stats {
namespace {

bool counts(std::span<const double> values, std::span<const double> weights, std::size_t i) {
    return !std::isnan(values[i]) && (weights.empty() || (std::isfinite(weights[i]) && weights[i] > 0));
}

double weight_of(std::span<const double> weights, std::size_t i) { return weights.empty() ? 1.0 : weights[i]; }

std::vector<double> z_scores(std::span<const double> values, std::span<const double> weights) {
    double total = 0, sum = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (counts(values, weights, i)) { total += weight_of(weights, i); sum += weight_of(weights, i) * values[i]; }
    }
    double mean = sum / total, squares = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (counts(values, weights, i)) squares += weight_of(weights, i) * (values[i] - mean) * (values[i] - mean);
    }
    double sd = std::sqrt(squares / total);
    std::vector<double> out(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) out[i] = sd > 0 ? (values[i] - mean) / sd : (std::isnan(values[i]) ? values[i] : 0.0);
    return out;
}

std::vector<double> min_max(std::span<const double> values, std::span<const double> weights) {
    double low = INFINITY, high = -INFINITY;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (counts(values, weights, i)) { low = std::min(low, values[i]); high = std::max(high, values[i]); }
    }
    std::vector<double> out(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) out[i] = high > low ? (values[i] - low) / (high - low) : (std::isnan(values[i]) ? values[i] : 0.0);
    return out;
}

std::vector<double> percentile_ranks(std::span<const double> values, std::span<const double> weights) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (counts(values, weights, i)) order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [&](std::size_t l, std::size_t r) { return values[l] < values[r]; });
    std::vector<double> sorted_values, below_and_half;
    double total = 0;
    for (std::size_t i : order) total += weight_of(weights, i);
    double cumulative = 0;
    for (std::size_t k = 0; k < order.size();) {
        std::size_t end = k;
        double tie_weight = 0;
        for (; end < order.size() && values[order[end]] == values[order[k]]; ++end) tie_weight += weight_of(weights, order[end]);
        sorted_values.push_back(values[order[k]]);
        below_and_half.push_back((cumulative + tie_weight / 2) / total);
        cumulative += tie_weight;
        k = end;
    }
    std::vector<double> out(values.size(), std::nan(""));
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i]) || sorted_values.empty()) continue;
        // Rows outside the reference (weight 0) take the rank of the nearest reference value.
        auto it = std::lower_bound(sorted_values.begin(), sorted_values.end(), values[i]);
        std::size_t k = std::min<std::size_t>(it - sorted_values.begin(), sorted_values.size() - 1);
        out[i] = below_and_half[k];
    }
    return out;
}

}  // namespace

std::vector<double> normalise(std::span<const double> values, Normalisation method, std::span<const double> weights) {
    switch (method) {
    case Normalisation::ZScore: return z_scores(values, weights);
    case Normalisation::MinMax: return min_max(values, weights);
    case Normalisation::PercentileRank: return percentile_ranks(values, weights);
    }
    return {};
}

void orient(std::vector<double>& normalised, Normalisation method, Direction direction) {
    if (direction == Direction::HigherIsWorse) return;
    for (double& x : normalised) x = method == Normalisation::ZScore ? -x : 1 - x;
}

std::vector<double> exponential_rank_transform(std::span<const double> scores) {
    std::vector<int> ranks = descending_ranks(scores);
    std::size_t valid = std::count_if(scores.begin(), scores.end(), [](double s) { return !std::isnan(s); });
    const double stretch = 1 - std::exp(-100.0 / 23);
    std::vector<double> out(scores.size(), std::nan(""));
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (ranks[i] == 0) continue;
        double r = static_cast<double>(valid - ranks[i] + 1) / valid;
        out[i] = -23 * std::log(1 - r * stretch);
    }
    return out;
}

std::vector<int> descending_ranks(std::span<const double> scores) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (!std::isnan(scores[i])) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t l, std::size_t r) { return scores[l] > scores[r]; });
    std::vector<int> ranks(scores.size(), 0);
    for (std::size_t k = 0; k < order.size(); ++k) {
        bool tie = k > 0 && scores[order[k]] == scores[order[k - 1]];
        ranks[order[k]] = tie ? ranks[order[k - 1]] : static_cast<int>(k + 1);
    }
    return ranks;
}

}  // namespace gezondin::stats
