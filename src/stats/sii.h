#pragma once
// Slope index of inequality (SII) and relative index of inequality (RII), following the
// method that the UK public-health agencies (PHE, now UKHSA) describe for their indicators.
//
// Method, for one area with quantiles 1..n (1 = most deprived):
//  - each quantile gets a rank: the midpoint of its range in the cumulative population,
//    as a share of the total (0..1);
//  - the values (optionally log- or logit-transformed) are regressed on the rank by
//    population-weighted least squares: fitted(r) = a + b * r;
//  - back on the value scale: intercept = f(0) (fitted value of the most deprived end),
//    SII = f(1) - f(0), RII = f(1) / f(0). Without transform f(r) is the straight line;
//    with transform f(r) = exp(a + b r) (rate) or 1 / (1 + exp(-(a + b r))) (proportion);
//  - the multiplier scales the SII (e.g. 100 for percentages). A negative multiplier turns
//    the direction round: the SII changes sign and the RII becomes f(0) / f(1). The
//    intercept is never scaled;
//  - confidence limits by Monte Carlo: each repetition draws every quantile's value from
//    Normal(value, SE) on the regression scale, refits, and the limits are the percentiles
//    of the repeated SII and RII. The standard error is the given one (on the value scale;
//    turned to the regression scale by the delta method when transformed) or else comes from
//    the confidence limits: (g(upper) - g(lower)) / (2 z), g the transform, z for the
//    confidence of those limits (default 95%).

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"

namespace gezondin::stats {

enum class ValueType {
    Mean,        // e.g. life expectancy; no transform possible
    Rate,        // e.g. per 1,000; transform = log
    Proportion,  // 0..1; transform = logit
};

enum class Transform { None, Apply };

// One quantile of one area. NaN marks an absent field.
struct SiiRow {
    int quantile = 0;
    double population = 0;
    double value = std::numeric_limits<double>::quiet_NaN();
    double standard_error = std::numeric_limits<double>::quiet_NaN();
    double lower_cl = std::numeric_limits<double>::quiet_NaN();
    double upper_cl = std::numeric_limits<double>::quiet_NaN();
};

struct SiiOptions {
    ValueType value_type = ValueType::Mean;
    Transform transform = Transform::None;
    double multiplier = 1;
    std::vector<double> confidence = {0.95};  // each strictly between 0 and 1
    double input_confidence = 0.95;           // confidence of the rows' lower_cl/upper_cl
    int repetitions = 10000;                  // 0 = point values only
    std::uint64_t seed = 1;
};

struct ConfidenceLimits {
    double confidence = 0;
    double lower = 0;
    double upper = 0;
};

struct SiiResult {
    double sii = 0;
    double rii = 0;        // NaN when f(0) is 0
    double intercept = 0;  // fitted value at rank 0 (most deprived end), unscaled
    std::vector<ConfidenceLimits> sii_limits;  // one per requested confidence, same order
    std::vector<ConfidenceLimits> rii_limits;
    std::vector<std::string> warnings;         // Dutch; the result is usable
};

// Checks the rows and options; returns InvalidInput with a Dutch message and one
// FieldProblem per faulty quantile when the input cannot give a sound SII.
[[nodiscard]] core::Status validate_sii(std::span<const SiiRow> rows, const SiiOptions& options);

// Validates, then computes. Rows may come in any order. Deterministic for a given seed.
[[nodiscard]] core::Result<SiiResult> compute_sii(std::span<const SiiRow> rows,
                                                  const SiiOptions& options);

}  // namespace gezondin::stats
