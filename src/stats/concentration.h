#pragma once
// Concentration index and the gap between the quintiles, for an indicator over areas ranked
// by a socio-economic variable (income, SES-WOA score, need index).
//
// Areas are ordered from most to least disadvantaged (by `ranking` and its direction); each
// gets the fractional rank R_i = (population before it + half its own) / total population
// (tied ranking values share one rank). With population weights w and mean m:
//   C = 2 / m * sum_i w_i (y_i - m)(R_i - 1/2) / sum_i w_i,
// between -1 and 1; negative means the indicator concentrates among the disadvantaged.
// Quintile q holds the areas with (q - 1)/5 <= R < q/5; quintile 1 is the most disadvantaged.

#include <array>
#include <span>

#include "core/error.h"
#include "stats/normalise.h"

namespace gezondin::stats {

struct ConcentrationResult {
    double index = 0;
    std::array<double, 5> quintile_means{};  // population-weighted; NaN for an empty quintile
    double gap = 0;    // quintile 1 mean minus quintile 5 mean
    double ratio = 0;  // quintile 1 mean divided by quintile 5 mean
};

// `ranking` direction: HigherIsBetter (income) puts low values first; HigherIsWorse (need)
// puts high values first. Areas with NaN in any input or population <= 0 are left out.
// Fails (Dutch) when fewer than 2 areas remain or the weighted mean is 0.
[[nodiscard]] core::Result<ConcentrationResult> concentration_index(std::span<const double> values,
                                                                    std::span<const double> ranking,
                                                                    Direction ranking_direction,
                                                                    std::span<const double> population);

}  // namespace gezondin::stats
