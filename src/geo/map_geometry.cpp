#include "geo/map_geometry.h"

#include <charconv>
#include <cmath>

#include "core/messages.h"
#include "geo/projection.h"
#include "geo/simplify.h"

namespace gezondin::geo {

namespace {

struct GridPoint {
    std::int32_t x;
    std::int32_t y;
    bool operator==(const GridPoint&) const = default;
};

using GridArc = std::vector<GridPoint>;

std::vector<bool> used_arcs(const BoundarySet& set) {
    std::vector<bool> used(set.arcs.size(), false);
    for (const auto& area : set.areas)
        for (const auto& polygon : area.polygons)
            for (const auto& ring : polygon.rings)
                for (const auto& ref : ring.arcs) used[ref.index] = true;
    return used;
}

// Projects, simplifies and rounds every used arc once.
std::vector<GridArc> grid_arcs(const BoundarySet& set, const std::vector<bool>& used,
                               const MapOptions& options, PreparedMap& out) {
    std::vector<std::vector<RdPoint>> rd(set.arcs.size());
    Bounds bounds;
    for (std::size_t i = 0; i < set.arcs.size(); ++i) {
        if (!used[i]) continue;
        rd[i].reserve(set.arcs[i].size());
        for (const auto& p : set.arcs[i]) bounds.extend(rd[i].emplace_back(to_rd(p)));
        out.points_in += set.arcs[i].size();
    }
    ViewBoxFit fit(bounds, options.width, options.margin);
    out.width = fit.width();
    out.height = fit.height();
    std::vector<GridArc> arcs(set.arcs.size());
    std::vector<CanvasPoint> canvas;
    for (std::size_t i = 0; i < set.arcs.size(); ++i) {
        canvas.clear();
        for (const auto& p : rd[i]) canvas.push_back(fit.apply(p));
        for (auto k : douglas_peucker(canvas, options.tolerance)) {
            arcs[i].push_back({static_cast<std::int32_t>(std::lround(canvas[k].x * kGridPerUnit)),
                               static_cast<std::int32_t>(std::lround(canvas[k].y * kGridPerUnit))});
        }
    }
    return arcs;
}

std::vector<GridPoint> join_ring(const std::vector<GridArc>& arcs, const Ring& ring) {
    std::vector<GridPoint> out;
    for (const auto& ref : ring.arcs) {
        const GridArc& arc = arcs[ref.index];
        auto push = [&](GridPoint p) {
            if (out.empty() || !(out.back() == p)) out.push_back(p);
        };
        if (ref.reversed) {
            for (auto it = arc.rbegin(); it != arc.rend(); ++it) push(*it);
        } else {
            for (const auto& p : arc) push(p);
        }
    }
    if (out.size() > 1 && out.front() == out.back()) out.pop_back();  // "z" closes the ring
    return out;
}

double area_in_units(const std::vector<GridPoint>& ring) {
    double sum = 0;
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const auto& a = ring[i];
        const auto& b = ring[(i + 1) % ring.size()];
        sum += static_cast<double>(a.x) * b.y - static_cast<double>(b.x) * a.y;
    }
    return std::abs(sum) / 2.0 / (kGridPerUnit * kGridPerUnit);
}

void append_int(std::string& out, std::int64_t v) {
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, end);
}

// "M x y l dx dy dx dy z": relative steps, with a space only where no minus sign separates.
void append_ring(std::string& out, const std::vector<GridPoint>& ring) {
    out += 'M';
    append_int(out, ring[0].x);
    out += ' ';
    append_int(out, ring[0].y);
    out += 'l';
    for (std::size_t i = 1; i < ring.size(); ++i) {
        std::int64_t dx = std::int64_t{ring[i].x} - ring[i - 1].x;
        std::int64_t dy = std::int64_t{ring[i].y} - ring[i - 1].y;
        if (i > 1 && dx >= 0) out += ' ';
        append_int(out, dx);
        if (dy >= 0) out += ' ';
        append_int(out, dy);
    }
    out += 'z';
}

std::string area_path(const std::vector<GridArc>& arcs, const Area& area, const MapOptions& options,
                      PreparedMap& out) {
    std::string path;
    for (const auto& polygon : area.polygons) {
        for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
            auto ring = join_ring(arcs, polygon.rings[r]);
            if (ring.size() < 3 || area_in_units(ring) < options.min_ring_area) {
                // The holes of a dropped outer ring go with it.
                out.rings_dropped += r == 0 ? polygon.rings.size() : 1;
                if (r == 0) break;
                continue;
            }
            append_ring(path, ring);
            out.points_out += ring.size();
            ++out.rings_drawn;
        }
    }
    return path;
}

bool valid(const MapOptions& o) {
    return std::isfinite(o.width) && o.width >= 50 && o.width <= 10000 && std::isfinite(o.margin) &&
           o.margin >= 0 && o.margin < o.width / 4 && std::isfinite(o.tolerance) &&
           o.tolerance >= 0 && std::isfinite(o.min_ring_area) && o.min_ring_area >= 0;
}

}  // namespace

core::Result<PreparedMap> prepare_map(const BoundarySet& set, const MapOptions& options) {
    if (!valid(options)) {
        return core::fail(core::Error::invalid_input(
            std::string(core::msg("geo.bad_map_options")),
            {core::FieldProblem{"width", core::msg("geo.bad_size", {"50", "10000"}), 0}}));
    }
    auto used = used_arcs(set);
    bool any = false;
    for (bool u : used) any = any || u;
    if (!any) return core::fail(core::Error::invalid_input(std::string(core::msg("geo.no_drawable_areas"))));

    PreparedMap out;
    auto arcs = grid_arcs(set, used, options, out);
    out.paths.reserve(set.areas.size());
    for (const auto& area : set.areas) {
        out.paths.push_back(area_path(arcs, area, options, out));
        out.codes.push_back(area.code);
        out.names.push_back(area.name);
    }
    return out;
}

}  // namespace gezondin::geo
