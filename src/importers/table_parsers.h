#pragma once
// One parser per table format. Each reads the stream once, front to back, with bounded memory
// (see LineSource and ParseOptions), and returns the complete table or the first error; it
// never returns part of a table. `file_name` is used in error texts and to find the table id
// and year when the file itself does not name them. Most callers want parse_table_stream()
// (import_file.h), which detects the format first.

#include <istream>
#include <string_view>

#include "core/error.h"
#include "importers/imported_table.h"

namespace gezondin::importers {

// CBS/RIVM TypedDataSet CSV: ';', quoted and space-padded strings, '.' for secret values, region
// column WijkenEnBuurten or RegioS, indicator columns such as AantalInwoners_5. Columns without a
// "_N" suffix (Persoonskenmerken, Marges, Geslacht, ...) are filters: rows whose value is not the
// total (T009002, MW00000, T001038, 10000) are skipped and reported.
[[nodiscard]] core::Result<ImportedTable> parse_typed_dataset(std::istream& in, std::string_view file_name,
                                                              const ParseOptions& options = {});

// StatLine export CSV: title lines, a labelled header ("Bevolking/Aantal inwoners (aantal)"),
// decimal commas allowed, empty fields for missing values, a "Bron:" footer. Needs a column
// with region codes ("Regioaanduiding/Codering (code)", "Regiocode (...) (code)", Wijkcode,
// Gemeentecode, Code); files that only name regions are refused (NoRegionCodes).
[[nodiscard]] core::Result<ImportedTable> parse_statline_export(std::istream& in, std::string_view file_name,
                                                                const ParseOptions& options = {});

// CBS kwb-YYYY CSV with short column names (gwb_code_10, regio, recs, a_inw, ...), fields
// separated by ',' or ';'. The year comes from "kwb-YYYY" in the file name or from options.
[[nodiscard]] core::Result<ImportedTable> parse_kwb_csv(std::istream& in, std::string_view file_name,
                                                        const ParseOptions& options = {});

// The CBS kwb-YYYY.xlsx download: the first sheet, same columns as parse_kwb_csv. The zip
// package is read into memory (up to ParseOptions::max_xlsx_bytes); the sheet is inflated and
// parsed in chunks.
[[nodiscard]] core::Result<ImportedTable> parse_kwb_xlsx(std::istream& in, std::string_view file_name,
                                                         const ParseOptions& options = {});

}  // namespace gezondin::importers
