// TopoJSON (format specification 1.0) Topology reader: quantized, delta-encoded arcs; rings
// as arc indices where ~i (= -i-1) means arc i walked backwards.
#include <cmath>
#include <string>

#include "core/messages.h"
#include "geo/reader_common.h"

namespace gezondin::geo {

namespace {

using detail::bad_field;
using detail::Json;

constexpr std::size_t kMinArcPositions = 2;

struct Transform {
    double scale_x = 1, scale_y = 1, translate_x = 0, translate_y = 0;
    bool quantized = false;
};

bool is_pair_of_numbers(const Json& v) {
    return v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number() &&
           std::isfinite(v[0].get<double>()) && std::isfinite(v[1].get<double>());
}

Result<Transform> read_transform(const Json& root) {
    auto it = root.find("transform");
    if (it == root.end() || it->is_null()) return Transform{};
    if (!it->is_object() || !it->contains("scale") || !it->contains("translate") ||
        !is_pair_of_numbers((*it)["scale"]) || !is_pair_of_numbers((*it)["translate"])) {
        return core::fail(bad_field("transform", "geo.bad_transform"));
    }
    const Json& s = (*it)["scale"];
    const Json& t = (*it)["translate"];
    Transform out{s[0].get<double>(), s[1].get<double>(), t[0].get<double>(), t[1].get<double>(),
                  true};
    if (out.scale_x == 0 || out.scale_y == 0) return core::fail(bad_field("transform", "geo.bad_transform"));
    return out;
}

Result<Arc> read_arc(const Json& positions, const Transform& tf, std::size_t index) {
    std::string field = "arcs[" + std::to_string(index) + "]";  // short: fits the small-string buffer
    if (!positions.is_array() || positions.size() < kMinArcPositions) {
        return core::fail(bad_field(field, "geo.arc_too_short", {std::to_string(kMinArcPositions)}));
    }
    Arc arc;
    arc.reserve(positions.size());
    double x = 0, y = 0;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const Json& p = positions[i];
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
            return core::fail(bad_field(field + "[" + std::to_string(i) + "]", "geo.bad_position"));
        }
        if (tf.quantized) {
            x += p[0].get<double>();
            y += p[1].get<double>();
        } else {
            x = p[0].get<double>();
            y = p[1].get<double>();
        }
        double lon = tf.quantized ? x * tf.scale_x + tf.translate_x : x;
        double lat = tf.quantized ? y * tf.scale_y + tf.translate_y : y;
        if (!detail::is_lonlat(lon, lat)) {
            return core::fail(detail::bad_coordinate(lon, lat, field + "[" + std::to_string(i) + "]"));
        }
        arc.push_back({lon, lat});
    }
    return arc;
}

core::Status read_arcs(const Json& root, BoundarySet& set) {
    auto tf = read_transform(root);
    if (!tf) return core::fail(tf.error());
    auto arcs = detail::array_member(root, "arcs", "arcs");
    if (!arcs) return core::fail(arcs.error());
    if ((*arcs)->size() > UINT32_MAX) return core::fail(bad_field("arcs", "geo.too_many_arcs"));
    set.arcs.reserve((*arcs)->size());
    for (std::size_t i = 0; i < (*arcs)->size(); ++i) {
        auto arc = read_arc((**arcs)[i], *tf, i);
        if (!arc) return core::fail(arc.error());
        set.arcs.push_back(std::move(*arc));
    }
    return {};
}

Result<Ring> read_ring(const Json& indices, const std::string& field, std::size_t arc_count) {
    if (!indices.is_array() || indices.empty()) return core::fail(bad_field(field, "geo.expected_array"));
    Ring ring;
    ring.arcs.reserve(indices.size());
    for (const Json& v : indices) {
        if (!v.is_number_integer()) return core::fail(bad_field(field, "geo.bad_arc_index", {v.dump()}));
        std::int64_t i = v.get<std::int64_t>();
        bool reversed = i < 0;
        std::int64_t index = reversed ? -(i + 1) : i;  // ~i for a reversed arc
        if (index < 0 || static_cast<std::uint64_t>(index) >= arc_count) {
            return core::fail(bad_field(field, "geo.arc_out_of_range",
                                        {std::to_string(i), std::to_string(arc_count)}));
        }
        ring.arcs.push_back(ArcRef{static_cast<std::uint32_t>(index), reversed});
    }
    return ring;
}

Result<Polygon> read_polygon(const Json& rings, const std::string& field, std::size_t arc_count) {
    if (!rings.is_array() || rings.empty()) return core::fail(bad_field(field, "geo.expected_array"));
    Polygon polygon;
    for (std::size_t i = 0; i < rings.size(); ++i) {
        auto ring = read_ring(rings[i], field + "[" + std::to_string(i) + "]", arc_count);
        if (!ring) return core::fail(ring.error());
        polygon.rings.push_back(std::move(*ring));
    }
    return polygon;
}

core::Status read_geometry(const Json& g, const std::string& field, Area& area, std::size_t arc_count) {
    auto t = g.find("type");
    if (t == g.end() || t->is_null()) return {};  // TopoJSON's null geometry: no shape
    if (!t->is_string()) return core::fail(bad_field(field + ".type", "geo.expected_geometry"));
    const auto& type = t->get_ref<const std::string&>();
    if (type != "Polygon" && type != "MultiPolygon") {
        return core::fail(bad_field(field + ".type", "geo.unsupported_geometry", {type}));
    }
    auto arcs = detail::array_member(g, "arcs", field + ".arcs");
    if (!arcs) return core::fail(arcs.error());
    if (type == "Polygon") {
        auto polygon = read_polygon(**arcs, field + ".arcs", arc_count);
        if (!polygon) return core::fail(polygon.error());
        area.polygons.push_back(std::move(*polygon));
        return {};
    }
    for (std::size_t i = 0; i < (*arcs)->size(); ++i) {
        auto polygon = read_polygon((**arcs)[i], field + ".arcs[" + std::to_string(i) + "]", arc_count);
        if (!polygon) return core::fail(polygon.error());
        area.polygons.push_back(std::move(*polygon));
    }
    return {};
}

// The object named in the options, else "layer", else the only object.
Result<std::pair<std::string, const Json*>> pick_object(const Json& root, const ReadOptions& options) {
    auto objects = root.find("objects");
    if (objects == root.end() || !objects->is_object() || objects->empty()) {
        return core::fail(bad_field("objects", "geo.no_objects"));
    }
    std::string name = options.object_name;
    if (name.empty()) name = objects->contains("layer") || objects->size() > 1 ? "layer" : objects->begin().key();
    auto it = objects->find(name);
    if (it != objects->end() && it->is_object()) return std::pair{name, &*it};
    std::string names;
    for (const auto& [key, value] : objects->items()) names += (names.empty() ? "" : ", ") + key;
    return core::fail(bad_field("objects", "geo.no_object", {name, names}));
}

Result<BoundarySet> read_topology(std::string_view text, const ReadOptions& options) {
    auto root = detail::parse_json(text, options);
    if (!root) return core::fail(root.error());
    if (!root->is_object() || root->value("type", Json()) != "Topology") {
        return core::fail(bad_field("type", "geo.not_topology"));
    }
    auto object = pick_object(*root, options);
    if (!object) return core::fail(object.error());
    BoundarySet set;
    set.shared_arcs = true;
    if (auto ok = read_arcs(*root, set); !ok) return core::fail(ok.error());

    const Json& obj = *object->second;
    std::string base = "objects." + object->first;
    bool collection = obj.value("type", Json()) == "GeometryCollection";
    const Json* geometries = &obj;
    if (collection) {
        auto list = detail::array_member(obj, "geometries", base + ".geometries");
        if (!list) return core::fail(list.error());
        geometries = *list;
    }
    detail::AreaCollector collector;
    std::size_t count = collection ? geometries->size() : 1;
    for (std::size_t i = 0; i < count; ++i) {
        const Json& g = collection ? (*geometries)[i] : obj;
        std::string field = collection ? base + ".geometries[" + std::to_string(i) + "]" : base;
        if (!g.is_object()) return core::fail(bad_field(field, "geo.expected_geometry"));
        auto area = collector.area_for(g, field);
        if (!area) return core::fail(area.error());
        if (auto ok = read_geometry(g, field, **area, set.arcs.size()); !ok) return core::fail(ok.error());
    }
    if (auto ok = collector.finish(set, options); !ok) return core::fail(ok.error());
    if (auto ok = detail::check_point_budget(set, options); !ok) return core::fail(ok.error());
    return set;
}

}  // namespace

Result<BoundarySet> read_topojson(std::string_view text, const ReadOptions& options) {
    return detail::guarded([&] { return read_topology(text, options); });
}

}  // namespace gezondin::geo
