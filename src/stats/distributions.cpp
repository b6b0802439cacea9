#include "stats/distributions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace gezondin::stats {
namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

// Acklam's rational approximation: relative error below 1.2e-9, refined afterwards.
double rational_normal_quantile(double p) {
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                               1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    constexpr double low = 0.02425;
    if (p < low || p > 1 - low) {
        double q = std::sqrt(-2 * std::log(p < low ? p : 1 - p));
        double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                   ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        return p < low ? x : -x;
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double gamma_series(double shape, double x) {
    double term = 1.0 / shape;
    double sum = term;
    for (int n = 1; n < 1000; ++n) {
        term *= x / (shape + n);
        sum += term;
        if (std::fabs(term) < std::fabs(sum) * 1e-17) break;
    }
    return sum * std::exp(-x + shape * std::log(x) - std::lgamma(shape));
}

// Upper tail Q(shape, x) by Lentz's continued fraction; converges fast for x > shape + 1.
double gamma_continued_fraction(double shape, double x) {
    constexpr double tiny = 1e-300;
    double b = x + 1 - shape;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 1000; ++i) {
        double an = -i * (i - shape);
        b += 2;
        d = an * d + b;
        d = std::fabs(d) < tiny ? tiny : d;
        c = b + an / c;
        c = std::fabs(c) < tiny ? tiny : c;
        d = 1 / d;
        double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1) < 1e-17) break;
    }
    return std::exp(-x + shape * std::log(x) - std::lgamma(shape)) * h;
}

}  // namespace

double normal_quantile(double p) {
    if (!(p > 0 && p < 1)) return nan_value;
    double x = rational_normal_quantile(p);
    double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

double two_sided_z(double confidence) { return normal_quantile(1 - (1 - confidence) / 2); }

double gamma_p(double shape, double x) {
    if (x <= 0) return 0;
    if (x < shape + 1) return gamma_series(shape, x);
    return 1 - gamma_continued_fraction(shape, x);
}

double gamma_quantile(double shape, double p) {
    if (!(p > 0 && p < 1) || !(shape > 0)) return nan_value;
    double lo = 0;
    double hi = std::max(1.0, shape);
    while (gamma_p(shape, hi) < p) hi *= 2;
    // Bisection is slow but cannot fail; 200 halvings reach the limit of double precision.
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
        double mid = 0.5 * (lo + hi);
        (gamma_p(shape, mid) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double percentile_in_place(std::span<double> values, double q) {
    double h = (static_cast<double>(values.size()) - 1) * q;
    auto k = static_cast<std::size_t>(std::floor(h));
    std::nth_element(values.begin(), values.begin() + k, values.end());
    double low = values[k];
    if (k + 1 >= values.size()) return low;
    double high = *std::min_element(values.begin() + k + 1, values.end());
    return low + (h - k) * (high - low);
}

}  // namespace gezondin::stats
