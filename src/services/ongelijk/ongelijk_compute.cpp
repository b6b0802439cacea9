// Ongelijk: the need index, allocation, robustness, inequality and similar gemeenten on the
// data of one gemeente.

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "services/ongelijk/ongelijk.h"
#include "stats/similar_areas.h"

namespace gezondin::services {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

core::Result<std::vector<stats::IndicatorInput>> inputs(const OngelijkData& data, const IndexRequest& request,
                                                        std::vector<std::string>* labels) {
    std::vector<stats::IndicatorInput> out;
    for (const auto& c : request.indicators) {
        const auto* col = data.column(c.key);
        if (!col) return core::fail(core::Error::invalid_input("Het cijfer \"" + c.key + "\" is er niet voor deze gemeente en dit jaar."));
        out.push_back({c.key, *col, c.direction, c.weight});
        if (labels)
            for (const auto& m : data.indicators)
                if (m.key == c.key) labels->push_back(m.label);
    }
    if (out.empty()) return core::fail(core::Error::invalid_input("Kies minstens één cijfer voor de kansenindex."));
    return out;
}

struct Ranked {
    std::size_t area;
    double value, ranking, population;
};

// Areas with all three inputs, ordered from most to least disadvantaged.
std::vector<Ranked> ranked_areas(const std::vector<double>& values, const std::vector<double>& ranking,
                                 stats::Direction direction, const std::vector<double>& population) {
    std::vector<Ranked> r;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isnan(values[i]) && !std::isnan(ranking[i]) && population[i] > 0)
            r.push_back({i, values[i], ranking[i], population[i]});
    bool high_first = direction == stats::Direction::HigherIsWorse;
    std::stable_sort(r.begin(), r.end(), [&](const Ranked& a, const Ranked& b) {
        return high_first ? a.ranking > b.ranking : a.ranking < b.ranking;
    });
    return r;
}

// Quantile rows by cumulative population midpoints; the standard error is binomial for a
// percentage (value / 100, n = inhabitants) and otherwise the weighted spread of all areas
// divided by the root of the number of areas in the quantile.
std::vector<QuantileRow> quantile_rows(const std::vector<Ranked>& areas, int quantiles, bool percentage) {
    double total = 0, mean = 0, var = 0;
    for (const auto& a : areas) total += a.population, mean += a.population * a.value;
    mean /= total;
    for (const auto& a : areas) var += a.population * (a.value - mean) * (a.value - mean);
    double sd = std::sqrt(var / total);
    std::vector<QuantileRow> rows(static_cast<std::size_t>(quantiles));
    double before = 0;
    for (const auto& a : areas) {
        double mid = (before + a.population / 2) / total;
        before += a.population;
        auto q = std::min(quantiles - 1, static_cast<int>(mid * quantiles));
        auto& row = rows[static_cast<std::size_t>(q)];
        row.quantile = q + 1;
        row.population += a.population;
        row.value += a.population * a.value;
        ++row.areas;
    }
    for (auto& row : rows) {
        if (row.areas == 0) continue;
        row.value /= row.population;
        if (percentage) {
            double p = std::clamp(row.value / 100, 1e-6, 1 - 1e-6);
            row.standard_error = 100 * std::sqrt(p * (1 - p) / row.population);
        } else {
            row.standard_error = sd / std::sqrt(static_cast<double>(row.areas));
        }
    }
    return rows;
}

}  // namespace

core::Result<IndexOutcome> Ongelijk::need_index(const OngelijkData& data, const IndexRequest& request) {
    IndexOutcome out;
    auto in = inputs(data, request, &out.labels);
    if (!in) return core::fail(in.error());
    auto r = stats::compute_need_index(*in, data.population, request.spec);
    if (!r) return core::fail(r.error());
    out.result = std::move(*r);
    return out;
}

core::Result<AllocationOutcome> Ongelijk::allocation(const OngelijkData& data, const IndexRequest& request,
                                                     const stats::AllocationParams& params) {
    auto index = need_index(data, request);
    if (!index) return core::fail(index.error());
    AllocationOutcome out;
    out.need = stats::need_from_scores(index->result.score);
    out.index = std::move(*index);
    stats::AllocationInput input{data.population, out.need, {}};
    auto r = stats::allocate(input, params);
    if (!r) return core::fail(r.error());
    out.result = std::move(*r);
    return out;
}

core::Result<stats::UncertaintyResult> Ongelijk::robustness(const OngelijkData& data, const IndexRequest& request,
                                                            const stats::UncertaintySpec& spec) {
    auto in = inputs(data, request, nullptr);
    if (!in) return core::fail(in.error());
    return stats::analyse_uncertainty(*in, data.population, request.spec, spec);
}

core::Result<InequalityOutcome> Ongelijk::inequality(const OngelijkData& data, const IndexRequest& index,
                                                     const InequalityRequest& request) {
    const auto* values = data.column(request.indicator);
    if (!values) return core::fail(core::Error::invalid_input("Kies een cijfer dat er is voor deze gemeente en dit jaar."));
    if (request.quantiles != 5 && request.quantiles != 10)
        return core::fail(core::Error::invalid_input("Kies kwintielen (5 groepen) of decielen (10 groepen)."));
    InequalityOutcome out;
    std::vector<double> ranking;
    auto direction = request.ranking_direction;
    if (request.ranking == "kansenindex") {
        auto r = need_index(data, index);
        if (!r) return core::fail(r.error());
        ranking = r->result.score;
        direction = stats::Direction::HigherIsWorse;
        out.ranking_label = "Kansenindex";
    } else {
        const auto* col = data.column(request.ranking);
        if (!col) return core::fail(core::Error::invalid_input("Kies een rangordecijfer dat er is voor deze gemeente en dit jaar."));
        ranking = *col;
        for (const auto& m : data.indicators)
            if (m.key == request.ranking) out.ranking_label = m.label;
    }
    for (const auto& m : data.indicators) {
        if (m.key != request.indicator) continue;
        out.indicator_label = m.label;
        out.unit = m.unit;
        out.percentage = is_percentage(m, *values);
    }
    auto areas = ranked_areas(*values, ranking, direction, data.population);
    out.areas_used = static_cast<int>(areas.size());
    if (areas.size() < static_cast<std::size_t>(2 * request.quantiles))
        return core::fail(core::Error::invalid_input("Er zijn te weinig gebieden met cijfers (" + std::to_string(areas.size()) +
                                                     ") voor " + std::to_string(request.quantiles) + " groepen. Kies kwintielen of wijken."));
    out.rows = quantile_rows(areas, request.quantiles, out.percentage);
    std::vector<stats::SiiRow> rows;
    for (const auto& q : out.rows) {
        if (q.areas == 0) return core::fail(core::Error::invalid_input("Een van de groepen heeft geen gebieden. Kies minder groepen."));
        rows.push_back({q.quantile, q.population, q.value, q.standard_error, nan, nan});
    }
    stats::SiiOptions o;
    o.repetitions = request.repetitions;
    auto sii = stats::compute_sii(rows, o);
    if (!sii) return core::fail(sii.error());
    out.sii = std::move(*sii);
    auto c = stats::concentration_index(*values, ranking, direction, data.population);
    if (!c) return core::fail(c.error());
    out.concentration = *c;
    return out;
}

}  // namespace gezondin::services
