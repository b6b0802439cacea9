#pragma once
// Storage of wijkdata (neighbourhood data): imported CBS/RIVM tables and area boundaries.
//
// A dataset is one table (table id, e.g. "84583NED") of one year, imported from one file: its
// areas, indicator definitions and values, plus a record of the import. Rules every
// implementation keeps, each write in one transaction:
//  - a file whose hash is already stored changes nothing (Unchanged);
//  - a dataset with the table id and year of a stored one replaces it and all its values;
//  - years never mix: areas are stored per year, a dataset belongs to exactly one year.
// Values are stored as delivered (a source-secret value has no number); disclosure control is
// the service's job when values are read. Plain types only: no stats or importer types here.
// Every method is thread-safe.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace gezondin::storage {

// Nederland (land) > gemeente > wijk > buurt.
enum class WijkLevel : std::uint8_t { Land, Gemeente, Wijk, Buurt };
// "land", "gemeente", "wijk", "buurt"
const char* to_slug(WijkLevel level);
std::optional<WijkLevel> wijk_level_from_slug(std::string_view slug);

// Whether a higher value is better; set by an editor, Unknown after an import.
enum class IndicatorDirection : std::uint8_t { Unknown, HigherIsBetter, HigherIsWorse };
// "onbekend", "hoger-is-beter", "hoger-is-slechter"
const char* to_slug(IndicatorDirection direction);
std::optional<IndicatorDirection> direction_from_slug(std::string_view slug);

struct WijkArea {
    std::string code;          // CBS code: NL01, GM0363, WK036300, BU03630000
    WijkLevel level = WijkLevel::Buurt;
    std::string parent_code;   // "" for the country or when the parent is unknown
    std::string name;          // "" when no file named it
    std::optional<double> population;
};

struct IndicatorMeta {
    std::string key;     // stable id: the CBS column name or a slug of the label
    std::string label;   // Dutch
    std::string unit;    // "%", "aantal", "" when unknown
    IndicatorDirection direction = IndicatorDirection::Unknown;
    std::string source;  // for people: "CBS 84583NED Kerncijfers wijken en buurten 2019"
    std::string table_id;
    bool edited = false; // set by update_indicator; imports then leave the texts alone (ignored when storing)
};

struct WijkValue {
    std::string indicator;
    std::string code;
    std::optional<double> value;   // nullopt: secret at the source ('.')
    std::int64_t dataset_id = 0;   // filled by reads; ignored when storing
};

struct DatasetRecord {
    std::int64_t id = 0;           // set by the store
    std::string table_id;
    int year = 0;
    std::string source_file;       // file name without folders
    std::string file_hash;         // hex digest of the file's bytes
    std::string format;            // importer format name
    std::string title;
    std::string imported_at;       // ISO 8601 UTC
    long area_count = 0;
    long indicator_count = 0;
    long value_count = 0;
};

struct NewDataset {
    DatasetRecord record;
    std::vector<WijkArea> areas;
    std::vector<IndicatorMeta> indicators;
    std::vector<WijkValue> values;   // each (indicator, code) at most once; Missing left out
};

enum class StoreOutcome { Created, Replaced, Unchanged };

struct StoreResult {
    StoreOutcome outcome = StoreOutcome::Created;
    std::int64_t id = 0;   // the stored dataset (or boundaries); for Unchanged the existing one
};

// Everything stored for one year. Values are in dataset order (oldest import first), so when
// two tables of a year deliver the same indicator key, the later one comes last.
struct YearData {
    int year = 0;
    std::vector<WijkArea> areas;
    std::vector<WijkValue> values;
    std::vector<DatasetRecord> datasets;
};

struct BoundaryRecord {
    std::int64_t id = 0;
    int year = 0;
    std::string level;          // "gemeente", "wijk", "buurt" or "gemengd"
    std::string source_file;
    std::string file_hash;
    std::string imported_at;
    long area_count = 0;
    std::string body;           // the GeoJSON/TopoJSON text; empty in listings
};

class WijkdataStore {
public:
    virtual ~WijkdataStore() = default;

    // Stores the dataset in one transaction (see the rules above). InvalidInput when the
    // record lacks a table id, year or hash.
    virtual core::Result<StoreResult> store_dataset(const NewDataset& dataset) = 0;
    // All dataset records, by year then table id.
    virtual core::Result<std::vector<DatasetRecord>> datasets() = 0;
    // Years with at least one dataset, ascending.
    virtual core::Result<std::vector<int>> years() = 0;
    // NotFound when the year has no dataset.
    virtual core::Result<YearData> load_year(int year) = 0;

    // All indicator definitions, by key.
    virtual core::Result<std::vector<IndicatorMeta>> indicators() = 0;
    // Changes label, unit, direction and source of an existing indicator (the key and table id
    // stay), marks it edited and protects it from later imports of any table that delivers the
    // key: an import then changes none of its fields. NotFound for an unknown key.
    virtual core::Status update_indicator(const IndicatorMeta& meta) = 0;

    // Stores boundaries for (year, level); the same hash again changes nothing, another file
    // for the same year and level replaces the old one.
    virtual core::Result<StoreResult> store_boundaries(const BoundaryRecord& boundaries) = 0;
    // Records without their body, by year then level.
    virtual core::Result<std::vector<BoundaryRecord>> boundaries() = 0;
    // With body. NotFound when absent.
    virtual core::Result<BoundaryRecord> boundary(int year, const std::string& level) = 0;

    // Rises with every write; cheap. Lets a process notice writes made by another one.
    virtual core::Result<std::int64_t> version() = 0;
};

// Opens the store on the database named by `url` (see open_database in database.h), which
// must be migrated already (Database::migrate applies migrations/0010_wijkdata.sql).
core::Result<std::unique_ptr<WijkdataStore>> open_wijkdata_store(const std::string& url, int pool_size = 2);

}  // namespace gezondin::storage
