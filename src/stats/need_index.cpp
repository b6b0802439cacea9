#include "stats/need_index.h"

#include <algorithm>
#include <cmath>

namespace gezondin::stats {
namespace {

// Log of 1 + 99 (x - min) / (max - min): the geometric mean becomes a weighted sum of logs.
void to_log_scale(std::vector<double>& column) {
    double low = INFINITY, high = -INFINITY;
    for (double x : column) {
        if (!std::isnan(x)) { low = std::min(low, x); high = std::max(high, x); }
    }
    for (double& x : column) {
        if (!std::isnan(x)) x = std::log(high > low ? 1 + 99 * (x - low) / (high - low) : 1.0);
    }
}

std::string check_inputs(std::span<const IndicatorInput> indicators, std::span<const double> population,
                         const NeedIndexSpec& spec) {
    if (indicators.empty()) return "Kies minstens één indicator.";
    std::size_t n = indicators.front().values.size();
    double total = 0;
    for (const auto& indicator : indicators) {
        if (indicator.values.size() != n) return "De indicator " + indicator.key + " heeft niet voor elk gebied een waarde.";
        if (!(indicator.weight >= 0)) return "Het gewicht van " + indicator.key + " is negatief.";
        total += indicator.weight;
    }
    if (!(total > 0)) return "De gewichten zijn samen 0. Geef minstens één indicator een gewicht.";
    if (spec.population_weighted && population.size() != n) return "Voor weging naar inwoners is het inwonertal van elk gebied nodig.";
    return {};
}

}  // namespace

std::vector<std::vector<double>> prepare_indicators(std::span<const IndicatorInput> indicators,
                                                    std::span<const double> population, const NeedIndexSpec& spec) {
    std::vector<std::vector<double>> prepared;
    for (const auto& indicator : indicators) {
        auto column = normalise(indicator.values, spec.normalisation,
                                spec.population_weighted ? population : std::span<const double>{});
        orient(column, spec.normalisation, indicator.direction);
        if (spec.rank_transform == RankTransform::Exponential) column = exponential_rank_transform(column);
        if (spec.aggregation == Aggregation::GeometricMean) to_log_scale(column);
        prepared.push_back(std::move(column));
    }
    return prepared;
}

NeedIndexResult aggregate_need(const std::vector<std::vector<double>>& prepared, std::span<const double> weights,
                               const NeedIndexSpec& spec) {
    std::size_t n = prepared.empty() ? 0 : prepared.front().size();
    NeedIndexResult result;
    result.score.assign(n, 0.0);
    std::vector<double> used(n, 0.0);
    std::vector<bool> incomplete(n, false);
    for (std::size_t k = 0; k < prepared.size(); ++k) {
        if (weights[k] == 0) continue;
        for (std::size_t i = 0; i < n; ++i) {
            double x = prepared[k][i];
            if (std::isnan(x)) { incomplete[i] = true; continue; }
            result.score[i] += weights[k] * x;
            used[i] += weights[k];
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (incomplete[i]) result.missing.push_back(i);
        bool scored = used[i] > 0 && (!incomplete[i] || spec.missing == MissingValueRule::UseAvailable);
        double mean = result.score[i] / used[i];
        result.score[i] = !scored ? std::nan("") : spec.aggregation == Aggregation::GeometricMean ? std::exp(mean) : mean;
    }
    result.rank = descending_ranks(result.score);
    result.decile = deciles_from_ranks(result.rank);
    return result;
}

core::Result<NeedIndexResult> compute_need_index(std::span<const IndicatorInput> indicators,
                                                 std::span<const double> population, const NeedIndexSpec& spec) {
    if (auto reason = check_inputs(indicators, population, spec); !reason.empty()) {
        return core::fail(core::Error::invalid_input(reason));
    }
    std::vector<double> weights;
    for (const auto& indicator : indicators) weights.push_back(indicator.weight);
    return aggregate_need(prepare_indicators(indicators, population, spec), weights, spec);
}

std::vector<int> deciles_from_ranks(std::span<const int> ranks) {
    long ranked = std::count_if(ranks.begin(), ranks.end(), [](int r) { return r > 0; });
    std::vector<int> deciles;
    for (int r : ranks) deciles.push_back(r > 0 ? static_cast<int>((r - 1) * 10L / ranked) + 1 : 0);
    return deciles;
}

}  // namespace gezondin::stats
