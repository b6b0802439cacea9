// Row-level reads and writes of the wijkdata tables, in batches: a year of buurten holds
// hundreds of thousands of values.

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "storage/soci/wijkdata_store.h"

namespace gezondin::storage::wijkdata_rows {

namespace {

constexpr std::size_t batch_rows = 5000;

WijkLevel level_or_throw(const std::string& slug) {
    auto level = wijk_level_from_slug(slug);
    // Only this code writes the column, from to_slug().
    if (!level) throw std::runtime_error("unknown area level in wijk_areas: " + slug);
    return *level;
}

}  // namespace

void bump_version(soci::session& sql) { sql << "UPDATE wijk_state SET version = version + 1 WHERE name = 'wijkdata'"; }

void upsert_areas(soci::session& sql, int year, const std::vector<WijkArea>& areas) {
    // A later dataset of the same year fills in what an earlier one lacked (names,
    // populations) and never blanks what is known.
    for (std::size_t from = 0; from < areas.size(); from += batch_rows) {
        std::size_t to = std::min(areas.size(), from + batch_rows);
        std::vector<int> years(to - from, year);
        std::vector<std::string> codes, levels, parents, names;
        std::vector<double> populations;
        std::vector<soci::indicator> pop_ind;
        for (std::size_t i = from; i < to; ++i) {
            const auto& a = areas[i];
            codes.push_back(a.code);
            levels.push_back(to_slug(a.level));
            parents.push_back(a.parent_code);
            names.push_back(a.name);
            bool known = a.population && std::isfinite(*a.population);
            populations.push_back(known ? *a.population : 0.0);
            pop_ind.push_back(known ? soci::i_ok : soci::i_null);
        }
        sql << "INSERT INTO wijk_areas (year, code, level, parent_code, name, population) "
               "VALUES (:y, :c, :l, :p, :n, :pop) ON CONFLICT (year, code) DO UPDATE SET "
               "name = CASE WHEN excluded.name = '' THEN wijk_areas.name ELSE excluded.name END, "
               "population = COALESCE(excluded.population, wijk_areas.population)",
            soci::use(years), soci::use(codes), soci::use(levels), soci::use(parents), soci::use(names),
            soci::use(populations, pop_ind);
    }
}

void upsert_indicators(soci::session& sql, const std::vector<IndicatorMeta>& indicators) {
    for (const auto& m : indicators) {
        std::string direction = to_slug(m.direction);
        sql << "INSERT INTO wijk_indicators (key, label, unit, direction, source, table_id, edited) "
               "VALUES (:k, :l, :u, :d, :s, :t, 0) ON CONFLICT (key) DO UPDATE SET "
               "label = excluded.label, unit = excluded.unit, source = excluded.source, table_id = excluded.table_id "
               "WHERE wijk_indicators.edited = 0",
            soci::use(m.key), soci::use(m.label), soci::use(m.unit), soci::use(direction), soci::use(m.source),
            soci::use(m.table_id);
    }
}

void insert_values(soci::session& sql, std::int64_t dataset_id, const std::vector<WijkValue>& values) {
    long long id = dataset_id;
    for (std::size_t from = 0; from < values.size(); from += batch_rows) {
        std::size_t to = std::min(values.size(), from + batch_rows);
        std::vector<long long> ids(to - from, id);
        std::vector<std::string> indicators, codes;
        std::vector<double> numbers;
        std::vector<soci::indicator> number_ind;
        std::vector<int> secret;
        for (std::size_t i = from; i < to; ++i) {
            const auto& v = values[i];
            indicators.push_back(v.indicator);
            codes.push_back(v.code);
            bool has = v.value && std::isfinite(*v.value);
            numbers.push_back(has ? *v.value : 0.0);
            number_ind.push_back(has ? soci::i_ok : soci::i_null);
            secret.push_back(has ? 0 : 1);
        }
        sql << "INSERT INTO wijk_values (dataset_id, indicator, code, value, secret) VALUES (:d, :i, :c, :v, :s)",
            soci::use(ids), soci::use(indicators), soci::use(codes), soci::use(numbers, number_ind), soci::use(secret);
    }
}

std::vector<WijkArea> read_areas(soci::session& sql, int year) {
    std::vector<WijkArea> out;
    std::vector<std::string> codes(batch_rows), levels(batch_rows), parents(batch_rows), names(batch_rows);
    std::vector<double> populations(batch_rows);
    std::vector<soci::indicator> pop_ind(batch_rows);
    soci::statement st = (sql.prepare << "SELECT code, level, parent_code, name, population FROM wijk_areas "
                                         "WHERE year = :y ORDER BY code",
                          soci::into(codes), soci::into(levels), soci::into(parents), soci::into(names),
                          soci::into(populations, pop_ind), soci::use(year));
    st.execute();
    while (st.fetch()) {
        for (std::size_t i = 0; i < codes.size(); ++i) {
            WijkArea a{codes[i], level_or_throw(levels[i]), parents[i], names[i], std::nullopt};
            if (pop_ind[i] == soci::i_ok) a.population = populations[i];
            out.push_back(std::move(a));
        }
        for (auto* v : {&codes, &levels, &parents, &names}) v->resize(batch_rows);
        populations.resize(batch_rows);
        pop_ind.resize(batch_rows);
    }
    return out;
}

std::vector<WijkValue> read_values(soci::session& sql, int year) {
    std::vector<WijkValue> out;
    std::vector<std::string> indicators(batch_rows), codes(batch_rows);
    std::vector<double> numbers(batch_rows);
    std::vector<soci::indicator> number_ind(batch_rows);
    std::vector<long long> ids(batch_rows);
    soci::statement st = (sql.prepare << "SELECT v.indicator, v.code, v.value, v.dataset_id FROM wijk_values v "
                                         "JOIN wijk_datasets d ON d.id = v.dataset_id WHERE d.year = :y "
                                         "ORDER BY v.dataset_id, v.indicator, v.code",
                          soci::into(indicators), soci::into(codes), soci::into(numbers, number_ind), soci::into(ids), soci::use(year));
    st.execute();
    while (st.fetch()) {
        for (std::size_t i = 0; i < codes.size(); ++i) {
            WijkValue v{std::move(indicators[i]), std::move(codes[i]), std::nullopt, ids[i]};
            if (number_ind[i] == soci::i_ok) v.value = numbers[i];
            out.push_back(std::move(v));
        }
        indicators.resize(batch_rows);
        codes.resize(batch_rows);
        numbers.resize(batch_rows);
        number_ind.resize(batch_rows);
        ids.resize(batch_rows);
    }
    return out;
}

std::vector<DatasetRecord> read_datasets(soci::session& sql, std::optional<int> year) {
    std::vector<DatasetRecord> out;
    DatasetRecord r;
    long long id = 0, areas = 0, indicators = 0, values = 0;
    int only_year = year.value_or(0), all = year ? 0 : 1;
    soci::statement st = (sql.prepare << "SELECT id, table_id, year, source_file, file_hash, format, title, imported_at, "
                                         "area_count, indicator_count, value_count FROM wijk_datasets "
                                         "WHERE (year = :y OR :a = 1) ORDER BY year, table_id",
                          soci::into(id), soci::into(r.table_id), soci::into(r.year), soci::into(r.source_file),
                          soci::into(r.file_hash), soci::into(r.format), soci::into(r.title), soci::into(r.imported_at),
                          soci::into(areas), soci::into(indicators), soci::into(values), soci::use(only_year),
                          soci::use(all));
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.area_count = static_cast<long>(areas);
        r.indicator_count = static_cast<long>(indicators);
        r.value_count = static_cast<long>(values);
        out.push_back(r);
    }
    return out;
}

}  // namespace gezondin::storage::wijkdata_rows
