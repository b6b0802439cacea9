#include "stats/sii.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "stats/distributions.h"

namespace gezondin::stats {
namespace {

// Rows sorted by quantile, on the regression scale, with the least-squares weights that
// turn y into the intercept (a = sum d_i y_i) and slope (b = sum c_i y_i).
struct Prepared {
    std::vector<double> y;
    std::vector<double> se;
    std::vector<double> slope_weight;
    std::vector<double> intercept_weight;
};

double to_scale(double v, ValueType type, Transform transform) {
    if (transform == Transform::None) return v;
    return type == ValueType::Rate ? std::log(v) : std::log(v / (1 - v));
}

double from_scale(double t, ValueType type, Transform transform) {
    if (transform == Transform::None) return t;
    return type == ValueType::Rate ? std::exp(t) : 1 / (1 + std::exp(-t));
}

// Derivative of the transform, for turning a value-scale SE into a regression-scale SE.
double scale_slope(double v, ValueType type, Transform transform) {
    if (transform == Transform::None) return 1;
    return type == ValueType::Rate ? 1 / v : 1 / (v * (1 - v));
}

double regression_se(const SiiRow& row, const SiiOptions& o, double z_input) {
    if (std::isfinite(row.standard_error)) {
        return row.standard_error * scale_slope(row.value, o.value_type, o.transform);
    }
    return (to_scale(row.upper_cl, o.value_type, o.transform) -
            to_scale(row.lower_cl, o.value_type, o.transform)) / (2 * z_input);
}

void add_regression_weights(std::span<const double> population, Prepared& p) {
    double total = 0;
    for (double w : population) total += w;
    std::vector<double> rank;
    double cumulative = 0;
    for (double w : population) {
        rank.push_back((cumulative + w / 2) / total);
        cumulative += w;
    }
    double mean_rank = 0;
    for (std::size_t i = 0; i < rank.size(); ++i) mean_rank += population[i] * rank[i] / total;
    double sxx = 0;
    for (std::size_t i = 0; i < rank.size(); ++i) sxx += population[i] * (rank[i] - mean_rank) * (rank[i] - mean_rank);
    for (std::size_t i = 0; i < rank.size(); ++i) {
        double c = population[i] * (rank[i] - mean_rank) / sxx;
        p.slope_weight.push_back(c);
        p.intercept_weight.push_back(population[i] / total - mean_rank * c);
    }
}

Prepared prepare(std::span<const SiiRow> rows, const SiiOptions& o) {
    std::vector<SiiRow> sorted(rows.begin(), rows.end());
    std::sort(sorted.begin(), sorted.end(), [](const SiiRow& l, const SiiRow& r) { return l.quantile < r.quantile; });
    Prepared p;
    std::vector<double> population;
    double z_input = two_sided_z(o.input_confidence);
    for (const auto& row : sorted) {
        population.push_back(row.population);
        p.y.push_back(to_scale(row.value, o.value_type, o.transform));
        p.se.push_back(regression_se(row, o, z_input));
    }
    add_regression_weights(population, p);
    return p;
}

struct Ends {
    double sii;
    double rii;
    double intercept;
};

Ends ends_of(const Prepared& p, std::span<const double> y, const SiiOptions& o) {
    double a = 0;
    double b = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        a += p.intercept_weight[i] * y[i];
        b += p.slope_weight[i] * y[i];
    }
    double f0 = from_scale(a, o.value_type, o.transform);
    double f1 = from_scale(a + b, o.value_type, o.transform);
    double ratio = o.multiplier < 0 ? f0 / f1 : f1 / f0;
    return {(f1 - f0) * o.multiplier, std::isfinite(ratio) ? ratio : std::nan(""), f0};
}

void add_limits(std::vector<double>& sii, std::vector<double>& rii, const SiiOptions& o, SiiResult& result) {
    bool rii_known = std::none_of(rii.begin(), rii.end(), [](double r) { return std::isnan(r); });
    for (double c : o.confidence) {
        double low = (1 - c) / 2;
        result.sii_limits.push_back({c, percentile_in_place(sii, low), percentile_in_place(sii, 1 - low)});
        double nan = std::nan("");
        result.rii_limits.push_back({c, rii_known ? percentile_in_place(rii, low) : nan,
                                     rii_known ? percentile_in_place(rii, 1 - low) : nan});
    }
}

void simulate(const Prepared& p, const SiiOptions& o, SiiResult& result) {
    std::mt19937_64 engine(o.seed);
    std::normal_distribution<double> normal;
    std::vector<double> sii(o.repetitions);
    std::vector<double> rii(o.repetitions);
    std::vector<double> draw(p.y.size());
    for (int r = 0; r < o.repetitions; ++r) {
        for (std::size_t i = 0; i < draw.size(); ++i) draw[i] = p.y[i] + p.se[i] * normal(engine);
        Ends e = ends_of(p, draw, o);
        sii[r] = e.sii;
        rii[r] = e.rii;
    }
    add_limits(sii, rii, o, result);
}

}  // namespace

core::Result<SiiResult> compute_sii(std::span<const SiiRow> rows, const SiiOptions& options) {
    if (auto status = validate_sii(rows, options); !status) return core::fail(status.error());
    Prepared prepared = prepare(rows, options);
    Ends ends = ends_of(prepared, prepared.y, options);
    SiiResult result{ends.sii, ends.rii, ends.intercept, {}, {}, {}};
    if (rows.size() > 10) {
        result.warnings.push_back("Er zijn meer dan 10 kwantielen. Gebruikelijk zijn kwintielen (5) of "
                                  "decielen (10); controleer of de indeling klopt.");
    }
    if (options.repetitions > 0) simulate(prepared, options, result);
    return result;
}

}  // namespace gezondin::stats
