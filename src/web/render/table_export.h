#pragma once
// Downloads of a table: CSV (UTF-8 with BOM, ';' separated, CRLF, as Dutch Excel opens it) and
// XLSX (libxlsxwriter). The first row is the header; an optional note (e.g. "fictief") comes
// before it. In XLSX, cells of numeric columns that parse fully as numbers are written as
// numbers; everything else as text.

#include <functional>
#include <string>
#include <vector>

#include "core/error.h"

namespace gezondin::web {

struct ExportTable {
    std::vector<std::vector<std::string>> rows;   // rows[0] is the header
    std::string note;                             // written before the header; empty: none
    std::function<bool(std::size_t column)> numeric = [](std::size_t) { return false; };
};

std::string table_to_csv(const ExportTable& table);
core::Result<std::string> table_to_xlsx(const ExportTable& table, const std::string& sheet_name);

}  // namespace gezondin::web
