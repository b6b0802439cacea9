#pragma once
// Line simplification (Douglas-Peucker) on projected canvas points.
//
// Shared borders stay consistent because the map code simplifies each TopoJSON arc once and
// builds every ring from the simplified arcs: both neighbours use the very same points. The
// end points of an arc (where three or more areas meet) are always kept. A GeoJSON ring is its
// own arc, so there neighbours are simplified separately and may show hairline gaps or
// overlaps of at most the tolerance (well below a pixel at the default tolerance).

#include <cstdint>
#include <span>
#include <vector>

#include "geo/projection.h"

namespace gezondin::geo {

// The indices of the points to keep, ascending; always the first and the last. A point is
// dropped when it lies within `tolerance` (canvas units) of the simplified line. A closed line
// (first == last) is handled: its farthest point from the start is kept. Iterative, so very
// long lines cannot overflow the stack. Lines are cut into pieces of 256 points whose ends are
// kept, which bounds the quadratic worst case of Douglas-Peucker (costs ~0.4% extra points). Empty input gives an empty result; tolerance <= 0 keeps
// every point.
std::vector<std::uint32_t> douglas_peucker(std::span<const CanvasPoint> line, double tolerance);

// The kept points themselves.
std::vector<CanvasPoint> simplify_line(std::span<const CanvasPoint> line, double tolerance);

// Twice the signed area of a closed ring (shoelace); positive when counter-clockwise in a
// y-up system. The ring may or may not repeat its first point at the end.
double twice_signed_area(std::span<const CanvasPoint> ring);

}  // namespace gezondin::geo
