#include "stats/similar_areas.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "stats/normalise.h"

namespace gezondin::stats {
namespace {

std::optional<Neighbour> compare(const std::vector<std::vector<double>>& z, std::span<const double> w,
                                 std::size_t a, std::size_t b, std::size_t min_shared) {
    double sum = 0, weight = 0;
    std::size_t shared = 0;
    for (std::size_t k = 0; k < z.size(); ++k) {
        if (std::isnan(z[k][a]) || std::isnan(z[k][b]) || w[k] == 0) continue;
        double d = z[k][a] - z[k][b];
        sum += w[k] * d * d;
        weight += w[k];
        ++shared;
    }
    if (shared < min_shared || weight == 0) return std::nullopt;
    return Neighbour{b, std::sqrt(sum / weight), shared};
}

}  // namespace

core::Result<std::vector<Neighbour>> nearest_areas(const std::vector<std::vector<double>>& columns, std::size_t target,
                                                   std::span<const std::size_t> candidates,
                                                   const SimilarityOptions& options) {
    std::size_t n = columns.empty() ? 0 : columns.front().size();
    for (const auto& column : columns) {
        if (column.size() != n) return core::fail(core::Error::invalid_input("Niet elke indicator heeft een waarde per gebied."));
    }
    if (target >= n) return core::fail(core::Error::invalid_input("Het gekozen gebied bestaat niet in de tabel."));
    if (!options.weights.empty() && options.weights.size() != columns.size()) {
        return core::fail(core::Error::invalid_input("Geef voor elke indicator één gewicht."));
    }
    std::vector<double> weights = options.weights.empty() ? std::vector<double>(columns.size(), 1.0) : options.weights;
    std::vector<std::vector<double>> z;
    for (const auto& column : columns) z.push_back(normalise(column, Normalisation::ZScore));
    std::vector<std::size_t> all;
    if (candidates.empty()) {
        all.resize(n);
        std::iota(all.begin(), all.end(), 0);
        candidates = all;
    }
    std::vector<Neighbour> found;
    for (std::size_t b : candidates) {
        if (b == target || b >= n) continue;
        if (auto neighbour = compare(z, weights, target, b, std::max<std::size_t>(1, options.min_shared))) found.push_back(*neighbour);
    }
    auto closer = [](const Neighbour& l, const Neighbour& r) { return l.distance < r.distance || (l.distance == r.distance && l.area < r.area); };
    std::size_t keep = std::min(options.k, found.size());
    std::partial_sort(found.begin(), found.begin() + keep, found.end(), closer);
    found.resize(keep);
    return found;
}

}  // namespace gezondin::stats
