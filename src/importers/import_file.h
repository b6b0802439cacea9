#pragma once
// The entry point of the table importers: detect the format of a file and parse it.
//
//   auto table = importers::parse_table_file("/data/84583NED_TypedDataSet.csv");
//   if (!table) report(table.error());   // names file, line, column and problem
//
// Thread-safe: every call works on its own stream and state.

#include <filesystem>
#include <istream>
#include <string>
#include <string_view>

#include "core/error.h"
#include "importers/imported_table.h"

namespace gezondin::importers {

struct Detection {
    SourceFormat format = SourceFormat::Unknown;
    std::string reason;  // Dutch: why the format is unknown (JSON boundaries, binary, UTF-16)
};

// Chooses the parser from the first bytes of a file (a few KB are enough) and its name:
// an xlsx (zip) package, a kwb CSV (gwb_code columns), a TypedDataSet ("ID" and a
// WijkenEnBuurten/RegioS column), or else a StatLine export. GeoJSON/TopoJSON, binary files
// and UTF-16 text are Unknown, with a reason.
Detection detect_format(std::string_view first_bytes, std::string_view file_name);

// Detects the format and parses the stream with the matching parser (table_parsers.h).
// `file_name` names the file in errors and supplies the table id and year when the file has none.
[[nodiscard]] core::Result<ImportedTable> parse_table_stream(std::istream& in, std::string_view file_name,
                                                             const ParseOptions& options = {});

// Opens `path` and calls parse_table_stream() with its file name (without folders).
[[nodiscard]] core::Result<ImportedTable> parse_table_file(const std::filesystem::path& path,
                                                           const ParseOptions& options = {});

}  // namespace gezondin::importers
