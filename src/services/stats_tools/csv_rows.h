#pragma once
// A small table reader for the analysts' CSV files: one header line, ',' or ';' separated,
// optional double quotes, decimal comma with ';'. Not for CBS files (see src/importers).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gezondin::services {

class CsvRows {
public:
    static core::Result<CsvRows> parse(std::string_view text);

    // Column index of the first header that matches one of `names` (case-insensitive).
    std::optional<std::size_t> column(std::initializer_list<std::string_view> names) const;
    std::size_t size() const { return m_rows.size(); }
    const std::string& cell(std::size_t row, std::size_t col) const { return m_rows[row][col]; }
    long line(std::size_t row) const { return m_lines[row]; }
    // The number in a cell; NaN for an empty cell; nullopt for text that is not a number.
    std::optional<double> number(std::size_t row, std::size_t col) const;

private:
    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_rows;
    std::vector<long> m_lines;
    bool m_decimal_comma = false;
};

}  // namespace gezondin::services
