#pragma once
// Map projection for the Netherlands: Rijksdriehoeksstelsel (RD New, EPSG:28992).
//
// Choice: RD is what Dutch maps, CBS and PDOK use, so our maps look like the ones users know.
// It is an oblique stereographic projection on the Bessel 1841 ellipsoid (conformal: shapes
// of buurten are kept). We use the published approximation of Schreutelaar and Strang van
// Hees ("Benaderingsformules voor de transformatie tussen RD- en WGS84-kaartcoordinaten"):
// a polynomial in (0.36 * dphi, 0.36 * dlambda) around Amersfoort (52.15517440 N,
// 5.38720621 E) that includes the datum shift from WGS84 to Bessel. Its error is below about
// one metre inside the RD area (the Netherlands with some 50 km around it); a map pixel is
// hundreds of metres, so this is far below what can be seen. Far outside that area the
// polynomial grows fast: results stay finite for any valid lon/lat, but are meaningless.

#include "geo/boundary.h"

namespace gezondin::geo {

// RD coordinates in metres: x grows to the east, y to the north. Amersfoort is (155000, 463000).
struct RdPoint {
    double x = 0;
    double y = 0;
};

RdPoint to_rd(LonLat p);

struct Bounds {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    bool empty = true;

    void extend(RdPoint p);
    double width() const { return max_x - min_x; }
    double height() const { return max_y - min_y; }
};

// A point on the SVG canvas: x to the right, y downwards, in viewBox units.
struct CanvasPoint {
    double x = 0;
    double y = 0;
};

// Maps RD metres onto a canvas `width` units wide with `margin` units on every side, keeping
// the aspect ratio (north up, no distortion). The height follows from the bounds.
class ViewBoxFit {
public:
    // Needs width > 2 * margin and non-empty bounds; a bounds of a single point (or a line)
    // gets a width or height of one metre so the scale stays finite.
    ViewBoxFit(const Bounds& bounds, double width, double margin);

    CanvasPoint apply(RdPoint p) const {
        return {m_margin + (p.x - m_min_x) * m_scale, m_margin + (m_max_y - p.y) * m_scale};
    }
    double width() const { return m_width; }
    double height() const { return m_height; }
    double metres_per_unit() const { return 1.0 / m_scale; }

private:
    double m_min_x, m_max_y, m_scale, m_margin, m_width, m_height;
};

}  // namespace gezondin::geo
