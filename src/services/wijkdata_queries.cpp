// Reads of the wijkdata service. Everything here works on the disclosed snapshot only.

#include <algorithm>
#include <cmath>
#include <set>

#include "core/messages.h"
#include "geo/map_geometry.h"
#include "geo/readers.h"
#include "services/wijkdata.h"
#include "services/wijkdata_snapshot.h"

namespace gezondin::services {

namespace {

core::Error not_found_area(const std::string& code, int year) {
    return core::Error::not_found(core::msg("wijkdata.area_in_year", {std::to_string(year)}), code);
}

storage::IndicatorMeta meta_of(const Wijkdata::Snapshot& s, const std::string& key) {
    auto it = s.indicators.find(key);
    if (it != s.indicators.end()) return it->second;
    return storage::IndicatorMeta{key, key, "", storage::IndicatorDirection::Unknown, "", "", false};
}

AreaRef ref_of(const YearView& y, std::size_t row) { return y.refs[row]; }

// Rows of `root`'s subtree (root included), in hierarchy order.
std::vector<std::size_t> subtree(const stats::AreaTable& t, std::size_t root) {
    std::vector<std::size_t> out{root};
    for (std::size_t i = 0; i < out.size(); ++i)
        for (auto c : t.children(out[i])) out.push_back(c);
    return out;
}

bool same_gemeente(const std::string& area_code, const std::string& gemeente_code) {
    return area_code.size() >= 6 && gemeente_code.size() == 6 && area_code.compare(2, 4, gemeente_code, 2, 4) == 0;
}

}  // namespace

std::string level_label(stats::AreaLevel level) { return std::string(core::msg(std::string("wijkdata.level.") + level_slug(level))); }

const char* level_slug(stats::AreaLevel level) {
    switch (level) {
    case stats::AreaLevel::Land: return "land";
    case stats::AreaLevel::Gemeente: return "gemeente";
    case stats::AreaLevel::Wijk: return "wijk";
    case stats::AreaLevel::Buurt: return "buurt";
    }
    return "buurt";
}

std::optional<stats::AreaLevel> level_from_slug(std::string_view slug) {
    for (auto l : {stats::AreaLevel::Land, stats::AreaLevel::Gemeente, stats::AreaLevel::Wijk, stats::AreaLevel::Buurt})
        if (slug == level_slug(l)) return l;
    return std::nullopt;
}

std::vector<int> Wijkdata::years() const {
    std::vector<int> out;
    for (const auto& [y, _] : snapshot()->years) out.push_back(y);
    return out;
}

std::optional<int> Wijkdata::latest_year() const {
    auto s = snapshot();
    if (s->years.empty()) return std::nullopt;
    return s->years.rbegin()->first;
}

core::Result<int> Wijkdata::resolve_year(std::optional<int> year) const {
    auto s = snapshot();
    if (s->years.empty()) return core::fail(core::Error::not_found(std::string(core::msg("wijkdata.thing_year")), "-"));
    if (!year) return s->years.rbegin()->first;
    if (!s->year(*year)) return core::fail(core::Error::not_found(std::string(core::msg("wijkdata.thing_year")), std::to_string(*year)));
    return *year;
}

std::vector<storage::IndicatorMeta> Wijkdata::indicators(int year) const {
    auto s = snapshot();
    std::vector<storage::IndicatorMeta> out;
    if (auto* y = s->year(year))
        for (const auto& k : y->keys) out.push_back(meta_of(*s, k));
    return out;
}

std::optional<storage::IndicatorMeta> Wijkdata::indicator(const std::string& key) const {
    auto s = snapshot();
    auto it = s->indicators.find(key);
    if (it == s->indicators.end()) return std::nullopt;
    return it->second;
}

std::vector<AreaRef> Wijkdata::gemeenten(int year) const {
    auto s = snapshot();
    std::vector<AreaRef> out;
    if (auto* y = s->year(year))
        for (auto r : y->table.rows_at(stats::AreaLevel::Gemeente)) out.push_back(ref_of(*y, r));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

bool Wijkdata::has_area(const std::string& code) const {
    auto s = snapshot();
    for (const auto& [_, y] : s->years)
        if (y->table.find(code)) return true;
    return false;
}

bool Wijkdata::fictitious(int year) const {
    auto s = snapshot();
    auto* y = s->year(year);
    return y && !y->fictitious_codes.empty();
}

core::Result<Profile> Wijkdata::profile(const std::string& code, std::optional<int> wanted) const {
    auto s = snapshot();
    auto year = resolve_year(wanted);
    if (!year) return core::fail(year.error());
    const YearView& y = *s->year(*year);
    auto row = y.table.find(code);
    if (!row) return core::fail(not_found_area(code, *year));
    Profile p;
    p.year = *year;
    p.area = ref_of(y, *row);
    auto chain = y.table.parent_chain(*row);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) p.parents.push_back(ref_of(y, *it));
    auto g = y.gemeente_of(*row);
    if (g && *g != *row) p.gemeente = ref_of(y, *g);
    for (auto c : y.table.children(*row)) p.children.push_back(ref_of(y, c));
    std::sort(p.children.begin(), p.children.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    for (const auto& [yr, view] : s->years)
        if (view->table.find(code)) p.years.push_back(yr);
    for (const auto& d : y.datasets) p.sources.push_back(d.title.empty() ? d.table_id + " (" + d.source_file + ")" : d.title + " (" + d.table_id + ")");
    p.fictitious = y.fictitious_codes.count(code) > 0;

    auto level = y.table.level(*row);
    for (const auto& key : y.keys) {
        ProfileRow r;
        r.area = y.shown(key, *row);
        if (r.area.status == stats::ValueStatus::Missing) continue;
        r.indicator = meta_of(*s, key);
        if (p.gemeente) r.gemeente = y.shown(key, *g);
        r.country = y.country.at(key);
        std::tuple<std::string, std::size_t, stats::AreaLevel> spread_key{key, no_row, stats::AreaLevel::Gemeente};
        if (level != stats::AreaLevel::Gemeente) spread_key = {key, g.value_or(no_row), level};
        if (auto it = y.spreads.find(spread_key); it != y.spreads.end() && level != stats::AreaLevel::Land) {
            r.low = it->second.low, r.q1 = it->second.q1, r.q3 = it->second.q3, r.high = it->second.high;
            r.peers = it->second.count;
        } else {
            r.low = r.q1 = r.q3 = r.high = std::nan("");
        }
        for (const auto& [yr, view] : s->years) {
            auto other = view->table.find(code);
            if (other && view->column(key)) r.trend.emplace_back(yr, view->shown(key, *other));
        }
        p.rows.push_back(std::move(r));
    }
    return p;
}

core::Result<Comparison> Wijkdata::compare(const std::string& gemeente, const std::vector<std::string>& others,
                                           std::optional<int> wanted) const {
    auto s = snapshot();
    auto year = resolve_year(wanted);
    if (!year) return core::fail(year.error());
    const YearView& y = *s->year(*year);
    auto g = y.table.find(gemeente);
    if (!g || y.table.level(*g) != stats::AreaLevel::Gemeente) return core::fail(not_found_area(gemeente, *year));
    Comparison c;
    c.year = *year;
    std::vector<std::size_t> rows{*g};
    for (const auto& o : others) {
        auto r = y.table.find(o);
        if (!r || y.table.level(*r) != stats::AreaLevel::Gemeente) c.unknown.push_back(o);
        else if (std::find(rows.begin(), rows.end(), *r) == rows.end()) rows.push_back(*r);
    }
    for (auto r : rows) c.areas.push_back({ref_of(y, r), {}});
    for (const auto& key : y.keys) {
        bool any = false;
        for (auto r : rows) any = any || y.shown(key, r).status != stats::ValueStatus::Missing;
        if (!any) continue;
        c.indicators.push_back(meta_of(*s, key));
        c.country.push_back(y.country.at(key));
        for (std::size_t i = 0; i < rows.size(); ++i) c.areas[i].values.push_back(y.shown(key, rows[i]));
    }
    return c;
}

core::Result<MapData> Wijkdata::map_data(stats::AreaLevel level, const std::string& key, const std::string& gemeente,
                                         std::optional<int> wanted) const {
    auto s = snapshot();
    auto year = resolve_year(wanted);
    if (!year) return core::fail(year.error());
    const YearView& y = *s->year(*year);
    if (level == stats::AreaLevel::Land) return core::fail(core::Error::invalid_input(core::msg("wijkdata.bad_level", {"land"})));
    const bool national = level == stats::AreaLevel::Gemeente;
    auto g = national ? std::optional<std::size_t>() : y.table.find(gemeente);
    if (!national && (!g || y.table.level(*g) != stats::AreaLevel::Gemeente)) return core::fail(not_found_area(gemeente, *year));
    if (!y.column(key)) return core::fail(core::Error::not_found(std::string(core::msg("wijkdata.thing_indicator")), key));
    MapData m;
    m.year = *year;
    m.level = level;
    m.indicator = meta_of(*s, key);
    if (national) {
        // Every gemeente of the year; the "parent" is the country.
        m.gemeente = {"NL01", std::string(core::msg("wijkdata.country")), stats::AreaLevel::Land};
        for (auto r : y.table.rows_at(stats::AreaLevel::Gemeente)) {
            m.values.push_back({ref_of(y, r), y.shown(key, r)});
            if (y.fictitious_codes.count(m.values.back().area.code)) m.fictitious = true;
        }
    } else {
        m.gemeente = ref_of(y, *g);
        m.fictitious = y.fictitious_codes.count(gemeente) > 0;
        for (auto r : y.table.descendants_at(*g, level)) m.values.push_back({ref_of(y, r), y.shown(key, r)});
    }
    m.map = prepared_map(*s, *year, level, national ? std::string() : gemeente, m.values);
    return m;
}

std::shared_ptr<const geo::PreparedMap> Wijkdata::prepared_map(const Snapshot& s, int year, stats::AreaLevel level,
                                                              const std::string& gemeente,
                                                              const std::vector<MapValue>& values) const {
    std::string slug = level_slug(level);
    std::lock_guard lock(s.map_mutex);
    auto cache_key = std::make_tuple(year, slug, gemeente);
    if (auto it = s.maps.find(cache_key); it != s.maps.end()) return it->second;
    auto wanted_level = level == stats::AreaLevel::Gemeente ? geo::AreaLevel::Gemeente
                        : level == stats::AreaLevel::Wijk   ? geo::AreaLevel::Wijk
                                                            : geo::AreaLevel::Buurt;
    std::set<std::string> codes;
    for (const auto& v : values) codes.insert(v.area.code);
    std::shared_ptr<const geo::PreparedMap> prepared;
    for (const auto& b : s.boundaries) {
        if (b.year != year || (b.level != slug && b.level != "gemengd")) continue;
        auto record = m_store.boundary(b.year, b.level);
        if (!record) continue;
        auto set = geo::read_boundaries(std::string_view(record->body));
        if (!set) continue;
        // Only the areas of the data: a gemeente's own wijken or buurten, or for the gemeente
        // level the gemeenten of that year (so a boundary file of the whole country still fits
        // a table of a few gemeenten).
        std::erase_if(set->areas, [&](const geo::Area& a) {
            if (geo::level_of_code(a.code) != wanted_level) return true;
            return gemeente.empty() ? codes.count(a.code) == 0 : !same_gemeente(a.code, gemeente);
        });
        if (set->areas.empty()) continue;
        if (auto pm = geo::prepare_map(*set); pm) prepared = std::make_shared<const geo::PreparedMap>(std::move(*pm));
        break;
    }
    s.maps[cache_key] = prepared;
    return prepared;
}

core::Result<ValuesResult> Wijkdata::values(const ValuesQuery& q) const {
    auto s = snapshot();
    auto year = resolve_year(q.year);
    if (!year) return core::fail(year.error());
    const YearView& y = *s->year(*year);
    std::vector<std::size_t> rows;
    if (!q.parent.empty()) {
        auto p = y.table.find(q.parent);
        if (!p) return core::fail(not_found_area(q.parent, *year));
        rows = q.level ? y.table.descendants_at(*p, *q.level) : subtree(y.table, *p);
    } else if (q.level) {
        rows = y.table.rows_at(*q.level);
    } else {
        for (std::size_t r = 0; r < y.table.size(); ++r) rows.push_back(r);
    }
    std::vector<const std::string*> keys;
    for (const auto& k : q.indicators) {
        auto it = std::find(y.keys.begin(), y.keys.end(), k);
        if (it == y.keys.end()) return core::fail(core::Error::not_found(std::string(core::msg("wijkdata.thing_indicator")), k));
        keys.push_back(&*it);
    }
    if (q.indicators.empty())
        for (const auto& k : y.keys) keys.push_back(&k);
    ValuesResult out;
    out.year = *year;
    out.keep_alive = s;
    std::vector<const stats::Column*> columns;
    for (auto* k : keys) columns.push_back(y.column(*k));
    out.rows.reserve(rows.size() * keys.size());
    for (auto r : rows) {
        auto parent = y.table.parent(r);
        const std::string& parent_code = parent ? y.table.code(*parent) : std::string();
        for (std::size_t i = 0; i < keys.size(); ++i) {
            Shown v = y.shown_status(*columns[i], r);
            if (v.status == stats::ValueStatus::Missing) continue;
            out.rows.push_back({&y.refs[r], parent_code, keys[i], v});
        }
    }
    return out;
}

core::Result<AreaListing> Wijkdata::areas(std::optional<int> wanted, std::optional<stats::AreaLevel> level,
                                         const std::string& parent) const {
    auto s = snapshot();
    auto year = resolve_year(wanted);
    if (!year) return core::fail(year.error());
    const YearView& y = *s->year(*year);
    std::vector<std::size_t> rows;
    if (!parent.empty()) {
        auto p = y.table.find(parent);
        if (!p) return core::fail(not_found_area(parent, *year));
        rows = level ? y.table.descendants_at(*p, *level) : subtree(y.table, *p);
    } else if (level) {
        rows = y.table.rows_at(*level);
    } else {
        for (std::size_t r = 0; r < y.table.size(); ++r) rows.push_back(r);
    }
    AreaListing out;
    out.year = *year;
    for (auto r : rows) {
        auto p = y.table.parent(r);
        out.areas.emplace_back(ref_of(y, r), p ? y.table.code(*p) : std::string());
    }
    return out;
}

}  // namespace gezondin::services
