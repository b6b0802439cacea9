#include "stats/concentration.h"

#include <algorithm>
#include <cmath>

namespace gezondin::stats {
namespace {

struct Entry {
    double key;  // ascending = from most to least disadvantaged
    double value;
    double weight;
    double rank = 0;
};

std::vector<Entry> ranked_entries(std::span<const double> values, std::span<const double> ranking, Direction direction,
                                  std::span<const double> population) {
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i]) || std::isnan(ranking[i]) || !(population[i] > 0)) continue;
        double key = direction == Direction::HigherIsBetter ? ranking[i] : -ranking[i];
        entries.push_back({key, values[i], population[i]});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& l, const Entry& r) { return l.key < r.key; });
    double total = 0;
    for (const auto& e : entries) total += e.weight;
    double before = 0;
    for (std::size_t k = 0; k < entries.size();) {
        std::size_t end = k;
        double tie = 0;
        for (; end < entries.size() && entries[end].key == entries[k].key; ++end) tie += entries[end].weight;
        for (std::size_t j = k; j < end; ++j) entries[j].rank = (before + tie / 2) / total;
        before += tie;
        k = end;
    }
    return entries;
}

}  // namespace

core::Result<ConcentrationResult> concentration_index(std::span<const double> values, std::span<const double> ranking,
                                                      Direction ranking_direction, std::span<const double> population) {
    if (values.size() != ranking.size() || values.size() != population.size()) {
        return core::fail(core::Error::invalid_input("Waarden, rangorde en inwonertallen hebben niet dezelfde lengte."));
    }
    auto entries = ranked_entries(values, ranking, ranking_direction, population);
    double total = 0, sum = 0;
    for (const auto& e : entries) { total += e.weight; sum += e.weight * e.value; }
    if (entries.size() < 2 || sum == 0) {
        return core::fail(core::Error::invalid_input("Er zijn te weinig gebieden met een waarde, of het gemiddelde is 0."));
    }
    double mean = sum / total;
    ConcentrationResult result;
    std::array<double, 5> q_sum{}, q_weight{};
    double covariance = 0;
    for (const auto& e : entries) {
        covariance += e.weight * (e.value - mean) * (e.rank - 0.5);
        auto q = std::min<std::size_t>(4, static_cast<std::size_t>(e.rank * 5));
        q_sum[q] += e.weight * e.value;
        q_weight[q] += e.weight;
    }
    result.index = 2 / mean * covariance / total;
    for (std::size_t q = 0; q < 5; ++q) result.quintile_means[q] = q_weight[q] > 0 ? q_sum[q] / q_weight[q] : std::nan("");
    result.gap = result.quintile_means[0] - result.quintile_means[4];
    result.ratio = result.quintile_means[0] / result.quintile_means[4];
    return result;
}

}  // namespace gezondin::stats
