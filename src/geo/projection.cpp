#include "geo/projection.h"

#include <algorithm>

namespace gezondin::geo {

namespace {

constexpr double kPhi0 = 52.15517440;
constexpr double kLambda0 = 5.38720621;
constexpr double kX0 = 155000.0;
constexpr double kY0 = 463000.0;

struct Term {
    int p;  // power of dphi
    int q;  // power of dlambda
    double coefficient;
};

// Schreutelaar & Strang van Hees, WGS84 -> RD.
constexpr Term kR[] = {{0, 1, 190094.945}, {1, 1, -11832.228}, {2, 1, -114.221},
                       {0, 3, -32.391},    {1, 0, -0.705},     {3, 1, -2.340},
                       {1, 3, -0.608},     {0, 2, -0.008},     {2, 3, 0.148}};
constexpr Term kS[] = {{1, 0, 309056.544}, {0, 2, 3638.893}, {2, 0, 73.077}, {1, 2, -157.984},
                       {3, 0, 59.788},     {0, 1, 0.433},    {2, 2, -6.439}, {1, 1, -0.032},
                       {0, 4, 0.092},      {1, 4, -0.054}};

}  // namespace

RdPoint to_rd(LonLat p) {
    double dphi = 0.36 * (p.lat - kPhi0);     // units of 10,000 arc seconds
    double dlambda = 0.36 * (p.lon - kLambda0);
    double phi_pow[4] = {1, dphi, dphi * dphi, dphi * dphi * dphi};
    double lambda_pow[5] = {1, dlambda, dlambda * dlambda, dlambda * dlambda * dlambda, 0};
    lambda_pow[4] = lambda_pow[2] * lambda_pow[2];
    double x = kX0;
    for (const auto& t : kR) x += t.coefficient * phi_pow[t.p] * lambda_pow[t.q];
    double y = kY0;
    for (const auto& t : kS) y += t.coefficient * phi_pow[t.p] * lambda_pow[t.q];
    return {x, y};
}

void Bounds::extend(RdPoint p) {
    if (empty) {
        min_x = max_x = p.x;
        min_y = max_y = p.y;
        empty = false;
        return;
    }
    min_x = std::min(min_x, p.x);
    max_x = std::max(max_x, p.x);
    min_y = std::min(min_y, p.y);
    max_y = std::max(max_y, p.y);
}

ViewBoxFit::ViewBoxFit(const Bounds& bounds, double width, double margin)
    : m_min_x(bounds.min_x), m_max_y(bounds.max_y), m_margin(margin), m_width(width) {
    double inner = width - 2 * margin;
    double w = std::max(bounds.width(), 1.0);
    double h = std::max(bounds.height(), 1.0);
    m_scale = inner / w;
    m_height = h * m_scale + 2 * margin;
}

}  // namespace gezondin::geo
