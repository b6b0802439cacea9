#pragma once
// ImportedTable: the neutral result of every table importer, before anything is stored.
// One table = one source file, one period (year) and one set of regions of the CBS hierarchy
// (Nederland, gemeente, wijk, buurt). Values are kept per indicator as stats::Column (value
// plus status), rows in file order. Rows of region types outside the hierarchy (GGD regions,
// provinces) and rows left out by a filter column are listed in `skipped` with the reason.
// An ImportedTable is only ever handed out complete: parsers return it whole or an error.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importers/line_source.h"
#include "stats/area_table.h"

namespace gezondin::importers {

enum class SourceFormat : std::uint8_t {
    Unknown,
    TypedDataSet,    // CBS/RIVM OData "TypedDataSet" CSV: ID;WijkenEnBuurten;AantalInwoners_5;...
    KwbCsv,          // CBS kwb-YYYY CSV with short names: gwb_code_10,regio,a_inw,...
    KwbXlsx,         // the CBS kwb-YYYY.xlsx download (first sheet)
    StatLineExport,  // StatLine export CSV with labelled headers "Bevolking/Aantal inwoners (aantal)"
};

const char* format_name(SourceFormat format);

// Whether a higher value is better or worse is a judgement the importer cannot make; an
// editor sets it afterwards.
enum class Direction : std::uint8_t { Unknown, HigherIsBetter, HigherIsWorse };

struct IndicatorDef {
    std::string key;    // stable id: the CBS column name (AantalInwoners_5, a_inw) or a slug of the label
    std::string label;  // Dutch label as far as the file gives one
    std::string unit;   // from the "(...)" of a StatLine label; empty when unknown
    Direction direction = Direction::Unknown;
};

struct ImportedRow {
    std::string code;  // normalised CBS code: NL01, GM0363, WK036300, BU03630000
    stats::AreaLevel level = stats::AreaLevel::Buurt;
    std::string name;         // empty when the file has no name for it
    std::string parent_code;  // derived from the code (BU -> WK -> GM -> NL01); "" for NL01
    long line = 0;            // line in the file (sheet row for xlsx)
};

struct SkippedRow {
    long line = 0;
    std::string code;    // as normalised, or the raw text
    std::string reason;  // Dutch, for the import report
};

struct ImportedTable {
    std::string source_file;  // file name as given by the caller
    SourceFormat format = SourceFormat::Unknown;
    std::string table_id;     // 84583NED, 50140NED, kwb-2023, or the title of a StatLine export
    std::string title;        // title lines of an export; empty otherwise
    int year = 0;
    bool provisional = false;  // a period marked "2024*" by CBS
    std::vector<IndicatorDef> indicators;
    std::vector<stats::Column> columns;  // columns[i] belongs to indicators[i]; one entry per row
    std::vector<ImportedRow> rows;
    std::vector<SkippedRow> skipped;  // the first 1,000 rows left out, with their reasons
    std::size_t skipped_total = 0;    // all rows left out

    std::optional<std::size_t> find_indicator(std::string_view key) const;
    std::optional<std::size_t> find_row(std::string_view code) const;
};

// Limits and choices of one import. The limits bound memory whatever the file size: about
// 200 bytes per kept row plus 9 bytes per cell, so at most ~20 MB + ~45 MB by default, plus
// one line (or one xlsx row) of text.
struct ParseOptions {
    Encoding encoding = Encoding::Utf8;
    std::optional<int> year;                   // used when the file itself names no period
    std::size_t max_line_bytes = 1 << 20;      // longest line
    std::size_t max_rows = 100'000;            // kept rows; all areas of a year are ~18,300
    std::size_t max_cells = 5'000'000;         // kept rows x indicators
    std::size_t max_xlsx_bytes = 200u << 20;   // compressed size of an xlsx file
};

}  // namespace gezondin::importers
