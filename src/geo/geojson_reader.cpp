// GeoJSON (RFC 7946) FeatureCollection reader. Each ring becomes one arc of its own.
#include <string>

#include "core/messages.h"
#include "geo/reader_common.h"

namespace gezondin::geo {

namespace {

using detail::bad_field;
using detail::Json;

constexpr std::size_t kMinRingPositions = 4;  // RFC 7946: closed, at least a triangle

// Accepts a missing crs and the names GeoJSON writers use for WGS84 lon/lat.
core::Status check_crs(const Json& root) {
    auto it = root.find("crs");
    if (it == root.end() || it->is_null()) return {};
    const Json* name = nullptr;
    if (it->is_object() && it->contains("properties") && (*it)["properties"].is_object()) {
        auto n = (*it)["properties"].find("name");
        if (n != (*it)["properties"].end() && n->is_string()) name = &*n;
    }
    if (!name) return core::fail(bad_field("crs", "geo.not_wgs84", {"?"}));
    const auto& text = name->get_ref<const std::string&>();
    if (text.find("CRS84") != std::string::npos || text.find("4326") != std::string::npos) return {};
    return core::fail(bad_field("crs", "geo.not_wgs84", {text}));
}

Result<Ring> read_ring(const Json& ring, const std::string& field, BoundarySet& set) {
    if (!ring.is_array()) return core::fail(bad_field(field, "geo.expected_array"));
    if (ring.size() < kMinRingPositions) {
        return core::fail(bad_field(field, "geo.ring_too_short",
                                    {std::to_string(kMinRingPositions)}));
    }
    Arc arc;
    arc.reserve(ring.size());
    for (std::size_t i = 0; i < ring.size(); ++i) {
        auto p = detail::read_position(ring[i], field, i);
        if (!p) return core::fail(p.error());
        arc.push_back(*p);
    }
    set.arcs.push_back(std::move(arc));
    return Ring{{ArcRef{static_cast<std::uint32_t>(set.arcs.size() - 1), false}}};
}

Result<Polygon> read_polygon(const Json& rings, const std::string& field, BoundarySet& set) {
    if (!rings.is_array() || rings.empty()) return core::fail(bad_field(field, "geo.expected_array"));
    Polygon polygon;
    for (std::size_t i = 0; i < rings.size(); ++i) {
        auto ring = read_ring(rings[i], field + "[" + std::to_string(i) + "]", set);
        if (!ring) return core::fail(ring.error());
        polygon.rings.push_back(std::move(*ring));
    }
    return polygon;
}

core::Status read_geometry(const Json& feature, const std::string& field, Area& area,
                           BoundarySet& set) {
    auto g = feature.find("geometry");
    if (g == feature.end() || g->is_null()) return {};  // a feature without geometry
    std::string where = field + ".geometry";
    if (!g->is_object() || !g->contains("type") || !(*g)["type"].is_string()) {
        return core::fail(bad_field(where, "geo.expected_geometry"));
    }
    const auto& type = (*g)["type"].get_ref<const std::string&>();
    auto coords = detail::array_member(*g, "coordinates", where + ".coordinates");
    if (!coords) return core::fail(coords.error());
    where += ".coordinates";
    if (type == "Polygon") {
        auto polygon = read_polygon(**coords, where, set);
        if (!polygon) return core::fail(polygon.error());
        area.polygons.push_back(std::move(*polygon));
        return {};
    }
    if (type != "MultiPolygon") return core::fail(bad_field(field + ".geometry.type",
                                                            "geo.unsupported_geometry", {type}));
    for (std::size_t i = 0; i < (*coords)->size(); ++i) {
        auto polygon = read_polygon((**coords)[i], where + "[" + std::to_string(i) + "]", set);
        if (!polygon) return core::fail(polygon.error());
        area.polygons.push_back(std::move(*polygon));
    }
    return {};
}

Result<BoundarySet> read_features(std::string_view text, const ReadOptions& options) {
    auto root = detail::parse_json(text, options);
    if (!root) return core::fail(root.error());
    if (!root->is_object() || root->value("type", Json()) != "FeatureCollection") {
        return core::fail(bad_field("type", "geo.not_feature_collection"));
    }
    if (auto crs = check_crs(*root); !crs) return core::fail(crs.error());
    auto features = detail::array_member(*root, "features", "features");
    if (!features) return core::fail(features.error());

    BoundarySet set;
    detail::AreaCollector collector;
    for (std::size_t i = 0; i < (*features)->size(); ++i) {
        const Json& feature = (**features)[i];
        std::string field = "features[" + std::to_string(i) + "]";
        if (!feature.is_object()) return core::fail(bad_field(field, "geo.expected_feature"));
        auto area = collector.area_for(feature, field);
        if (!area) return core::fail(area.error());
        if (auto ok = read_geometry(feature, field, **area, set); !ok) return core::fail(ok.error());
    }
    if (auto ok = collector.finish(set, options); !ok) return core::fail(ok.error());
    if (auto ok = detail::check_point_budget(set, options); !ok) return core::fail(ok.error());
    return set;
}

}  // namespace

Result<BoundarySet> read_geojson(std::string_view text, const ReadOptions& options) {
    return detail::guarded([&] { return read_features(text, options); });
}

Result<BoundarySet> read_boundaries(std::string_view text, const ReadOptions& options) {
    // Peek at the type without a second full parse: both readers check it again.
    auto pos = text.find("\"Topology\"");
    auto fc = text.find("\"FeatureCollection\"");
    if (pos != std::string_view::npos && (fc == std::string_view::npos || pos < fc)) {
        return read_topojson(text, options);
    }
    return read_geojson(text, options);
}

Result<BoundarySet> read_boundaries(std::istream& in, const ReadOptions& options) {
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > options.max_bytes) {
            return core::fail(core::Error::too_large(
                core::msg("geo.too_large", {std::to_string(options.max_bytes)})));
        }
    }
    if (in.bad()) return core::fail(core::Error::unavailable(std::string(core::msg("geo.read_failed"))));
    return read_boundaries(text, options);
}

}  // namespace gezondin::geo
