#include "search/search_index.h"

namespace gezondin::search {

namespace {

struct FacetName {
    Facet facet;
    const char* key;
};

constexpr FacetName facet_names[] = {
    {Facet::Type, "type"},         {Facet::GalaGoal, "doel"},     {Facet::Track, "spoor"},
    {Facet::Theme, "thema"},       {Facet::Level, "niveau"},      {Facet::Province, "provincie"},
    {Facet::Municipality, "gemeente"}, {Facet::Year, "jaar"},
};

}  // namespace

const std::vector<Facet>& all_facets() {
    static const std::vector<Facet> all = [] {
        std::vector<Facet> v;
        for (const auto& f : facet_names) v.push_back(f.facet);
        return v;
    }();
    return all;
}

const char* facet_key(Facet f) {
    for (const auto& n : facet_names)
        if (n.facet == f) return n.key;
    return "";  // unreachable: every enumerator is listed in facet_names
}

std::optional<Facet> facet_from_key(std::string_view key) {
    for (const auto& n : facet_names)
        if (key == n.key) return n.facet;
    return std::nullopt;
}

}  // namespace gezondin::search
