#pragma once
// The "ongelijk investeren" calculator: a budget over areas by need (proportionate
// universalism).
//
// Formula, for the participating areas (see MissingNeedRule), budget B, population n_i,
// need g_i >= 0, universal share u, proportionality p, damping d, previous amounts q_i:
//   universal_i = u B n_i / sum(n)                       (per inhabitant, everyone)
//   targeted_i  = (1 - u) B n_i g_i^p / sum(n g^p)       (needy areas only; g^0 = 1)
//   raw_i       = universal_i + targeted_i
//   damped_i    = (1 - d) raw_i + d B q_i / sum(q)       (previous rescaled to the budget)
//   amount_i    = clamp(s damped_i, floor n_i, cap n_i)  (one factor s for all areas, found
//                                                         so that the amounts sum to B)
// Rounding: every amount is floored to whole cents (kept within its floor and cap), and the
// cents left over go one by one to the areas with the largest fractions; ties go to the
// earlier area. The cents therefore add up to the budget exactly.
// With p = 0 and no floors, caps or damping every inhabitant gets the same amount; with
// d = 0 more need never gives less per inhabitant.

#include <cstdint>
#include <span>
#include <vector>

#include "core/error.h"

namespace gezondin::stats {

// What happens to an area whose need is unknown (missing or secret).
enum class MissingNeedRule {
    UniversalOnly,  // it shares in the universal part, not in the targeted part
    Exclude,        // it gets nothing; the whole budget goes to the other areas
};

struct AllocationParams {
    std::int64_t budget_cents = 0;
    double universal_share = 0.4;  // u, 0..1
    double proportionality = 1;    // p >= 0
    double floor_per_inhabitant = 0;   // euros; 0 = no floor
    double cap_per_inhabitant = 0;     // euros; 0 = no cap
    double damping = 0;                // d, 0..1; needs previous amounts when > 0
    MissingNeedRule missing_need = MissingNeedRule::UniversalOnly;
};

struct AllocationInput {
    std::span<const double> population;  // NaN or <= 0: area gets nothing and is listed
    std::span<const double> need;        // NaN = missing; otherwise >= 0
    std::span<const double> previous;    // empty, or euros per area (NaN counts as 0)
};

struct AllocationResult {
    std::vector<std::int64_t> cents;           // per area, same order as the input
    std::vector<double> euros_per_inhabitant;  // 0 where the population is 0 or missing
    std::vector<std::size_t> missing_need;     // areas handled by the MissingNeedRule
    std::vector<std::size_t> no_population;    // areas without inhabitants (get nothing)
};

// Returns InvalidInput (Dutch) for parameters out of range, negative need, lengths that do
// not match, all-zero weights, or floors and caps that cannot be met within the budget.
[[nodiscard]] core::Result<AllocationResult> allocate(const AllocationInput& input, const AllocationParams& params);

// The same formula before rounding (euros, in double precision). Used by the uncertainty
// analysis, which needs many allocations and no cents.
[[nodiscard]] core::Result<std::vector<double>> allocate_unrounded(const AllocationInput& input,
                                                                   const AllocationParams& params);

}  // namespace gezondin::stats
