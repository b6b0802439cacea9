#pragma once
// The CBS kwb-YYYY layout shared by its CSV and xlsx forms. Internal to the importers.

#include <string_view>
#include <vector>

#include "importers/imported_table.h"
#include "importers/record_source.h"

namespace gezondin::importers {

// Reads the data records of a kwb table whose header (already read and trimmed) is `header`.
// `decimal_comma` allows 12,5 (CSV files separated by ';'). `sheet_name` is a second place to
// look for "kwb-YYYY" when the file name has none.
[[nodiscard]] core::Result<ImportedTable> parse_kwb_records(RecordSource& records, std::vector<std::string> header,
                                                            const ParseOptions& options, SourceFormat format,
                                                            bool decimal_comma, std::string_view sheet_name);

}  // namespace gezondin::importers
