#include "web/render/table_export.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <xlsxwriter.h>

namespace gezondin::web {

namespace {

std::string csv_field(const std::string& s) {
    if (s.find_first_of(";\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void write_row(lxw_worksheet* ws, lxw_row_t row, const std::vector<std::string>& cells,
               const std::function<bool(std::size_t)>& numeric) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const auto& cell = cells[c];
        char* end = nullptr;
        double v = std::strtod(cell.c_str(), &end);
        if (numeric && numeric(c) && !cell.empty() && *end == '\0')
            worksheet_write_number(ws, row, static_cast<lxw_col_t>(c), v, nullptr);
        else
            worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cell.c_str(), nullptr);
    }
}

}  // namespace

std::string table_to_csv(const ExportTable& table) {
    std::string out = "\xEF\xBB\xBF";
    if (!table.note.empty()) out += csv_field(table.note) + "\r\n";
    for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) out += (i ? ";" : "") + csv_field(row[i]);
        out += "\r\n";
    }
    return out;
}

// libxlsxwriter writes only to files: a private temporary file, read back and removed.
core::Result<std::string> table_to_xlsx(const ExportTable& table, const std::string& sheet_name) {
    std::string path = (std::filesystem::temp_directory_path() / "gezondin-xlsx-XXXXXX").string();
    int fd = ::mkstemp(path.data());
    if (fd < 0) return core::fail(core::Error::unavailable("mkstemp"));
    ::close(fd);
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) {
        std::filesystem::remove(path);
        return core::fail(core::Error::unavailable("xlsx"));
    }
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
    lxw_row_t row = 0;
    if (!table.note.empty()) worksheet_write_string(ws, row++, 0, table.note.c_str(), nullptr);
    for (std::size_t i = 0; i < table.rows.size(); ++i, ++row)
        write_row(ws, row, table.rows[i], i == 0 ? std::function<bool(std::size_t)>() : table.numeric);
    auto err = workbook_close(wb);
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (err != LXW_NO_ERROR) return core::fail(core::Error::internal(lxw_strerror(err)));
    return ss.str();
}

}  // namespace gezondin::web
