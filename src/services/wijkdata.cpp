// The wijkdata service: imports and the in-memory snapshot. Reads are in wijkdata_queries.cpp.

#include "services/wijkdata.h"

#include <sodium.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "core/messages.h"
#include "core/text.h"
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
                                source, t.table_id, false});
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

bool has_control_char(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

// Checks one text field of an indicator edit; adds a problem and returns false when it fails.
bool check_text(std::vector<core::FieldProblem>& problems, const char* field, std::string_view value, bool required,
                std::size_t max_bytes) {
    auto problem = [&](std::string_view key) {
        problems.push_back({field, std::string(core::msg(key)), 0});
        return false;
    };
    if (!core::is_valid_utf8(value) || has_control_char(value)) return problem("wijkdata.edit.bad_chars");
    if (required && core::trim(value).empty()) return problem(std::string("wijkdata.edit.") + field + "_empty");
    if (value.size() > max_bytes)
        return problems.push_back({field, core::msg("wijkdata.edit.too_long", {std::to_string(max_bytes)}), 0}), false;
    return true;
}

// Names the changed fields for the audit log ("naam, eenheid"); no values, they may be long.
std::string changed_fields(const storage::IndicatorMeta& before, const storage::IndicatorMeta& after) {
    std::string out;
    auto add = [&](bool changed, const char* name) {
        if (!changed) return;
        if (!out.empty()) out += ", ";
        out += name;
    };
    add(before.label != after.label, "label");
    add(before.unit != after.unit, "unit");
    add(before.direction != after.direction, "direction");
    add(before.source != after.source, "source");
    return out.empty() ? "-" : out;
}

bool plain_file_name(const std::string& name) {
    return !name.empty() && name.size() <= 255 && name != "." && name != ".." &&
           name.find_first_of("/\\") == std::string::npos && core::is_valid_utf8(name) && !has_control_char(name);
}

const char* outcome_slug(ImportOutcome o) {
    switch (o) {
    case ImportOutcome::Imported: return "imported";
    case ImportOutcome::Replaced: return "replaced";
    case ImportOutcome::Unchanged: return "unchanged";
    case ImportOutcome::Refused: break;
    }
    return "refused";
}

// A folder only this process can read, removed with everything in it when the object goes.
class TempFolder {
public:
    TempFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "gezondin-upload-XXXXXX").string();
        if (::mkdtemp(pattern.data())) m_path = pattern;
    }
    ~TempFolder() {
        std::error_code ec;
        if (!m_path.empty()) std::filesystem::remove_all(m_path, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace

bool may(const WijkdataEditor& editor, WijkdataAction action) {
    if (editor.user == 0) return false;
    switch (action) {
    case WijkdataAction::EditIndicators: return domain::at_least(editor.role, domain::Role::Redacteur);
    case WijkdataAction::ImportFiles: return editor.role == domain::Role::Beheerder;
    }
    return false;
}

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

core::Status Wijkdata::edit_indicator(const WijkdataEditor& editor, const IndicatorEdit& edit) {
    if (editor.user == 0) return core::fail(core::Error::unauthenticated(std::string(core::msg("wijkdata.admin.login"))));
    if (!may(editor, WijkdataAction::EditIndicators))
        return core::fail(core::Error::forbidden(std::string(core::msg("wijkdata.admin.forbidden"))));
    auto before = indicator(edit.key);
    if (!before) return core::fail(core::Error::not_found(std::string(core::msg("wijkdata.thing_indicator")), edit.key));
    std::vector<core::FieldProblem> problems;
    check_text(problems, "label", edit.label, true, 200);
    check_text(problems, "unit", edit.unit, false, 40);
    auto direction = storage::direction_from_slug(edit.direction);
    if (!direction) problems.push_back({"direction", std::string(core::msg("wijkdata.edit.direction_bad")), 0});
    check_text(problems, "source", edit.source, true, 400);
    if (!problems.empty())
        return core::fail(core::Error::invalid_input(std::string(core::msg("wijkdata.edit.invalid")), std::move(problems)));
    storage::IndicatorMeta after = *before;
    after.label = std::string(core::trim(edit.label));
    after.unit = std::string(core::trim(edit.unit));
    after.direction = *direction;
    after.source = std::string(core::trim(edit.source));
    if (auto r = update_indicator(after); !r) return r;
    if (m_audit)
        m_audit({0, static_cast<domain::Timestamp>(std::time(nullptr)), editor.user, "wijkdata.indicator",
                 "indicator:" + edit.key, changed_fields(*before, after)});
    return {};
}

FileImport Wijkdata::import_upload(const WijkdataEditor& editor, const std::string& filename, std::string_view bytes) {
    FileImport out;
    out.file = filename;
    if (editor.user == 0)
        return refused(std::move(out), core::Error::unauthenticated(std::string(core::msg("wijkdata.admin.login"))));
    if (!may(editor, WijkdataAction::ImportFiles))
        return refused(std::move(out), core::Error::forbidden(std::string(core::msg("wijkdata.admin.forbidden_import"))));
    if (!plain_file_name(filename))
        return refused(std::move(out), core::Error::invalid_input(std::string(core::msg("wijkdata.upload.bad_name"))));
    TempFolder folder;
    if (folder.path().empty())
        return refused(std::move(out), core::Error::unavailable(std::string(core::msg("wijkdata.upload.no_space"))));
    auto path = folder.path() / filename;
    {
        std::ofstream file(path, std::ios::binary | std::ios::trunc);
        file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!file.flush())
            return refused(std::move(out), core::Error::unavailable(std::string(core::msg("wijkdata.upload.no_space"))));
    }
    auto r = import_file(path);
    r.file = filename;
    if (r.outcome != ImportOutcome::Refused && m_audit)
        m_audit({0, static_cast<domain::Timestamp>(std::time(nullptr)), editor.user, "wijkdata.import",
                 (r.boundaries ? "boundaries:" : "table:") + r.table_id + "/" + std::to_string(r.year),
                 filename + " (" + outcome_slug(r.outcome) + ")"});
    return r;
}

std::vector<storage::IndicatorMeta> Wijkdata::all_indicators() const {
    std::vector<storage::IndicatorMeta> out;
    for (const auto& [key, meta] : snapshot()->indicators) out.push_back(meta);
    return out;
}

core::Result<std::vector<storage::DatasetRecord>> Wijkdata::datasets() { return m_store.datasets(); }

}  // namespace gezondin::services
