#include "geo/boundary.h"

#include <cctype>

namespace gezondin::geo {

std::string_view to_string(AreaLevel level) {
    switch (level) {
        case AreaLevel::Gemeente: return "gemeente";
        case AreaLevel::Wijk: return "wijk";
        case AreaLevel::Buurt: return "buurt";
        case AreaLevel::Other: return "overig";
        case AreaLevel::Mixed: return "gemengd";
    }
    return "overig";
}

AreaLevel level_of_code(std::string_view code) {
    if (code.size() < 3) return AreaLevel::Other;
    auto prefix = code.substr(0, 2);
    if (prefix == "GM") return AreaLevel::Gemeente;
    if (prefix == "WK") return AreaLevel::Wijk;
    if (prefix == "BU") return AreaLevel::Buurt;
    return AreaLevel::Other;
}

const Area* BoundarySet::find(std::string_view code) const {
    for (const auto& area : areas) {
        if (area.code == code) return &area;
    }
    return nullptr;
}

std::size_t ring_point_count(const BoundarySet& set, const Ring& ring) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < ring.arcs.size(); ++i) {
        std::size_t size = set.arcs[ring.arcs[i].index].size();
        n += i == 0 ? size : size - 1;
    }
    return n;
}

std::vector<LonLat> ring_coordinates(const BoundarySet& set, const Ring& ring) {
    std::vector<LonLat> out;
    out.reserve(ring_point_count(set, ring));
    for (std::size_t i = 0; i < ring.arcs.size(); ++i) {
        const Arc& arc = set.arcs[ring.arcs[i].index];
        std::size_t skip = i == 0 ? 0 : 1;  // the previous arc already ended on this point
        if (ring.arcs[i].reversed) {
            for (std::size_t k = arc.size() - skip; k-- > 0;) out.push_back(arc[k]);
        } else {
            out.insert(out.end(), arc.begin() + static_cast<std::ptrdiff_t>(skip), arc.end());
        }
    }
    return out;
}

std::optional<int> year_in_name(std::string_view name) {
    std::size_t i = 0;
    while (i < name.size()) {
        if (!std::isdigit(static_cast<unsigned char>(name[i]))) {
            ++i;
            continue;
        }
        std::size_t start = i;
        while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
        if (i - start != 4) continue;
        int year = std::stoi(std::string(name.substr(start, 4)));
        if (year >= 1900 && year <= 2099) return year;
    }
    return std::nullopt;
}

void infer_level(BoundarySet& set) {
    if (set.areas.empty()) {
        set.level = AreaLevel::Other;
        return;
    }
    set.level = set.areas.front().level;
    for (const auto& area : set.areas) {
        if (area.level != set.level) {
            set.level = AreaLevel::Mixed;
            return;
        }
    }
}

}  // namespace gezondin::geo
