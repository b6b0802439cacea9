#pragma once
// Wijkdata (neighbourhood data) use cases: import CBS/RIVM tables and boundaries, and read
// profiles, comparisons, map values and API rows.
//
// Privacy: disclosure control (stats::apply_disclosure) is applied once, when the in-memory
// tables are built; every read method below only ever sees the disclosed columns, so a value
// hidden as "geheim" cannot leave this service. Counts (additive indicators) below
// `min_count` and every value of an area with fewer than `min_population` inhabitants (or an
// unknown population) are Secret, with complementary suppression for counts; values CBS
// marked secret ('.') stay Secret.
//
// Threads: reads take a snapshot (shared_ptr) of the in-memory tables and may run on many
// threads at once; imports and refreshes build a new snapshot and swap it in.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <functional>
#include <string_view>

#include "core/error.h"
#include "domain/audit.h"
#include "domain/user.h"
#include "stats/area_table.h"
#include "storage/wijkdata.h"

namespace gezondin::geo {
struct PreparedMap;
}

namespace gezondin::services {

struct WijkdataOptions {
    double min_count = 10;        // counts below this are "geheim"
    double min_population = 50;   // areas with fewer inhabitants show no values at all
};

enum class ImportOutcome { Imported, Replaced, Unchanged, Refused };

// What happened to one file.
struct FileImport {
    std::string file;
    ImportOutcome outcome = ImportOutcome::Refused;
    bool boundaries = false;      // a GeoJSON/TopoJSON file
    std::string table_id;         // for boundaries: the level ("buurt")
    int year = 0;
    long areas = 0;
    long indicators = 0;
    long values = 0;
    std::optional<core::Error> error;   // why it was refused (names file, line, column)
};

// A value as it may be shown: status Value with a number, or Secret/Missing without one.
struct Shown {
    stats::ValueStatus status = stats::ValueStatus::Missing;
    double value = 0;   // 0 unless status == Value
};

struct AreaRef {
    std::string code;
    std::string name;   // the code when no file named the area
    stats::AreaLevel level = stats::AreaLevel::Buurt;
};

// Where the "Nederland" figure comes from.
enum class CountrySource {
    None,          // no national row and fewer than two gemeenten
    NationalRow,   // the NL01 row of the data
    GemeenteMean,  // population-weighted mean of the gemeenten in the data
};

struct CountryFigure {
    Shown value;
    CountrySource source = CountrySource::None;
    long gemeenten = 0;   // for GemeenteMean: how many gemeenten it averages
};

struct ProfileRow {
    storage::IndicatorMeta indicator;
    Shown area;
    Shown gemeente;            // Missing for a gemeente's own profile
    CountryFigure country;
    // The visible values of the same level within the gemeente (the country for a gemeente):
    // lowest, quartiles, highest and how many there are. NaN when there are none.
    double low = 0, q1 = 0, q3 = 0, high = 0;
    long peers = 0;
    std::vector<std::pair<int, Shown>> trend;   // every year with this indicator, ascending
};

struct Profile {
    int year = 0;
    AreaRef area;
    std::vector<AreaRef> parents;    // from the country (or the top) down to the direct parent
    std::optional<AreaRef> gemeente;
    std::vector<AreaRef> children;
    std::vector<ProfileRow> rows;
    std::vector<int> years;          // years in which this code has data
    std::vector<std::string> sources;
    bool fictitious = false;
};

struct ComparedArea {
    AreaRef area;
    std::vector<Shown> values;   // parallel to Comparison::indicators
};

struct Comparison {
    int year = 0;
    std::vector<storage::IndicatorMeta> indicators;
    std::vector<ComparedArea> areas;       // the gemeente first, then the others
    std::vector<CountryFigure> country;    // parallel to indicators
    std::vector<std::string> unknown;      // requested codes without data this year
};

struct MapValue {
    AreaRef area;
    Shown value;
};

struct MapData {
    int year = 0;
    stats::AreaLevel level = stats::AreaLevel::Wijk;
    AreaRef gemeente;
    storage::IndicatorMeta indicator;
    std::vector<MapValue> values;   // every area of the level in the gemeente
    // Boundaries of that year and level for the gemeente's areas; null when none are stored.
    std::shared_ptr<const geo::PreparedMap> map;
    bool fictitious = false;
};

struct ValuesQuery {
    std::optional<int> year;                      // empty: the latest year
    std::optional<stats::AreaLevel> level;
    std::string parent;                           // a code: only areas below it
    std::vector<std::string> indicators;          // empty: all
};

struct ValueRow {
    const AreaRef* area = nullptr;   // points into the snapshot the result keeps alive
    std::string parent_code;
    const std::string* indicator = nullptr;
    Shown value;
};

struct ValuesResult {
    int year = 0;
    std::vector<ValueRow> rows;      // by area (hierarchy order), then indicator
    std::shared_ptr<const void> keep_alive;
};

struct AreaListing {
    int year = 0;
    std::vector<std::pair<AreaRef, std::string>> areas;   // with parent code
};

// Who asks to change wijkdata, taken from the session by the web layer; the service decides.
struct WijkdataEditor {
    domain::UserId user = 0;                // 0: anonymous
    domain::Role role = domain::Role::Lid;
};

enum class WijkdataAction {
    EditIndicators,   // Dutch label, unit, direction and source: redacteur and beheerder
    ImportFiles,      // upload CBS/RIVM tables and boundaries: beheerder only
};

// The rule above. Anonymous visitors may do neither.
bool may(const WijkdataEditor& editor, WijkdataAction action);

// The new texts of one indicator as a form sends them; `direction` is a slug of
// storage::IndicatorDirection ("onbekend", "hoger-is-beter", "hoger-is-slechter").
struct IndicatorEdit {
    std::string key;
    std::string label;       // required, at most 200 bytes
    std::string unit;        // may be empty, at most 40 bytes
    std::string direction;
    std::string source;      // required, at most 400 bytes
};

// Writes an audit-log line (the community's log in the server). Must be thread-safe.
using AuditSink = std::function<void(const domain::AuditEntry&)>;

class Wijkdata {
public:
    Wijkdata(storage::WijkdataStore& store, WijkdataOptions options = {});
    ~Wijkdata();

    // Builds the in-memory tables from the store.
    core::Status load();
    // Rebuilds when another process wrote to the store since the last build.
    core::Status refresh_if_changed();
    // Changes with every rebuild: a validator for rendered pages.
    std::int64_t generation() const;

    // Imports one file: a table (TypedDataSet, kwb CSV/xlsx, StatLine export) or boundaries
    // (GeoJSON/TopoJSON). All or nothing; the tables are rebuilt afterwards.
    FileImport import_file(const std::filesystem::path& path);
    // Imports a dataset built in code (the demo); `file_hash` of the record must be set.
    FileImport import_dataset(const storage::NewDataset& dataset);
    FileImport import_boundaries_text(const std::string& name, const std::string& text, std::optional<int> year);

    core::Status update_indicator(const storage::IndicatorMeta& meta);
    // update_indicator for a person: Unauthenticated when anonymous, Forbidden without the
    // right role, InvalidInput with field problems "label", "unit", "direction", "source"
    // (Dutch reasons), NotFound for an unknown key. Writes an audit line when it succeeds.
    core::Status edit_indicator(const WijkdataEditor& editor, const IndicatorEdit& edit);
    // Imports the bytes of one uploaded file as import_file() would, under the file's own base
    // name (the importers read table id and year from it). The bytes are written to a private
    // temporary folder that is removed afterwards. Refused (with the error) when the editor may
    // not import or the name is not a plain file name. Writes an audit line unless refused.
    FileImport import_upload(const WijkdataEditor& editor, const std::string& filename, std::string_view bytes);
    // Receives an audit line for every edit and upload; call before serving.
    void set_audit(AuditSink sink) { m_audit = std::move(sink); }
    // Every indicator definition, by key (also those without values in any year).
    std::vector<storage::IndicatorMeta> all_indicators() const;
    core::Result<std::vector<storage::DatasetRecord>> datasets();

    std::vector<int> years() const;
    std::optional<int> latest_year() const;
    // The year asked for, or the latest; NotFound when there is no data at all or for it.
    core::Result<int> resolve_year(std::optional<int> year) const;
    std::vector<storage::IndicatorMeta> indicators(int year) const;
    std::optional<storage::IndicatorMeta> indicator(const std::string& key) const;
    std::vector<AreaRef> gemeenten(int year) const;
    bool has_area(const std::string& code) const;   // in any year
    bool fictitious(int year) const;

    core::Result<Profile> profile(const std::string& code, std::optional<int> year) const;
    core::Result<Comparison> compare(const std::string& gemeente, const std::vector<std::string>& others,
                                     std::optional<int> year) const;
    // Level wijk or buurt: the areas of that level in `gemeente`. Level gemeente: every gemeente
    // of the year (`gemeente` is ignored; MapData::gemeente is then the country).
    core::Result<MapData> map_data(stats::AreaLevel level, const std::string& indicator, const std::string& gemeente,
                                   std::optional<int> year) const;
    core::Result<ValuesResult> values(const ValuesQuery& query) const;
    core::Result<AreaListing> areas(std::optional<int> year, std::optional<stats::AreaLevel> level,
                                    const std::string& parent) const;

    const WijkdataOptions& options() const { return m_options; }

    struct Snapshot;

private:
    std::shared_ptr<const Snapshot> snapshot() const;
    core::Status rebuild();
    // The boundaries of `values` for (year, level), prepared once per snapshot; `gemeente` is
    // "" for the gemeente level. Null when no stored boundary file covers them.
    std::shared_ptr<const geo::PreparedMap> prepared_map(const Snapshot& s, int year, stats::AreaLevel level,
                                                         const std::string& gemeente,
                                                         const std::vector<MapValue>& values) const;

    storage::WijkdataStore& m_store;
    WijkdataOptions m_options;
    mutable std::mutex m_mutex;
    std::mutex m_write_mutex;   // one import or rebuild at a time
    std::shared_ptr<const Snapshot> m_snapshot;
    AuditSink m_audit;
};

// Generates and imports the fictitious demo municipality GM9901 "Havenwaard": 8 wijken, 30
// buurten, grid boundaries in the sea off the coast, two years of values; every table id and
// source says "fictief". Idempotent (same content, same hash).
std::vector<FileImport> import_demo_data(Wijkdata& wijkdata);

// "Land", "gemeente", ... for people (Dutch).
std::string level_label(stats::AreaLevel level);
// "gemeente", "wijk", "buurt", "land" as used in URLs and the API.
const char* level_slug(stats::AreaLevel level);
std::optional<stats::AreaLevel> level_from_slug(std::string_view slug);

}  // namespace gezondin::services
