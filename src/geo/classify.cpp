#include "geo/classify.h"

#include <algorithm>
#include <cmath>

namespace gezondin::geo {

namespace {

// ColorBrewer YlOrRd (Cynthia Brewer, Penn State), rated colour-blind safe.
constexpr std::string_view kYlOrRd3[] = {"#ffeda0", "#feb24c", "#f03b20"};
constexpr std::string_view kYlOrRd4[] = {"#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"};
constexpr std::string_view kYlOrRd5[] = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
constexpr std::string_view kYlOrRd6[] = {"#ffffb2", "#fed976", "#feb24c",
                                         "#fd8d3c", "#f03b20", "#bd0026"};
constexpr std::string_view kYlOrRd7[] = {"#ffffb2", "#fed976", "#feb24c", "#fd8d3c",
                                         "#fc4e2a", "#e31a1c", "#b10026"};

double quantile(const std::vector<double>& sorted, double p) {
    double h = (static_cast<double>(sorted.size()) - 1) * p;
    auto lo = static_cast<std::size_t>(std::floor(h));
    std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

int ClassBreaks::class_of(double v) const {
    int n = class_count();
    for (int i = 0; i < n - 1; ++i) {
        if (v <= bounds[static_cast<std::size_t>(i) + 1]) return i;
    }
    return n - 1;
}

ClassBreaks class_breaks(std::span<const double> values, ClassMethod method, int classes) {
    std::vector<double> sorted;
    sorted.reserve(values.size());
    for (double v : values) {
        if (std::isfinite(v)) sorted.push_back(v);
    }
    ClassBreaks out;
    if (sorted.empty()) return out;
    std::sort(sorted.begin(), sorted.end());
    classes = std::clamp(classes, kMinClasses, kMaxClasses);
    double lo = sorted.front(), hi = sorted.back();
    out.bounds.push_back(lo);
    for (int i = 1; i < classes; ++i) {
        double p = static_cast<double>(i) / classes;
        double b = method == ClassMethod::Quantiles ? quantile(sorted, p) : lo + (hi - lo) * p;
        if (b > out.bounds.back() && b < hi) out.bounds.push_back(b);
    }
    out.bounds.push_back(hi);  // equal to bounds[0] when all values are the same: one class
    return out;
}

std::vector<std::string_view> sequential_palette(int classes, Direction direction) {
    classes = std::clamp(classes, 1, kMaxClasses);
    std::span<const std::string_view> base;
    switch (std::max(classes, 3)) {
        case 3: base = kYlOrRd3; break;
        case 4: base = kYlOrRd4; break;
        case 5: base = kYlOrRd5; break;
        case 6: base = kYlOrRd6; break;
        default: base = kYlOrRd7; break;
    }
    std::vector<std::string_view> out;
    if (classes >= 3) {
        out.assign(base.begin(), base.end());
    } else if (classes == 2) {
        out = {base[0], base[2]};
    } else {
        out = {base[1]};
    }
    if (direction == Direction::HigherIsBetter) std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace gezondin::geo
