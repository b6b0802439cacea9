#include "stats/intervals.h"

#include <cmath>

#include "stats/distributions.h"

namespace gezondin::stats {
namespace {

core::Status check_confidence(double confidence) {
    if (confidence > 0 && confidence < 1) return {};
    return core::fail(core::Error::invalid_input("Het betrouwbaarheidsniveau moet tussen 0 en 1 liggen, bijvoorbeeld 0,95."));
}

}  // namespace

core::Result<Interval> wilson_interval(double numerator, double denominator, double confidence) {
    if (auto ok = check_confidence(confidence); !ok) return core::fail(ok.error());
    if (!(denominator > 0) || !(numerator >= 0) || numerator > denominator) {
        return core::fail(core::Error::invalid_input(
            "Voor een aandeel moet de teller tussen 0 en de noemer liggen, en de noemer groter dan 0 zijn."));
    }
    double z = two_sided_z(confidence);
    double p = numerator / denominator;
    double centre = 2 * numerator + z * z;
    double spread = z * std::sqrt(z * z + 4 * numerator * (1 - p));
    double scale = 2 * (denominator + z * z);
    return Interval{(centre - spread) / scale, (centre + spread) / scale};
}

Interval byars_interval(double count, double confidence) {
    double z = two_sided_z(confidence);
    double low_bracket = 1 - 1 / (9 * count) - z / (3 * std::sqrt(count));
    double next = count + 1;
    double high_bracket = 1 - 1 / (9 * next) + z / (3 * std::sqrt(next));
    double lower = low_bracket < 0 ? std::nan("") : count * std::pow(low_bracket, 3);
    return {lower, next * std::pow(high_bracket, 3)};
}

Interval exact_poisson_interval(double count, double confidence) {
    double alpha = 1 - confidence;
    double lower = count > 0 ? gamma_quantile(count, alpha / 2) : 0;
    return {lower, gamma_quantile(count + 1, 1 - alpha / 2)};
}

core::Result<Interval> rate_interval(double count, double denominator, double confidence, double multiplier) {
    if (auto ok = check_confidence(confidence); !ok) return core::fail(ok.error());
    if (!(count >= 0) || !(denominator > 0) || !(multiplier > 0)) {
        return core::fail(core::Error::invalid_input(
            "Voor een cijfer per inwoners moet het aantal 0 of meer zijn, en de noemer en de vermenigvuldiger groter dan 0."));
    }
    Interval counts = count < 10 ? exact_poisson_interval(count, confidence) : byars_interval(count, confidence);
    double scale = multiplier / denominator;
    return Interval{counts.lower * scale, counts.upper * scale};
}

}  // namespace gezondin::stats
