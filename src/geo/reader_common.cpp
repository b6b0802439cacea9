#include "geo/reader_common.h"

#include <cmath>
#include <cstdio>

#include "core/messages.h"

namespace gezondin::geo::detail {

namespace {

constexpr std::size_t kMaxCodeLength = 32;

bool is_code_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

bool is_valid_code(std::string_view code) {
    if (code.empty() || code.size() > kMaxCodeLength) return false;
    for (char c : code) {
        if (!is_code_char(c)) return false;
    }
    return true;
}

const Json* member(const Json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

// `Code` as an integer gemeentenummer (363 -> GM0363), as in the covid_viz 2019 file.
std::optional<std::string> code_from_number(const Json& value) {
    if (!value.is_number_integer()) return std::nullopt;
    auto n = value.get<std::int64_t>();
    if (n < 0 || n > 9999) return std::nullopt;
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "GM%04d", static_cast<int>(n));
    return std::string(buffer);
}

Result<std::string> code_of(const Json& feature, const std::string& field) {
    const Json* props = member(feature, "properties");
    const Json* value = nullptr;
    std::string where = field + ".properties.statcode";
    for (const char* key : {"statcode", "Code", "gemeentecode"}) {
        if (props && (value = member(*props, key))) {
            where = field + ".properties." + key;
            break;
        }
    }
    if (!value && (value = member(feature, "id")) && value->is_string()) where = field + ".id";
    if (!value) return core::fail(bad_field(where, "geo.missing_code"));
    if (auto numbered = code_from_number(*value)) return *numbered;
    if (!value->is_string()) return core::fail(bad_field(where, "geo.bad_code", {value->dump()}));
    const auto& code = value->get_ref<const std::string&>();
    if (!is_valid_code(code)) return core::fail(bad_field(where, "geo.bad_code", {code}));
    return code;
}

std::string name_of(const Json& feature) {
    const Json* props = member(feature, "properties");
    if (!props) return {};
    for (const char* key : {"statnaam", "Gemeentena", "gemeentenaam", "naam", "name"}) {
        const Json* value = member(*props, key);
        if (value && value->is_string()) return value->get<std::string>();
    }
    return {};
}

std::optional<int> year_of(const Json& feature) {
    const Json* props = member(feature, "properties");
    const Json* value = props ? member(*props, "jrstatcode") : nullptr;
    if (!value || !value->is_string()) return std::nullopt;
    return year_in_name(value->get_ref<const std::string&>().substr(0, 4));
}

long line_of(std::string_view text, std::size_t byte) {
    long line = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) line += text[i] == '\n' ? 1 : 0;
    return line;
}

}  // namespace

core::Error bad_field(std::string field, std::string_view reason_key,
                      std::initializer_list<std::string_view> args) {
    return core::Error::invalid_input(
        std::string(core::msg("geo.bad_boundaries")),
        {core::FieldProblem{std::move(field), core::msg(reason_key, args), 0}});
}

core::Error too_large_error() {
    return core::Error::too_large(std::string(core::msg("geo.out_of_memory")));
}

Result<Json> parse_json(std::string_view text, const ReadOptions& options) {
    if (text.size() > options.max_bytes) {
        return core::fail(core::Error::too_large(
            core::msg("geo.too_large", {std::to_string(options.max_bytes)})));
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return core::fail(core::Error::invalid_input(std::string(core::msg("geo.empty"))));
    }
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        long line = line_of(text, e.byte > 0 ? e.byte - 1 : 0);
        std::string at = std::to_string(e.byte);
        return core::fail(core::Error::invalid_input(
            core::msg("geo.bad_json", {at, std::to_string(line)}),
            {core::FieldProblem{"json", core::msg("geo.bad_json", {at, std::to_string(line)}), line}}));
    } catch (const std::exception& e) {
        // nlohmann reports numbers it cannot hold (1e400) as out_of_range, not parse_error.
        return core::fail(core::Error::invalid_input(
            std::string(core::msg("geo.bad_boundaries")),
            {core::FieldProblem{"json", core::msg("geo.bad_structure", {e.what()}), 0}}));
    }
}

core::Error bad_coordinate(double lon, double lat, std::string field) {
    char lon_text[40], lat_text[40];
    std::snprintf(lon_text, sizeof lon_text, "%.6g", lon);
    std::snprintf(lat_text, sizeof lat_text, "%.6g", lat);
    return bad_field(std::move(field), "geo.bad_coordinate", {lon_text, lat_text});
}

Result<LonLat> read_position(const Json& position, const std::string& field, std::size_t index) {
    if (!position.is_array() || position.size() < 2 || !position[0].is_number() ||
        !position[1].is_number()) {
        return core::fail(bad_field(field + "[" + std::to_string(index) + "]", "geo.bad_position"));
    }
    double lon = position[0].get<double>(), lat = position[1].get<double>();
    if (!is_lonlat(lon, lat)) return core::fail(bad_coordinate(lon, lat, field + "[" + std::to_string(index) + "]"));
    return LonLat{lon, lat};
}

Result<const Json*> array_member(const Json& parent, const char* key, const std::string& field) {
    const Json* value = member(parent, key);
    if (!value || !value->is_array()) return core::fail(bad_field(field, "geo.expected_array"));
    return value;
}

Result<Area*> AreaCollector::area_for(const Json& feature, const std::string& field) {
    auto code = code_of(feature, field);
    if (!code) return core::fail(code.error());
    if (!m_year) m_year = year_of(feature);
    auto [it, inserted] = m_index.emplace(*code, m_areas.size());
    if (inserted) {
        AreaLevel level = level_of_code(*code);
        m_areas.push_back(Area{std::move(*code), name_of(feature), level, {}});
    } else if (m_areas[it->second].name.empty()) {
        m_areas[it->second].name = name_of(feature);
    }
    return &m_areas[it->second];
}

core::Status AreaCollector::finish(BoundarySet& set, const ReadOptions& options) {
    if (m_areas.empty()) {
        return core::fail(core::Error::invalid_input(std::string(core::msg("geo.no_areas"))));
    }
    set.areas = std::move(m_areas);
    set.year = options.year ? options.year : m_year;
    infer_level(set);
    return {};
}

core::Status check_point_budget(const BoundarySet& set, const ReadOptions& options) {
    std::size_t total = 0;
    for (const auto& area : set.areas) {
        for (const auto& polygon : area.polygons) {
            for (const auto& ring : polygon.rings) total += ring_point_count(set, ring);
        }
    }
    if (total > options.max_points) {
        return core::fail(core::Error::too_large(
            core::msg("geo.too_many_points", {std::to_string(options.max_points)})));
    }
    return {};
}

}  // namespace gezondin::geo::detail
