#pragma once
// Quantile functions and sample percentiles used by the confidence limits and Monte Carlo
// summaries. Pure functions; safe to call from any thread.

#include <span>
#include <vector>

namespace gezondin::stats {

// Inverse of the standard normal distribution function. Needs 0 < p < 1; returns NaN
// otherwise. Accurate to about 1e-15 (rational start, refined with one Halley step).
double normal_quantile(double p);

// The z value of a two-sided interval: normal_quantile(1 - (1 - confidence) / 2).
double two_sided_z(double confidence);

// Regularised lower incomplete gamma function P(shape, x). Needs shape > 0, x >= 0.
double gamma_p(double shape, double x);

// Inverse of P(shape, .) at probability p (0 < p < 1), to about 1e-14 relative.
double gamma_quantile(double shape, double p);

// Sample percentile with linear interpolation between order statistics (the common
// "type 7" definition: h = (n - 1) * q). Reorders `values`; needs a non-empty span and
// 0 <= q <= 1.
double percentile_in_place(std::span<double> values, double q);

}  // namespace gezondin::stats
