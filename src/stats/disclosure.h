#pragma once
// Disclosure control: small numbers never leave the engine.
//
// Primary suppression: a value becomes Secret when its area has fewer inhabitants than
// min_population, or (for counts) when the count is below min_count (0 included).
// Complementary suppression, for additive columns (counts that sum from children to
// parent), repeated until nothing changes:
//  - a visible parent with exactly one Secret child: the visible sibling with the smallest
//    value becomes Secret too, so parent minus visible children no longer gives it away;
//  - a Secret parent whose children are all visible: the smallest child becomes Secret, so
//    the parent is not the sum of its children.
// This closes the one-equation routes (a total and its parts); it is not a full audit of
// every linear combination across levels.

#include "stats/area_table.h"

namespace gezondin::stats {

enum class Additivity { Additive, NotAdditive };

struct DisclosureRules {
    double min_count = 10;
    double min_population = 50;
    Additivity additivity = Additivity::Additive;
};

// Returns a copy of `column` (one entry per table row) with the rules applied. Values already
// Secret or Missing stay so.
Column apply_disclosure(const AreaTable& table, const Column& column, const DisclosureRules& rules);

}  // namespace gezondin::stats
