// SociWijkdataStore: opening, datasets, indicators and boundaries.

#include "storage/soci/wijkdata_store.h"

#include <algorithm>

#include "core/messages.h"
#include "storage/soci/connection.h"

namespace gezondin::storage {

namespace {

std::optional<long long> find_id(soci::session& sql, const std::string& query, const std::string& a, int b) {
    long long id = 0;
    sql << query, soci::into(id), soci::use(a), soci::use(b);
    if (!sql.got_data()) return std::nullopt;
    return id;
}

core::Error missing_field(const char* field) {
    return core::Error::invalid_input(core::msg("wijkdata.store_missing_field", {field}));
}

}  // namespace

const char* to_slug(WijkLevel level) {
    switch (level) {
    case WijkLevel::Land: return "land";
    case WijkLevel::Gemeente: return "gemeente";
    case WijkLevel::Wijk: return "wijk";
    case WijkLevel::Buurt: return "buurt";
    }
    return "buurt";
}

std::optional<WijkLevel> wijk_level_from_slug(std::string_view slug) {
    for (auto l : {WijkLevel::Land, WijkLevel::Gemeente, WijkLevel::Wijk, WijkLevel::Buurt})
        if (slug == to_slug(l)) return l;
    return std::nullopt;
}

const char* to_slug(IndicatorDirection direction) {
    switch (direction) {
    case IndicatorDirection::HigherIsBetter: return "hoger-is-beter";
    case IndicatorDirection::HigherIsWorse: return "hoger-is-slechter";
    case IndicatorDirection::Unknown: break;
    }
    return "onbekend";
}

std::optional<IndicatorDirection> direction_from_slug(std::string_view slug) {
    for (auto d : {IndicatorDirection::Unknown, IndicatorDirection::HigherIsBetter, IndicatorDirection::HigherIsWorse})
        if (slug == to_slug(d)) return d;
    return std::nullopt;
}

core::Result<std::unique_ptr<WijkdataStore>> open_wijkdata_store(const std::string& url, int pool_size) {
    auto spec = parse_database_url(url);
    if (!spec) return core::fail(spec.error());
    return SociWijkdataStore::open(*spec, pool_size);
}

core::Result<std::unique_ptr<WijkdataStore>> SociWijkdataStore::open(const ConnectionSpec& spec, int pool_size) {
    if (pool_size < 1) return core::fail(core::Error::invalid_input(std::string(core::msg("storage.pool_size"))));
    auto store = std::make_unique<SociWijkdataStore>(static_cast<std::size_t>(pool_size));
    try {
        for (int i = 0; i < pool_size; ++i) open_connection(store->m_pool.at(static_cast<std::size_t>(i)), spec);
    } catch (...) {
        return core::fail(core::Error::unavailable(current_exception_to_error().message()));
    }
    return std::unique_ptr<WijkdataStore>(std::move(store));
}

core::Result<StoreResult> SociWijkdataStore::store_dataset(const NewDataset& d) {
    const auto& rec = d.record;
    if (rec.table_id.empty()) return core::fail(missing_field("table_id"));
    if (rec.year <= 0) return core::fail(missing_field("year"));
    if (rec.file_hash.empty()) return core::fail(missing_field("file_hash"));
    return run([&](soci::session& sql) -> core::Result<StoreResult> {
        soci::transaction tx(sql);
        wijkdata_rows::bump_version(sql);
        long long same = 0;
        sql << "SELECT id FROM wijk_datasets WHERE file_hash = :h AND table_id = :t AND year = :y", soci::into(same),
            soci::use(rec.file_hash), soci::use(rec.table_id), soci::use(rec.year);
        if (sql.got_data()) return StoreResult{StoreOutcome::Unchanged, same};   // tx rolls back
        auto old = find_id(sql, "SELECT id FROM wijk_datasets WHERE table_id = :t AND year = :y", rec.table_id, rec.year);
        if (old) {
            sql << "DELETE FROM wijk_values WHERE dataset_id = :d", soci::use(*old);
            sql << "DELETE FROM wijk_datasets WHERE id = :d", soci::use(*old);
        }
        long long id = 0;
        long long areas = static_cast<long long>(d.areas.size()), indicators = static_cast<long long>(d.indicators.size()),
                  values = static_cast<long long>(d.values.size());
        sql << "INSERT INTO wijk_datasets (table_id, year, source_file, file_hash, format, title, imported_at, "
               "area_count, indicator_count, value_count) VALUES (:t, :y, :f, :h, :fm, :ti, :at, :a, :i, :v) RETURNING id",
            soci::into(id), soci::use(rec.table_id), soci::use(rec.year), soci::use(rec.source_file),
            soci::use(rec.file_hash), soci::use(rec.format), soci::use(rec.title), soci::use(rec.imported_at),
            soci::use(areas), soci::use(indicators), soci::use(values);
        wijkdata_rows::upsert_areas(sql, rec.year, d.areas);
        wijkdata_rows::upsert_indicators(sql, d.indicators);
        wijkdata_rows::insert_values(sql, id, d.values);
        tx.commit();
        return StoreResult{old ? StoreOutcome::Replaced : StoreOutcome::Created, id};
    });
}

core::Result<std::vector<DatasetRecord>> SociWijkdataStore::datasets() {
    return run([&](soci::session& sql) -> core::Result<std::vector<DatasetRecord>> {
        return wijkdata_rows::read_datasets(sql, std::nullopt);
    });
}

core::Result<std::vector<int>> SociWijkdataStore::years() {
    return run([&](soci::session& sql) -> core::Result<std::vector<int>> {
        std::vector<int> out;
        int year = 0;
        soci::statement st = (sql.prepare << "SELECT DISTINCT year FROM wijk_datasets ORDER BY year", soci::into(year));
        st.execute();
        while (st.fetch()) out.push_back(year);
        return out;
    });
}

core::Result<YearData> SociWijkdataStore::load_year(int year) {
    return run([&](soci::session& sql) -> core::Result<YearData> {
        // One read transaction, so the three reads see the same import.
        soci::transaction tx(sql);
        YearData data;
        data.year = year;
        data.datasets = wijkdata_rows::read_datasets(sql, year);
        if (data.datasets.empty())
            return core::fail(core::Error::not_found(std::string(core::msg("wijkdata.thing_year")), std::to_string(year)));
        data.areas = wijkdata_rows::read_areas(sql, year);
        data.values = wijkdata_rows::read_values(sql, year);
        tx.commit();
        return data;
    });
}

core::Result<std::vector<IndicatorMeta>> SociWijkdataStore::indicators() {
    return run([&](soci::session& sql) -> core::Result<std::vector<IndicatorMeta>> {
        std::vector<IndicatorMeta> out;
        IndicatorMeta m;
        std::string direction;
        int edited = 0;
        soci::statement st = (sql.prepare << "SELECT key, label, unit, direction, source, table_id, edited FROM wijk_indicators",
                              soci::into(m.key), soci::into(m.label), soci::into(m.unit), soci::into(direction),
                              soci::into(m.source), soci::into(m.table_id), soci::into(edited));
        st.execute();
        while (st.fetch()) {
            m.direction = direction_from_slug(direction).value_or(IndicatorDirection::Unknown);
            m.edited = edited != 0;
            out.push_back(m);
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
        return out;
    });
}

core::Status SociWijkdataStore::update_indicator(const IndicatorMeta& m) {
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        wijkdata_rows::bump_version(sql);
        std::string direction = to_slug(m.direction);
        soci::statement st = (sql.prepare << "UPDATE wijk_indicators SET label = :l, unit = :u, direction = :d, "
                                             "source = :s, edited = 1 WHERE key = :k",
                              soci::use(m.label), soci::use(m.unit), soci::use(direction), soci::use(m.source),
                              soci::use(m.key));
        st.execute(true);
        if (st.get_affected_rows() == 0)
            return core::fail(core::Error::not_found(std::string(core::msg("wijkdata.thing_indicator")), m.key));
        tx.commit();
        return {};
    });
}

core::Result<StoreResult> SociWijkdataStore::store_boundaries(const BoundaryRecord& b) {
    if (b.year <= 0) return core::fail(missing_field("year"));
    if (b.file_hash.empty()) return core::fail(missing_field("file_hash"));
    return run([&](soci::session& sql) -> core::Result<StoreResult> {
        soci::transaction tx(sql);
        wijkdata_rows::bump_version(sql);
        long long id = 0;
        std::string hash;
        sql << "SELECT id, file_hash FROM wijk_boundaries WHERE level = :l AND year = :y", soci::into(id),
            soci::into(hash), soci::use(b.level), soci::use(b.year);
        bool existed = sql.got_data();
        if (existed && hash == b.file_hash) return StoreResult{StoreOutcome::Unchanged, id};
        if (existed) sql << "DELETE FROM wijk_boundaries WHERE id = :i", soci::use(id);
        long long areas = b.area_count;
        sql << "INSERT INTO wijk_boundaries (year, level, source_file, file_hash, imported_at, area_count, body) "
               "VALUES (:y, :l, :f, :h, :at, :a, :b) RETURNING id",
            soci::into(id), soci::use(b.year), soci::use(b.level), soci::use(b.source_file), soci::use(b.file_hash),
            soci::use(b.imported_at), soci::use(areas), soci::use(b.body);
        tx.commit();
        return StoreResult{existed ? StoreOutcome::Replaced : StoreOutcome::Created, id};
    });
}

core::Result<std::vector<BoundaryRecord>> SociWijkdataStore::boundaries() {
    return run([&](soci::session& sql) -> core::Result<std::vector<BoundaryRecord>> {
        std::vector<BoundaryRecord> out;
        BoundaryRecord b;
        long long id = 0, areas = 0;
        soci::statement st = (sql.prepare << "SELECT id, year, level, source_file, file_hash, imported_at, area_count "
                                             "FROM wijk_boundaries ORDER BY year, level",
                              soci::into(id), soci::into(b.year), soci::into(b.level), soci::into(b.source_file),
                              soci::into(b.file_hash), soci::into(b.imported_at), soci::into(areas));
        st.execute();
        while (st.fetch()) {
            b.id = id;
            b.area_count = static_cast<long>(areas);
            out.push_back(b);
        }
        return out;
    });
}

core::Result<BoundaryRecord> SociWijkdataStore::boundary(int year, const std::string& level) {
    return run([&](soci::session& sql) -> core::Result<BoundaryRecord> {
        BoundaryRecord b;
        long long id = 0, areas = 0;
        sql << "SELECT id, year, level, source_file, file_hash, imported_at, area_count, body FROM wijk_boundaries "
               "WHERE year = :y AND level = :l",
            soci::into(id), soci::into(b.year), soci::into(b.level), soci::into(b.source_file), soci::into(b.file_hash),
            soci::into(b.imported_at), soci::into(areas), soci::into(b.body), soci::use(year), soci::use(level);
        if (!sql.got_data())
            return core::fail(core::Error::not_found(std::string(core::msg("wijkdata.boundaries")),
                                                     std::to_string(year) + " " + level));
        b.id = id;
        b.area_count = static_cast<long>(areas);
        return b;
    });
}

core::Result<std::int64_t> SociWijkdataStore::version() {
    return run([&](soci::session& sql) -> core::Result<std::int64_t> {
        long long v = 0;
        sql << "SELECT version FROM wijk_state WHERE name = 'wijkdata'", soci::into(v);
        return static_cast<std::int64_t>(v);
    });
}

}  // namespace gezondin::storage
