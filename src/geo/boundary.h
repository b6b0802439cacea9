#pragma once
// Area boundaries (grenzen) of gemeenten, wijken and buurten, as read from GeoJSON or
// TopoJSON. Coordinates are WGS84 longitude/latitude in degrees.
//
// Every ring is a list of references to shared lines ("arcs"), the way TopoJSON stores them:
// two neighbouring buurten point at the same arc for their common border, so simplifying each
// arc once keeps them touching. GeoJSON has no shared lines; its reader stores every ring as
// one arc of its own, so the rest of the library sees one model.
//
// A BoundarySet is a plain value: copyable, no hidden state, safe to read from many threads.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gezondin::geo {

struct LonLat {
    double lon = 0;  // degrees east, -180..180
    double lat = 0;  // degrees north, -90..90
};

// The CBS level of an area, from its code: GM gemeente, WK wijk, BU buurt. Other prefixes
// (PV provincie, CR COROP-gebied, ...) are kept as Other. A set with several levels is Mixed.
enum class AreaLevel { Gemeente, Wijk, Buurt, Other, Mixed };

// Dutch, lower case: "gemeente", "wijk", "buurt", "overig", "gemengd".
std::string_view to_string(AreaLevel level);

// The level a CBS code belongs to ("BU03630000" -> Buurt); Other for unknown prefixes.
AreaLevel level_of_code(std::string_view code);

// One use of an arc: its index in BoundarySet::arcs, walked backwards when `reversed`.
struct ArcRef {
    std::uint32_t index = 0;
    bool reversed = false;
};

// A closed ring: the arcs in order; the last point of one arc is the first of the next.
struct Ring {
    std::vector<ArcRef> arcs;
};

// rings[0] is the outer ring, the others are holes (GeoJSON/TopoJSON order).
struct Polygon {
    std::vector<Ring> rings;
};

// One gemeente, wijk or buurt. CBS sometimes delivers an area as several features (land and
// water parts of a gemeente); readers merge features with the same code into one Area.
struct Area {
    std::string code;   // CBS code, e.g. "GM0363", "WK036300", "BU03630000"
    std::string name;   // e.g. "Amsterdam"; may be empty when the file has no name
    AreaLevel level = AreaLevel::Other;
    std::vector<Polygon> polygons;  // empty when the feature had no geometry
};

using Arc = std::vector<LonLat>;

struct BoundarySet {
    std::optional<int> year;            // from the caller or a `jrstatcode`; empty when unknown
    AreaLevel level = AreaLevel::Other;  // the common level of all areas, or Mixed
    std::vector<Area> areas;            // in file order (first appearance of each code)
    std::vector<Arc> arcs;              // every arc has at least one point
    bool shared_arcs = false;           // true for TopoJSON: arcs may be used by several rings

    // The area with this code, or nullptr. Linear in the number of areas.
    const Area* find(std::string_view code) const;
};

// The points of a ring, arcs joined without repeating their shared end points. The result is
// closed by the data itself (TopoJSON/GeoJSON rings end where they start) and not re-closed.
// Needs every ArcRef of `ring` to be a valid index into `set.arcs` (the readers guarantee it).
std::vector<LonLat> ring_coordinates(const BoundarySet& set, const Ring& ring);

// Number of points ring_coordinates() returns, without building them.
std::size_t ring_point_count(const BoundarySet& set, const Ring& ring);

// A year in 1900..2099 written in a name such as "Buurt_2014_layer_q1e3.json" or
// "2024GM0014"; the first such run of exactly four digits. Empty when there is none.
std::optional<int> year_in_name(std::string_view name);

// Sets `set.level` from the levels of its areas (Mixed when they differ, Other when empty).
void infer_level(BoundarySet& set);

}  // namespace gezondin::geo
