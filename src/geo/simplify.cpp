#include "geo/simplify.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace gezondin::geo {

namespace {

constexpr std::uint32_t kChunk = 256;

// Squared distance from p to the segment a-b (to the point a when a == b).
double squared_distance(CanvasPoint p, CanvasPoint a, CanvasPoint b) {
    double dx = b.x - a.x, dy = b.y - a.y;
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

}  // namespace

std::vector<std::uint32_t> douglas_peucker(std::span<const CanvasPoint> line, double tolerance) {
    std::vector<std::uint32_t> kept;
    if (line.empty()) return kept;
    auto n = static_cast<std::uint32_t>(line.size());
    if (tolerance <= 0 || n <= 2) {
        for (std::uint32_t i = 0; i < n; ++i) kept.push_back(i);
        return kept;
    }
    std::vector<bool> keep(n, false);
    keep[0] = keep[n - 1] = true;
    double limit = tolerance * tolerance;
    // Douglas-Peucker is quadratic in the worst case (a zigzag peels off one point per step);
    // fixed chunk ends bound the work at n * kChunk. They are the same every time an arc is
    // simplified, so shared arcs stay identical.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;
    for (std::uint32_t start = 0; start < n - 1; start += kChunk) {
        std::uint32_t end = std::min(start + kChunk, n - 1);
        keep[end] = true;
        stack.emplace_back(start, end);
    }
    while (!stack.empty()) {
        auto [first, last] = stack.back();
        stack.pop_back();
        double worst = -1;
        std::uint32_t worst_index = first;
        for (std::uint32_t i = first + 1; i < last; ++i) {
            double d = squared_distance(line[i], line[first], line[last]);
            if (d > worst) {
                worst = d;
                worst_index = i;
            }
        }
        if (worst <= limit) continue;
        keep[worst_index] = true;
        if (worst_index - first > 1) stack.emplace_back(first, worst_index);
        if (last - worst_index > 1) stack.emplace_back(worst_index, last);
    }
    for (std::uint32_t i = 0; i < n; ++i) {
        if (keep[i]) kept.push_back(i);
    }
    return kept;
}

std::vector<CanvasPoint> simplify_line(std::span<const CanvasPoint> line, double tolerance) {
    std::vector<CanvasPoint> out;
    for (auto i : douglas_peucker(line, tolerance)) out.push_back(line[i]);
    return out;
}

double twice_signed_area(std::span<const CanvasPoint> ring) {
    double sum = 0;
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const auto& a = ring[i];
        const auto& b = ring[(i + 1) % ring.size()];
        sum += a.x * b.y - b.x * a.y;
    }
    return sum;
}

}  // namespace gezondin::geo
