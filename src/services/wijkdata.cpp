// The wijkdata service: imports and the in-memory snapshot. Reads are in wijkdata_queries.cpp.

#include "services/wijkdata.h"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "core/messages.h"
#include "geo/boundary.h"
#include "geo/readers.h"
#include "importers/import_error.h"
#include "importers/import_file.h"
#include "importers/to_area_table.h"
#include "services/wijkdata_snapshot.h"

namespace gezondin::services {

namespace {

constexpr std::size_t max_boundary_bytes = 256u << 20;

std::string now_iso() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string hex(const unsigned char* bytes, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, n);
    out.pop_back();
    return out;
}

// SHA-256 of the file, read in chunks so that memory stays bounded.
core::Result<std::string> file_sha256(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return core::fail(importers::import_error(importers::Problem::Unreadable, {path.filename().string(), 0, 0, {}}));
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        auto got = in.gcount();
        if (got > 0) crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()), static_cast<unsigned long long>(got));
    }
    if (in.bad())
        return core::fail(importers::import_error(importers::Problem::Unreadable, {path.filename().string(), 0, 0, {}}));
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    return hex(digest, sizeof digest);
}

std::string text_sha256(const std::string& text) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    return hex(digest, sizeof digest);
}

// GeoJSON and TopoJSON start with '{' (after an optional BOM and white space).
bool looks_like_json(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char buf[512] = {};
    in.read(buf, sizeof buf);
    std::string_view head(buf, static_cast<std::size_t>(in.gcount()));
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    auto first = head.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && head[first] == '{';
}

storage::IndicatorDirection to_direction(importers::Direction d) {
    switch (d) {
    case importers::Direction::HigherIsBetter: return storage::IndicatorDirection::HigherIsBetter;
    case importers::Direction::HigherIsWorse: return storage::IndicatorDirection::HigherIsWorse;
    case importers::Direction::Unknown: break;
    }
    return storage::IndicatorDirection::Unknown;
}

std::string source_of(const importers::ImportedTable& t) {
    if (!t.title.empty() && t.title != t.table_id) return t.title + " (" + t.table_id + ")";
    return core::msg("wijkdata.source_table", {t.table_id});
}

storage::NewDataset to_dataset(const importers::ImportedTable& t, const std::string& name, const std::string& hash) {
    storage::NewDataset d;
    d.record = {0, t.table_id, t.year, name, hash, importers::format_name(t.format), t.title, now_iso(), 0, 0, 0};
    auto population = importers::population_indicator(t);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        storage::WijkArea a{row.code, to_storage_level(row.level), row.parent_code, row.name, std::nullopt};
        if (population && t.columns[*population].status[r] == stats::ValueStatus::Value)
            a.population = t.columns[*population].values[r];
        d.areas.push_back(std::move(a));
    }
    std::string source = source_of(t);
    for (std::size_t i = 0; i < t.indicators.size(); ++i) {
        const auto& def = t.indicators[i];
        d.indicators.push_back({def.key, def.label.empty() ? def.key : def.label, def.unit, to_direction(def.direction),
                                source, t.table_id});
        const auto& c = t.columns[i];
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            if (c.status[r] == stats::ValueStatus::Missing) continue;
            std::optional<double> v;
            if (c.status[r] == stats::ValueStatus::Value) v = c.values[r];
            d.values.push_back({def.key, t.rows[r].code, v, 0});
        }
    }
    d.record.area_count = static_cast<long>(d.areas.size());
    d.record.indicator_count = static_cast<long>(d.indicators.size());
    d.record.value_count = static_cast<long>(d.values.size());
    return d;
}

FileImport refused(FileImport out, core::Error e) {
    out.outcome = ImportOutcome::Refused;
    out.error = std::move(e);
    return out;
}

ImportOutcome outcome_of(storage::StoreOutcome o) {
    switch (o) {
    case storage::StoreOutcome::Created: return ImportOutcome::Imported;
    case storage::StoreOutcome::Replaced: return ImportOutcome::Replaced;
    case storage::StoreOutcome::Unchanged: return ImportOutcome::Unchanged;
    }
    return ImportOutcome::Imported;
}

}  // namespace

Wijkdata::Wijkdata(storage::WijkdataStore& store, WijkdataOptions options) : m_store(store), m_options(options) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
    m_snapshot = std::make_shared<Snapshot>();
}

Wijkdata::~Wijkdata() = default;

std::shared_ptr<const Wijkdata::Snapshot> Wijkdata::snapshot() const {
    std::lock_guard lock(m_mutex);
    return m_snapshot;
}

std::int64_t Wijkdata::generation() const { return snapshot()->generation; }

core::Status Wijkdata::load() {
    std::lock_guard write(m_write_mutex);
    return rebuild();
}

core::Status Wijkdata::refresh_if_changed() {
    auto v = m_store.version();
    if (!v) return core::fail(v.error());
    if (*v == snapshot()->version) return {};
    std::lock_guard write(m_write_mutex);
    return rebuild();
}

core::Status Wijkdata::rebuild() {
    auto fresh = std::make_shared<Snapshot>();
    auto version = m_store.version();
    if (!version) return core::fail(version.error());
    fresh->version = *version;
    auto metas = m_store.indicators();
    if (!metas) return core::fail(metas.error());
    for (auto& m : *metas) fresh->indicators.emplace(m.key, std::move(m));
    auto years = m_store.years();
    if (!years) return core::fail(years.error());
    for (int y : *years) {
        auto data = m_store.load_year(y);
        if (!data) return core::fail(data.error());
        fresh->years.emplace(y, build_year_view(*data, fresh->indicators, m_options));
    }
    auto boundaries = m_store.boundaries();
    if (!boundaries) return core::fail(boundaries.error());
    fresh->boundaries = std::move(*boundaries);
    std::lock_guard lock(m_mutex);
    fresh->generation = m_snapshot->generation + 1;
    m_snapshot = std::move(fresh);
    return {};
}

FileImport Wijkdata::import_file(const std::filesystem::path& path) {
    FileImport out;
    out.file = path.string();
    std::string name = path.filename().string();
    auto hash = file_sha256(path);
    if (!hash) return refused(std::move(out), hash.error());
    if (looks_like_json(path)) {
        std::error_code ec;
        auto size = std::filesystem::file_size(path, ec);
        if (ec || size > max_boundary_bytes)
            return refused(std::move(out), core::Error::too_large(core::msg("wijkdata.boundaries_too_large", {name})));
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        auto r = import_boundaries_text(name, ss.str(), geo::year_in_name(name));
        r.file = out.file;
        return r;
    }
    auto table = importers::parse_table_file(path);
    if (!table) return refused(std::move(out), table.error());
    out.table_id = table->table_id;
    out.year = table->year;
    if (auto checked = importers::to_area_table(*table); !checked) return refused(std::move(out), checked.error());
    auto r = import_dataset(to_dataset(*table, name, *hash));
    r.file = out.file;
    return r;
}

FileImport Wijkdata::import_dataset(const storage::NewDataset& d) {
    FileImport out;
    out.file = d.record.source_file;
    out.table_id = d.record.table_id;
    out.year = d.record.year;
    out.areas = static_cast<long>(d.areas.size());
    out.indicators = static_cast<long>(d.indicators.size());
    out.values = static_cast<long>(d.values.size());
    std::lock_guard write(m_write_mutex);
    auto stored = m_store.store_dataset(d);
    if (!stored) return refused(std::move(out), stored.error());
    out.outcome = outcome_of(stored->outcome);
    if (stored->outcome != storage::StoreOutcome::Unchanged)
        if (auto r = rebuild(); !r) return refused(std::move(out), r.error());
    return out;
}

FileImport Wijkdata::import_boundaries_text(const std::string& name, const std::string& text, std::optional<int> year) {
    FileImport out;
    out.file = name;
    out.boundaries = true;
    geo::ReadOptions options;
    options.year = year;
    auto set = geo::read_boundaries(std::string_view(text), options);
    if (!set) {
        auto e = set.error();
        return refused(std::move(out), core::Error(e.code(), core::msg("wijkdata.at_file", {name}) + " " + e.message(), e.problems()));
    }
    if (!set->year) return refused(std::move(out), core::Error::invalid_input(core::msg("wijkdata.boundaries_no_year", {name})));
    storage::BoundaryRecord b{0, *set->year, std::string(geo::to_string(set->level)), name, text_sha256(text),
                              now_iso(), static_cast<long>(set->areas.size()), text};
    out.table_id = b.level;
    out.year = b.year;
    out.areas = b.area_count;
    std::lock_guard write(m_write_mutex);
    auto stored = m_store.store_boundaries(b);
    if (!stored) return refused(std::move(out), stored.error());
    out.outcome = outcome_of(stored->outcome);
    if (stored->outcome != storage::StoreOutcome::Unchanged)
        if (auto r = rebuild(); !r) return refused(std::move(out), r.error());
    return out;
}

core::Status Wijkdata::update_indicator(const storage::IndicatorMeta& meta) {
    std::lock_guard write(m_write_mutex);
    if (auto r = m_store.update_indicator(meta); !r) return r;
    return rebuild();
}

core::Result<std::vector<storage::DatasetRecord>> Wijkdata::datasets() { return m_store.datasets(); }

}  // namespace gezondin::services
