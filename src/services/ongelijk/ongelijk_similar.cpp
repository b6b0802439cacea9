// Ongelijk: gemeenten that look like a given gemeente ("wat deden vergelijkbare gemeenten?").

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/messages.h"
#include "services/ongelijk/ongelijk.h"
#include "services/ongelijk/ongelijk_internal.h"
#include "stats/similar_areas.h"

namespace gezondin::services {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The four sides on which gemeenten are compared, each with the indicators that can stand
// for it, best first (typed CBS keys, kwb short keys, the demo's keys).
struct Side {
    const char* name;
    std::vector<std::string> stems;
};

const std::array<Side, 3>& sides() {
    static const std::array<Side, 3> s = {{
        {"urbanity", {"MateVanStedelijkheid", "ste_mvs", "Omgevingsadressendichtheid", "ste_oad", "Bevolkingsdichtheid",
                      "bev_dich", "fictief_stedelijkheid"}},
        {"income", {"GemiddeldInkomenPerInwoner", "g_ink_pi", "HuishoudensMetEenLaagInkomen", "p_hh_li",
                    "fictief_laag_inkomen", "GemGestandaardiseerdInkomenVanHuish", "g_hh_sti"}},
        {"health", {"GoedErvarenGezondheid", "fictief_ervaren_gezondheid", "MoeiteMetRondkomen", "fictief_moeite_rondkomen",
                    "Overgewicht", "fictief_overgewicht"}},
    }};
    return s;
}

// Gemeente-level values of one year: columns[indicator][gemeente], NaN = missing or secret.
struct GemeenteTable {
    std::vector<AreaRef> gemeenten;
    std::vector<storage::IndicatorMeta> indicators;
    std::vector<std::vector<double>> columns;

    long find(const std::string& key) const {
        for (std::size_t k = 0; k < indicators.size(); ++k)
            if (indicators[k].key == key) return static_cast<long>(k);
        return -1;
    }
};

core::Result<GemeenteTable> gemeente_table(const Wijkdata& wd, int year) {
    GemeenteTable t;
    t.gemeenten = wd.gemeenten(year);
    t.indicators = wd.indicators(year);
    ValuesQuery q;
    q.year = year;
    q.level = stats::AreaLevel::Gemeente;
    auto rows = wd.values(q);
    if (!rows) return core::fail(rows.error());
    std::unordered_map<std::string, std::size_t> gemeente_at, indicator_at;
    for (std::size_t i = 0; i < t.gemeenten.size(); ++i) gemeente_at.emplace(t.gemeenten[i].code, i);
    for (std::size_t k = 0; k < t.indicators.size(); ++k) indicator_at.emplace(t.indicators[k].key, k);
    t.columns.assign(t.indicators.size(), std::vector<double>(t.gemeenten.size(), nan));
    for (const auto& r : rows->rows) {
        if (r.value.status != stats::ValueStatus::Value) continue;
        auto g = gemeente_at.find(r.area->code);
        auto k = indicator_at.find(*r.indicator);
        if (g != gemeente_at.end() && k != indicator_at.end()) t.columns[k->second][g->second] = r.value.value;
    }
    return t;
}

struct Feature {
    std::string label;
    std::vector<double> values;
};

// Size on a log scale: a gemeente twice as big is one step further, whatever its size.
std::optional<Feature> size_feature(const GemeenteTable& t, std::size_t target) {
    for (std::size_t k = 0; k < t.indicators.size(); ++k) {
        if (!is_population_key(t.indicators[k]) || !(t.columns[k][target] > 0)) continue;
        Feature f{core::msg("ongelijk.similar.size", {t.indicators[k].label}), {}};
        for (double v : t.columns[k]) f.values.push_back(v > 0 ? std::log(v) : nan);
        return f;
    }
    return std::nullopt;
}

std::optional<Feature> side_feature(const GemeenteTable& t, const Side& side, std::size_t target) {
    for (const auto& stem : side.stems) {
        for (std::size_t k = 0; k < t.indicators.size(); ++k) {
            if (matches_stem(t.indicators[k].key, stem) && !std::isnan(t.columns[k][target])) {
                return Feature{t.indicators[k].label, t.columns[k]};
            }
        }
    }
    return std::nullopt;
}

// Without any of the named sides (e.g. a table with only population by sex and age), every
// other indicator counts; counts of people become shares of the population, so that they
// say something else than size.
std::vector<Feature> other_features(const GemeenteTable& t, std::size_t target) {
    long population = -1;
    for (std::size_t k = 0; k < t.indicators.size() && population < 0; ++k)
        if (is_population_key(t.indicators[k])) population = static_cast<long>(k);
    std::vector<Feature> out;
    for (std::size_t k = 0; k < t.indicators.size(); ++k) {
        const auto& column = t.columns[k];
        if (static_cast<long>(k) == population || std::isnan(column[target])) continue;
        if (population < 0 || t.indicators[k].unit != "aantal") {
            out.push_back({t.indicators[k].label, column});
            continue;
        }
        const auto& people = t.columns[static_cast<std::size_t>(population)];
        Feature f{core::msg("ongelijk.similar.share", {t.indicators[k].label}), {}};
        for (std::size_t g = 0; g < column.size(); ++g) f.values.push_back(people[g] > 0 ? 100 * column[g] / people[g] : nan);
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<Feature> features(const GemeenteTable& t, std::size_t target) {
    std::vector<Feature> out;
    for (const auto& side : sides())
        if (auto f = side_feature(t, side, target)) out.push_back(std::move(*f));
    if (out.empty()) out = other_features(t, target);
    if (auto size = size_feature(t, target)) out.insert(out.begin(), std::move(*size));
    return out;
}

}  // namespace

core::Result<SimilarOutcome> Ongelijk::similar(const std::string& gemeente, std::optional<int> year, std::size_t k) const {
    auto y = m_wd.resolve_year(year);
    if (!y) return core::fail(y.error());
    auto table = gemeente_table(m_wd, *y);
    if (!table) return core::fail(table.error());
    const auto& all = table->gemeenten;
    auto target = std::find_if(all.begin(), all.end(), [&](const AreaRef& g) { return g.code == gemeente; });
    if (target == all.end()) return core::fail(core::Error::not_found("gemeente", gemeente));
    auto t = static_cast<std::size_t>(target - all.begin());
    SimilarOutcome out;
    out.gemeente = *target;
    out.year = *y;
    out.candidates = all.size() - 1;
    std::vector<std::vector<double>> columns;
    for (auto& f : features(*table, t)) {
        out.indicator_labels.push_back(std::move(f.label));
        columns.push_back(std::move(f.values));
    }
    if (columns.empty() || all.size() < 2) return out;
    stats::SimilarityOptions o;
    o.k = k;
    // Half of the sides at least, so that a gemeente with one figure does not look "equal".
    o.min_shared = (columns.size() + 1) / 2;
    auto n = stats::nearest_areas(columns, t, {}, o);
    if (!n) return core::fail(n.error());
    for (const auto& nb : *n) out.neighbours.push_back({all[nb.area], nb.distance, nb.shared});
    return out;
}

}  // namespace gezondin::services
