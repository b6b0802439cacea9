// Building one year's in-memory view: hierarchy, disclosure control, country figures, spreads.

#include "services/wijkdata_snapshot.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <tuple>

#include "core/text.h"
#include "stats/disclosure.h"

namespace gezondin::services {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

int level_rank(storage::WijkLevel l) { return static_cast<int>(l); }

// Trailing "_N" of a CBS column name, for ordering indicators as in the source table.
long column_number(const std::string& key) {
    auto us = key.rfind('_');
    if (us == std::string::npos) return -1;
    long n = -1;
    auto [p, ec] = std::from_chars(key.data() + us + 1, key.data() + key.size(), n);
    return ec == std::errc() && p == key.data() + key.size() ? n : -1;
}

bool lower_equals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

// A count adds up from children to parent; only such columns get the min_count rule and
// complementary suppression. Decided by the unit when there is one, otherwise by the data:
// whole non-negative numbers whose children sum to their parent (CBS rounds, hence the slack).
bool is_additive(const stats::AreaTable& t, const stats::Column& c, const storage::IndicatorMeta* meta) {
    if (meta && !meta->unit.empty()) return lower_equals(meta->unit, "aantal");
    for (std::size_t r = 0; r < t.size(); ++r)
        if (c.status[r] == stats::ValueStatus::Value && (c.values[r] < 0 || c.values[r] != std::floor(c.values[r])))
            return false;
    long checked = 0, fits = 0;
    for (std::size_t r = 0; r < t.size(); ++r) {
        auto kids = t.children(r);
        if (kids.empty() || c.status[r] != stats::ValueStatus::Value) continue;
        double sum = 0;
        bool complete = true;
        for (auto k : kids) {
            if (c.status[k] != stats::ValueStatus::Value) complete = false;
            else sum += c.values[k];
        }
        if (!complete) continue;
        ++checked;
        double slack = std::max(0.02 * c.values[r], 5.0 * static_cast<double>(kids.size()));
        if (std::fabs(sum - c.values[r]) <= slack) ++fits;
    }
    return checked > 0 && fits * 10 >= checked * 8;
}

double quantile(const std::vector<double>& sorted, double p) {
    double h = (static_cast<double>(sorted.size()) - 1) * p;
    auto lo = static_cast<std::size_t>(std::floor(h));
    auto hi = std::min(sorted.size() - 1, lo + 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Spread spread_of(const stats::Column& c, const std::vector<std::size_t>& rows) {
    std::vector<double> v;
    v.reserve(rows.size());
    for (auto r : rows)
        if (c.status[r] == stats::ValueStatus::Value) v.push_back(c.values[r]);
    Spread s{nan, nan, nan, nan, static_cast<long>(v.size())};
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    s.low = v.front();
    s.high = v.back();
    s.q1 = quantile(v, 0.25);
    s.q3 = quantile(v, 0.75);
    return s;
}

CountryFigure country_figure(const YearView& y, const stats::Column& c, bool additive, const WijkdataOptions& o) {
    CountryFigure f;
    auto land = y.table.rows_at(stats::AreaLevel::Land);
    if (!land.empty()) {
        f.source = CountrySource::NationalRow;
        f.value = y.shown_status(c, land.front());
        return f;
    }
    if (additive) return f;   // a mean of counts is no national figure
    double sum = 0, weight = 0;
    long n = 0;
    auto pops = y.table.populations();
    for (auto r : y.table.rows_at(stats::AreaLevel::Gemeente)) {
        if (c.status[r] != stats::ValueStatus::Value || !(pops[r] >= o.min_population)) continue;
        sum += c.values[r] * pops[r];
        weight += pops[r];
        ++n;
    }
    if (n < 2 || weight <= 0) return f;
    f.source = CountrySource::GemeenteMean;
    f.gemeenten = n;
    f.value = {stats::ValueStatus::Value, sum / weight};
    return f;
}

void sort_keys(std::vector<std::string>& keys, const std::map<std::string, std::size_t>& first_dataset) {
    std::stable_sort(keys.begin(), keys.end(), [&](const std::string& a, const std::string& b) {
        auto da = first_dataset.at(a), db = first_dataset.at(b);
        if (da != db) return da < db;
        long na = column_number(a), nb = column_number(b);
        if (na >= 0 && nb >= 0 && na != nb) return na < nb;
        return a < b;
    });
}

}  // namespace

bool is_fictitious_table(const std::string& table_id) { return table_id.find("fictief") != std::string::npos; }

stats::AreaLevel to_stats_level(storage::WijkLevel level) {
    switch (level) {
    case storage::WijkLevel::Land: return stats::AreaLevel::Land;
    case storage::WijkLevel::Gemeente: return stats::AreaLevel::Gemeente;
    case storage::WijkLevel::Wijk: return stats::AreaLevel::Wijk;
    case storage::WijkLevel::Buurt: return stats::AreaLevel::Buurt;
    }
    return stats::AreaLevel::Buurt;
}

storage::WijkLevel to_storage_level(stats::AreaLevel level) {
    switch (level) {
    case stats::AreaLevel::Land: return storage::WijkLevel::Land;
    case stats::AreaLevel::Gemeente: return storage::WijkLevel::Gemeente;
    case stats::AreaLevel::Wijk: return storage::WijkLevel::Wijk;
    case stats::AreaLevel::Buurt: return storage::WijkLevel::Buurt;
    }
    return storage::WijkLevel::Buurt;
}

const stats::Column* YearView::column(const std::string& key) const {
    auto c = table.column(key);
    return c ? *c : nullptr;
}

Shown YearView::shown_status(const stats::Column& c, std::size_t row) const {
    if (c.status[row] == stats::ValueStatus::Value) return {stats::ValueStatus::Value, c.values[row]};
    return {c.status[row], 0};
}

Shown YearView::shown(const std::string& key, std::size_t row) const {
    auto* c = column(key);
    return c ? shown_status(*c, row) : Shown{};
}

std::optional<std::size_t> YearView::gemeente_of(std::size_t row) const {
    if (table.level(row) == stats::AreaLevel::Gemeente) return row;
    for (auto r : table.parent_chain(row))
        if (table.level(r) == stats::AreaLevel::Gemeente) return r;
    return std::nullopt;
}

std::unique_ptr<YearView> build_year_view(const storage::YearData& data,
                                          const std::map<std::string, storage::IndicatorMeta>& indicators,
                                          const WijkdataOptions& options) {
    auto view = std::make_unique<YearView>(data.year);
    auto& t = view->table;
    view->datasets = data.datasets;

    auto areas = data.areas;
    std::stable_sort(areas.begin(), areas.end(),
                     [](const auto& a, const auto& b) { return level_rank(a.level) < level_rank(b.level); });
    for (const auto& a : areas) {
        stats::AreaInfo info{a.code, to_stats_level(a.level), "", a.population.value_or(nan)};
        // A parent that is absent, or not one level up, makes the area a root of the table.
        if (auto p = t.find(a.parent_code); p && static_cast<int>(t.level(*p)) + 1 == static_cast<int>(info.level))
            info.parent_code = a.parent_code;
        if (auto added = t.add_area(info); added)
            view->refs.push_back({a.code, a.name.empty() ? a.code : a.name, info.level});
    }

    std::map<std::int64_t, std::size_t> dataset_rank;
    std::set<std::int64_t> fictitious;
    for (std::size_t i = 0; i < data.datasets.size(); ++i) {
        dataset_rank[data.datasets[i].id] = i;
        if (is_fictitious_table(data.datasets[i].table_id)) fictitious.insert(data.datasets[i].id);
    }
    std::map<std::string, std::size_t> first_dataset;
    for (const auto& v : data.values) {
        auto row = t.find(v.code);
        if (!row) continue;
        if (first_dataset.emplace(v.indicator, dataset_rank[v.dataset_id]).second) {
            (void)t.add_indicator(v.indicator);
            view->keys.push_back(v.indicator);
        }
        if (fictitious.count(v.dataset_id)) view->fictitious_codes.insert(v.code);
        if (v.value) (void)t.set_value(v.indicator, *row, *v.value);
        else (void)t.set_status(v.indicator, *row, stats::ValueStatus::Secret);
    }
    sort_keys(view->keys, first_dataset);

    auto gemeenten = t.rows_at(stats::AreaLevel::Gemeente);
    std::vector<std::tuple<std::size_t, stats::AreaLevel, std::vector<std::size_t>>> groups;
    for (auto g : gemeenten)
        for (auto level : {stats::AreaLevel::Wijk, stats::AreaLevel::Buurt})
            groups.emplace_back(g, level, t.descendants_at(g, level));
    for (const auto& key : view->keys) {
        auto meta_it = indicators.find(key);
        const storage::IndicatorMeta* meta = meta_it == indicators.end() ? nullptr : &meta_it->second;
        const stats::Column& raw = **t.column(key);
        bool additive = is_additive(t, raw, meta);
        stats::DisclosureRules rules{options.min_count, options.min_population,
                                     additive ? stats::Additivity::Additive : stats::Additivity::NotAdditive};
        stats::Column safe = stats::apply_disclosure(t, raw, rules);
        for (std::size_t r = 0; r < t.size(); ++r)
            if (safe.status[r] != stats::ValueStatus::Value && raw.status[r] == stats::ValueStatus::Value)
                (void)t.set_status(key, r, safe.status[r]);
        const stats::Column& c = **t.column(key);
        view->country[key] = country_figure(*view, c, additive, options);
        view->spreads[{key, no_row, stats::AreaLevel::Gemeente}] = spread_of(c, gemeenten);
        for (const auto& [g, level, rows] : groups) view->spreads[{key, g, level}] = spread_of(c, rows);
    }
    return view;
}

}  // namespace gezondin::services
