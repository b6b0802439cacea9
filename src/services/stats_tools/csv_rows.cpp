#include "services/stats_tools/csv_rows.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "core/messages.h"
#include "core/text.h"

namespace gezondin::services {

namespace {

std::vector<std::string> fields(std::string_view line, char sep) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { out.back().push_back('"'); ++i; }
            else if (c == '"') quoted = false;
            else out.back().push_back(c);
        } else if (c == '"') quoted = true;
        else if (c == sep) out.emplace_back();
        else out.back().push_back(c);
    }
    for (auto& f : out) f = std::string(core::trim(f));
    return out;
}

}  // namespace

core::Result<CsvRows> CsvRows::parse(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (!core::is_valid_utf8(text)) return core::fail(core::Error::invalid_input(std::string(core::msg("import.not_utf8"))));
    CsvRows t;
    char sep = ',';
    long line_no = 0;
    std::vector<core::FieldProblem> problems;
    for (auto raw : core::split(text, '\n')) {
        ++line_no;
        auto line = core::trim(raw);
        if (line.empty()) continue;
        if (t.m_header.empty()) {
            sep = line.find(';') != std::string_view::npos ? ';' : ',';
            t.m_decimal_comma = sep == ';';
            t.m_header = fields(line, sep);
            continue;
        }
        auto f = fields(line, sep);
        if (f.size() != t.m_header.size()) {
            problems.push_back({"regel", core::msg("import.wrong_field_count", {std::to_string(t.m_header.size()), std::to_string(f.size())}), line_no});
            continue;
        }
        t.m_rows.push_back(std::move(f));
        t.m_lines.push_back(line_no);
    }
    if (t.m_header.empty()) return core::fail(core::Error::invalid_input(std::string(core::msg("import.empty_file"))));
    if (!problems.empty()) return core::fail(core::Error::invalid_input(std::string(core::msg("import.file_has_errors")), problems));
    return t;
}

std::optional<std::size_t> CsvRows::column(std::initializer_list<std::string_view> names) const {
    for (std::size_t i = 0; i < m_header.size(); ++i)
        for (auto n : names)
            if (core::to_lower_ascii(m_header[i]) == n) return i;
    return std::nullopt;
}

std::optional<double> CsvRows::number(std::size_t row, std::size_t col) const {
    std::string s = m_rows[row][col];
    if (s.empty() || s == ".") return std::numeric_limits<double>::quiet_NaN();
    if (m_decimal_comma)
        for (auto& c : s)
            if (c == ',') c = '.';
    double v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

}  // namespace gezondin::services
