#pragma once
// Errors of the importers. Every error names the file, the line, the column and the problem:
// the core::Error message is a Dutch sentence from i18n (keys "importers.*"), and its single
// FieldProblem carries the column name as `field` (empty for problems of a whole line or file)
// and the line number as `line`, so programs and tests can check where it went wrong without
// reading the text.

#include <string>
#include <string_view>

#include "core/error.h"

namespace gezondin::importers {

enum class Problem {
    Unreadable,        // the file cannot be opened or read
    UnknownFormat,     // not one of the supported table formats
    Encoding,          // bytes that are not UTF-8 (or a UTF-16 file)
    Delimiter,         // fields are separated by something else than the format requires
    LineTooLong,       // a line longer than ParseOptions::max_line_bytes
    TooManyRows,       // more rows or cells than ParseOptions allows
    UnbalancedQuote,   // a quoted field that does not end on its line (truncated or malformed)
    FieldCount,        // a line with another number of fields than the header
    NoHeader,          // no header line found
    MissingColumn,     // a required column is absent
    DuplicateColumn,   // two columns with the same name
    UnnamedColumn,     // values under a column without a name (multi-line headers)
    NoRegionCodes,     // no column with CBS region codes (rows only joined by order)
    NoIndicators,      // no numeric columns left
    NoRows,            // no data rows
    UnknownRegion,     // a value in the region column that is no CBS region code
    DuplicateRegion,   // the same region twice
    LevelMismatch,     // the region type column contradicts the code
    NotANumber,        // text in a number column
    MixedYears,        // more than one year in one file
    UnknownYear,       // the year cannot be found
    Xlsx,              // the xlsx package or its XML is damaged
    MissingParent,     // to_area_table: a wijk or gemeente the rows need is absent
};

// Where a problem is. Lines start at 1; column is 1-based, 0 when the problem has no column.
struct Location {
    std::string_view file;
    long line = 0;
    int column = 0;
    std::string_view field;
};

// The i18n key of a problem, e.g. "importers.not_a_number".
const char* problem_key(Problem problem);

// Builds the error. `detail` fills {0} of the problem's text (the offending value, a limit...).
core::Error import_error(Problem problem, const Location& where, std::string_view detail = {});

}  // namespace gezondin::importers
