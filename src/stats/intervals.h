#pragma once
// Confidence intervals for a single proportion (Wilson score) and a single count or rate
// (Byar's approximation, exact Poisson limits below 10 events), as the UK public-health
// indicator methods use them.

#include "core/error.h"

namespace gezondin::stats {

struct Interval {
    double lower = 0;
    double upper = 0;
};

// Wilson score interval for numerator successes out of denominator, on the 0..1 scale:
// (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)). Non-integer counts are allowed.
// Needs 0 <= numerator <= denominator, denominator > 0, 0 < confidence < 1.
[[nodiscard]] core::Result<Interval> wilson_interval(double numerator, double denominator, double confidence);

// Byar's approximation for a Poisson count x:
// lower = x (1 - 1/(9x) - z/(3 sqrt x))^3, upper = (x+1)(1 - 1/(9(x+1)) + z/(3 sqrt(x+1)))^3.
// The lower limit is NaN when the bracket is negative (the approximation does not hold).
Interval byars_interval(double count, double confidence);

// Exact Poisson limits from the gamma distribution: lower = Gamma(x)^-1(alpha/2) (0 for x = 0),
// upper = Gamma(x + 1)^-1(1 - alpha/2).
Interval exact_poisson_interval(double count, double confidence);

// A rate = count / denominator * multiplier with limits: exact below 10 events, Byar's from
// 10 on. Needs count >= 0, denominator > 0, multiplier > 0.
[[nodiscard]] core::Result<Interval> rate_interval(double count, double denominator, double confidence,
                                                   double multiplier);

}  // namespace gezondin::stats
