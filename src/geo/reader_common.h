#pragma once
// Internal to the geo readers (not installed, not for other layers): the nlohmann::json
// helpers shared by the GeoJSON and TopoJSON readers. Only reader .cpp files include it, so the
// heavy JSON header stays out of the rest of the build.

#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/readers.h"

namespace gezondin::geo::detail {

using Json = nlohmann::json;

// InvalidInput with the general message and one problem: `field` is a JSON path, `reason` the
// Dutch text of i18n key `reason_key` filled with `args`.
core::Error bad_field(std::string field, std::string_view reason_key,
                      std::initializer_list<std::string_view> args = {});

// Parses JSON; a syntax error (also a truncated file) becomes InvalidInput with the line.
Result<Json> parse_json(std::string_view text, const ReadOptions& options);

// True when lon/lat are finite degrees on Earth.
inline bool is_lonlat(double lon, double lat) {
    return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;  // false for NaN too
}

// InvalidInput for a point that is not WGS84 degrees.
core::Error bad_coordinate(double lon, double lat, std::string field);

// The first two numbers of a JSON position array [lon, lat, ...] as a checked LonLat. The
// field name (`field` + "[index]") is only built when there is an error.
Result<LonLat> read_position(const Json& position, const std::string& field, std::size_t index);

// The array at `parent[key]`, or InvalidInput naming `field`.
Result<const Json*> array_member(const Json& parent, const char* key, const std::string& field);

// Collects areas in file order, merging features with the same code.
class AreaCollector {
public:
    // Checks the code/name of a feature (its `properties` and `id`); InvalidInput when there is
    // no usable code. Returns the area to append polygons to.
    Result<Area*> area_for(const Json& feature, const std::string& field);

    // Moves the areas into `set`, sets the year and level; InvalidInput when there are none.
    core::Status finish(BoundarySet& set, const ReadOptions& options);

private:
    std::vector<Area> m_areas;
    std::unordered_map<std::string, std::size_t> m_index;
    std::optional<int> m_year;
};

// TooLarge: the input needs more memory than this process can give it.
core::Error too_large_error();

// Runs a reader; a JSON library exception it did not foresee becomes InvalidInput and running
// out of memory becomes TooLarge, so no exception leaves the library.
template <typename Fn>
Result<BoundarySet> guarded(Fn&& read) {
    try {
        return read();
    } catch (const std::bad_alloc&) {
        return core::fail(too_large_error());
    } catch (const std::exception& e) {
        return core::fail(bad_field("json", "geo.bad_structure", {e.what()}));
    }
}

// TooLarge when the rings of `set` hold more than options.max_points points.
core::Status check_point_budget(const BoundarySet& set, const ReadOptions& options);

}  // namespace gezondin::geo::detail
