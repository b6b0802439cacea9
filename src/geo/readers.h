#pragma once
// Readers for area boundaries: GeoJSON FeatureCollections and TopoJSON Topologies of Polygon
// and MultiPolygon geometries in WGS84 (CRS84 / EPSG:4326), as published by CBS/PDOK.
//
// The library does no file I/O: the caller hands over the text (or a stream it opened).
// Every reader returns a complete BoundarySet or an Error, never something half-read:
//   InvalidInput  malformed or truncated JSON, wrong types, unknown geometry types, arc index
//                 out of range, coordinates that are not WGS84 degrees, a missing or invalid
//                 area code, no areas at all. problems() names the JSON field, e.g.
//                 "features[12].geometry.coordinates" or "objects.layer.geometries[3].arcs".
//                 For broken JSON, FieldProblem::line is the line of the error.
//   TooLarge      more than ReadOptions::max_bytes of text or max_points points.
// Messages are Dutch texts from i18n (keys geo.*). All functions are thread-safe.
//
// Area codes, in this order: property `statcode` ("GM0363"); property `Code` as an integer
// (363 -> "GM0363", as in the 2019 gemeentegrenzen file); property `gemeentecode`; a string
// `id` on the feature/geometry. Names: `statnaam`, `Gemeentena`, `gemeentenaam`, `naam`,
// `name`. Features with the same code are merged into one area.

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "geo/boundary.h"

namespace gezondin::geo {

template <typename T>
using Result = core::Result<T>;

struct ReadOptions {
    // The year of the boundaries when the caller knows it (e.g. from the file name, see
    // year_in_name()); otherwise taken from a `jrstatcode` property ("2024GM0014") if present.
    std::optional<int> year;
    // TopoJSON only: the object to read. Empty: "layer", or the only object in the file.
    std::string object_name;
    // Limits that keep memory bounded on hostile input.
    std::size_t max_bytes = 256u * 1024u * 1024u;
    std::size_t max_points = 20'000'000;  // sum of points over all rings
};

Result<BoundarySet> read_geojson(std::string_view text, const ReadOptions& options = {});
Result<BoundarySet> read_topojson(std::string_view text, const ReadOptions& options = {});

// Looks at the top-level "type" ("FeatureCollection" or "Topology") and calls the matching
// reader.
Result<BoundarySet> read_boundaries(std::string_view text, const ReadOptions& options = {});

// Reads the stream to its end (at most options.max_bytes) and calls read_boundaries().
Result<BoundarySet> read_boundaries(std::istream& in, const ReadOptions& options = {});

}  // namespace gezondin::geo
