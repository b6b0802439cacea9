#pragma once
// TableBuilder: the part every table parser shares. A parser reads the header, decides which
// column holds what (a ColumnPlan), and hands each data record to add(); the builder checks
// field counts, region codes, duplicates, years, numbers and the memory limits, and finish()
// returns the complete ImportedTable or the first error. Internal to the importers.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "importers/import_error.h"
#include "importers/imported_table.h"

namespace gezondin::importers {

enum class Decimal : std::uint8_t {
    Point,   // 12.5 (TypedDataSet, kwb CSV with commas between fields)
    Either,  // 12.5 or 12,5 (StatLine exports use decimal commas in some tables)
};

enum class ColumnKind : std::uint8_t {
    Number,    // must hold numbers, '.' or nothing
    Inferred,  // a column without a known role: numbers make it an indicator, text drops it
};

struct PlannedIndicator {
    int column = 0;  // 0-based field index
    IndicatorDef def;
    ColumnKind kind = ColumnKind::Number;
};

struct ColumnPlan {
    int region = -1;         // required: CBS region codes
    int name = -1;           // region name
    int gemeente_name = -1;  // name of the gemeente; used as the name of GM rows without `name`
    int level = -1;          // "Gemeente", "Wijk", ... checked against the code
    int period = -1;         // "2019JJ00", "2019", "2024*"
    std::vector<PlannedIndicator> indicators;
    std::vector<int> unnamed;  // columns without a name; a value there is an error
    Decimal decimal = Decimal::Point;
};

// Parses a cell: "" -> Missing, "." -> Secret, a finite number -> Value. nullopt for text.
struct Cell {
    double value;
    stats::ValueStatus status;
};
std::optional<Cell> parse_cell(std::string_view text, Decimal decimal);

class TableBuilder {
public:
    TableBuilder(std::string file, const ParseOptions& options, SourceFormat format,
                 std::vector<std::string> header, ColumnPlan plan);

    // Adds one data record from `line`. Rows of region types outside the hierarchy are skipped.
    [[nodiscard]] core::Status add(const std::vector<std::string>& fields, long line);
    // Records a row a parser left out on purpose (a filter column), with a Dutch reason.
    void skip(long line, std::string code, std::string reason);

    // Completes the table. `fallback_year` comes from the table id or file name and is used
    // only when neither the file nor the options name a year.
    [[nodiscard]] core::Result<ImportedTable> finish(std::string table_id, std::string title,
                                                     std::optional<int> fallback_year);

private:
    core::Error error(Problem problem, long line, int column, std::string_view detail = {}) const;
    core::Status add_values(const std::vector<std::string>& fields, long line);
    core::Status note_period(std::string_view text, long line);

    std::string m_file;
    ParseOptions m_options;
    SourceFormat m_format;
    std::vector<std::string> m_header;
    ColumnPlan m_plan;
    std::vector<bool> m_dropped;   // per planned indicator: turned out to be text
    std::vector<bool> m_decided;   // per planned indicator: has seen a number
    std::vector<stats::Column> m_columns;
    std::vector<ImportedRow> m_rows;
    std::vector<SkippedRow> m_skipped;
    std::size_t m_skipped_total = 0;
    std::unordered_map<std::string, std::size_t> m_index;
    std::optional<int> m_year;
    long m_year_line = 0;
    bool m_provisional = false;
};

// A year from a period text: "2019JJ00", "2019", "2024*", "2019 (voorlopig)". nullopt if none.
std::optional<int> year_from_period(std::string_view text, bool* provisional = nullptr);

// A four-digit year (1990..2099) that stands alone in a file name ("..._2024_geslachten.csv");
// nullopt when there is none or more than one.
std::optional<int> year_from_file_name(std::string_view name);

}  // namespace gezondin::importers
