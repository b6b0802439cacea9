#pragma once
// Class breaks for choropleth maps and the colours of the classes.

#include <span>
#include <string_view>
#include <vector>

namespace gezondin::geo {

enum class ClassMethod {
    Quantiles,       // about as many areas in every class (the default)
    EqualIntervals,  // classes of equal width between the lowest and the highest value
};

// Whether a higher value is worse (e.g. % with obesity) or better (e.g. % in good health).
enum class Direction { HigherIsWorse, HigherIsBetter };

constexpr int kMinClasses = 3;
constexpr int kMaxClasses = 7;

// bounds = {lowest value, upper limit of class 0, ..., upper limit of the last class = highest
// value}; class_count() == bounds.size() - 1. Class i holds the values v with
// bounds[i] < v <= bounds[i + 1] (class 0 also holds bounds[0]). Empty when there were no values.
struct ClassBreaks {
    std::vector<double> bounds;

    int class_count() const { return bounds.size() < 2 ? 0 : static_cast<int>(bounds.size()) - 1; }

    // The class of `v` (0-based). Values below the lowest bound go to class 0 and above the
    // highest to the last class. Needs class_count() > 0.
    int class_of(double v) const;
};

// Breaks for `values` (non-finite values are ignored) in `classes` classes (clamped to
// kMinClasses..kMaxClasses). Quantile breaks use linear interpolation between order statistics
// (R's type 7, as numpy.quantile). Equal bounds are merged, so ties and a small number of
// distinct values give fewer classes; all values equal give one class.
ClassBreaks class_breaks(std::span<const double> values, ClassMethod method, int classes);

// A colour-blind-safe sequential palette (ColorBrewer YlOrRd, light yellow to dark red) with
// `classes` colours as "#rrggbb", lightest first for HigherIsWorse and darkest first for
// HigherIsBetter, so the darkest colour always marks the least favourable values. 1..7 classes.
std::vector<std::string_view> sequential_palette(int classes, Direction direction);

}  // namespace gezondin::geo
