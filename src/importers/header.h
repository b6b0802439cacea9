#pragma once
// Helpers for the header line and the file name, shared by the table parsers. Internal.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gezondin::importers {

// Trims every name and fails with DuplicateColumn on a name that occurs twice (empty names,
// which some exports have at the end of the line, are not compared).
[[nodiscard]] core::Status check_header(std::vector<std::string>& names, std::string_view file, long line);

// Fails with Delimiter when a line split on `expected` gave one field while the raw line
// holds another separator (',' or a tab), as when a file was saved with other settings.
[[nodiscard]] core::Status check_delimiter(const std::vector<std::string>& fields, std::string_view raw,
                                           char expected, std::string_view file, long line);

// Index of the first name in `names` equal to `wanted` (ASCII case-insensitive); -1 if none.
int find_column(const std::vector<std::string>& names, std::string_view wanted);

// "84583NED" or "50140NED" in a file name; nullopt when none.
std::optional<std::string> cbs_table_id(std::string_view file_name);

// The year of well-known CBS and RIVM tables that have no period column (84583NED -> 2019).
std::optional<int> known_table_year(std::string_view table_id);

// The file name without folders, extension and StatLine's "_ddmmyyyy_hhmmss" time stamp.
std::string file_stem(std::string_view file_name);

}  // namespace gezondin::importers
