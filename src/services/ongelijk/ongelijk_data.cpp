// Ongelijk: reading a gemeente's disclosed values from Wijkdata, and mapping the presets.

#include <cctype>
#include <cmath>
#include <limits>
#include <map>

#include "services/ongelijk/ongelijk.h"
#include "services/ongelijk/ongelijk_internal.h"
#include "stats/presets.h"

namespace gezondin::services {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Demo and short kwb keys for the preset stems of stats/presets.cpp.
const std::multimap<std::string, std::string>& aliases() {
    static const std::multimap<std::string, std::string> a = {
        {"GoedErvarenGezondheid", "fictief_ervaren_gezondheid"},
        {"SterkEenzaam", "fictief_eenzaam"},
        {"Overgewicht", "fictief_overgewicht"},
        {"MoeiteMetRondkomen", "fictief_moeite_rondkomen"},
        {"HuishoudensMetEenLaagInkomen", "fictief_laag_inkomen"},
        {"GemiddeldInkomenPerInwoner", "g_ink_pi"},
    };
    return a;
}

std::optional<std::string> find_key(const OngelijkData& data, const std::string& stem) {
    for (const auto& m : data.indicators)
        if (matches_stem(m.key, stem)) return m.key;
    auto [lo, hi] = aliases().equal_range(stem);
    for (auto it = lo; it != hi; ++it)
        if (data.column(it->second)) return it->second;
    return std::nullopt;
}

}  // namespace

bool is_population_key(const storage::IndicatorMeta& m) {
    return m.key == "fictief_inwoners" || m.key == "a_inw" || m.key.rfind("AantalInwoners", 0) == 0 ||
           m.label == "Bevolking/Aantal inwoners";
}

bool matches_stem(const std::string& key, const std::string& stem) {
    if (key == stem) return true;
    if (key.size() <= stem.size() + 1 || key.compare(0, stem.size(), stem) != 0 || key[stem.size()] != '_') return false;
    for (std::size_t i = stem.size() + 1; i < key.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(key[i]))) return false;
    return true;
}

const std::vector<double>* OngelijkData::column(const std::string& key) const {
    for (std::size_t i = 0; i < indicators.size(); ++i)
        if (indicators[i].key == key) return &columns[i];
    return nullptr;
}

core::Result<OngelijkData> Ongelijk::data(const std::string& gemeente, std::optional<int> year, stats::AreaLevel level) const {
    if (level != stats::AreaLevel::Buurt && level != stats::AreaLevel::Wijk)
        return core::fail(core::Error::invalid_input("Kies wijk of buurt."));
    auto y = m_wd.resolve_year(year);
    if (!y) return core::fail(y.error());
    OngelijkData d;
    d.year = *y;
    d.level = level;
    bool found = false;
    for (const auto& g : m_wd.gemeenten(*y))
        if (g.code == gemeente) d.gemeente = g, found = true;
    if (!found) return core::fail(core::Error::not_found("gemeente", gemeente));
    ValuesQuery q;
    q.year = *y;
    q.level = level;
    q.parent = gemeente;
    auto rows = m_wd.values(q);
    if (!rows) return core::fail(rows.error());
    std::map<std::string, std::size_t> row_of;
    std::map<std::string, std::vector<double>> by_key;
    for (const auto& r : rows->rows) {
        auto [it, added] = row_of.emplace(r.area->code, d.areas.size());
        if (added) d.areas.push_back(*r.area);
        auto& col = by_key[*r.indicator];
        col.resize(d.areas.size(), nan);
        if (r.value.status == stats::ValueStatus::Value) col[it->second] = r.value.value;
    }
    for (const auto& m : m_wd.indicators(*y)) {
        auto it = by_key.find(m.key);
        if (it == by_key.end()) continue;
        it->second.resize(d.areas.size(), nan);
        bool any = false;
        for (double v : it->second) any = any || !std::isnan(v);
        if (!any) continue;
        if (d.population_key.empty() && is_population_key(m)) {
            d.population_key = m.key;
            d.population = it->second;
        }
        d.indicators.push_back(m);
        d.columns.push_back(std::move(it->second));
    }
    if (d.population.empty()) d.population.assign(d.areas.size(), nan);
    if (!d.indicators.empty()) {
        auto map = m_wd.map_data(level, d.indicators.front().key, gemeente, *y);
        if (map) d.map = map->map, d.fictitious = map->fictitious;
    }
    d.fictitious = d.fictitious || m_wd.fictitious(*y);
    return d;
}

std::vector<MappedPreset> Ongelijk::presets(const OngelijkData& data) {
    std::vector<MappedPreset> out;
    for (const auto& p : stats::need_index_presets()) {
        MappedPreset m{p.id, p.label, {}, {}};
        for (const auto& pi : p.indicators) {
            if (auto key = find_key(data, pi.key)) m.indicators.push_back({*key, pi.direction, pi.weight});
            else m.missing.push_back(pi.label);
        }
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace gezondin::services
