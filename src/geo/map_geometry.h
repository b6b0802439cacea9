#pragma once
// The drawable form of a BoundarySet: every area as SVG path data on a fitted canvas, projected
// to RD, simplified and rounded. Computing it is the expensive part of drawing a map; it does
// not depend on the values, so a page can prepare a map once and colour it for many
// indicators (render_choropleth() takes a PreparedMap).
//
// Steps: project every used arc to RD (projection.h) and fit it to the canvas; simplify each
// arc once with Douglas-Peucker (simplify.h), so TopoJSON neighbours keep identical borders;
// round points to a grid of 1/10 canvas unit; join arcs into rings; drop rings smaller than
// `min_ring_area` square units (and the holes of a dropped outer ring); write each ring as
// "M x y l dx dy ... z" in grid units. The SVG draws the paths inside
// <g transform="scale(0.1)">, so path data are short integers without decimal points.

#include <string>
#include <vector>

#include "core/error.h"
#include "geo/boundary.h"

namespace gezondin::geo {

struct MapOptions {
    double width = 800;          // canvas width in viewBox units (CSS pixels at 100%)
    double margin = 8;           // empty border around the areas, same units
    double tolerance = 0.35;     // Douglas-Peucker tolerance in canvas units; 0 keeps all points
    double min_ring_area = 1.0;  // rings with a smaller area (square canvas units) are dropped
};

constexpr int kGridPerUnit = 10;  // path coordinates are integers in 1/10 canvas unit

struct PreparedMap {
    double width = 0;   // canvas size in viewBox units
    double height = 0;
    // Path data per area, parallel to BoundarySet::areas; empty when nothing of the area is
    // big enough to draw (the area still belongs in the table beside the map).
    std::vector<std::string> paths;
    std::vector<std::string> codes;   // parallel to paths
    std::vector<std::string> names;   // parallel to paths
    std::size_t rings_drawn = 0;
    std::size_t rings_dropped = 0;
    std::size_t points_in = 0;        // points of all used arcs before simplification
    std::size_t points_out = 0;       // points written to the paths
};

// InvalidInput when the options are out of range (width 50..10000, margin >= 0 and less than a
// quarter of the width, tolerance and min_ring_area >= 0 and finite) or when `set` has no area
// with geometry. Needs a BoundarySet from the readers (valid arc indices).
core::Result<PreparedMap> prepare_map(const BoundarySet& set, const MapOptions& options = {});

}  // namespace gezondin::geo
