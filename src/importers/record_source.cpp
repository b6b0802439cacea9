#include "importers/record_source.h"

#include "importers/import_error.h"

namespace gezondin::importers {

core::Status split_csv_line(std::string_view line, char delimiter, std::vector<std::string>& fields,
                            std::string_view file, long line_number) {
    std::size_t count = 0;
    std::size_t i = 0;
    auto field = [&]() -> std::string& {
        if (count == fields.size()) fields.emplace_back();
        std::string& f = fields[count++];
        f.clear();
        return f;
    };
    for (;;) {
        std::string& out = field();
        if (i < line.size() && line[i] == '"') {
            std::size_t start_column = count;
            ++i;
            for (;;) {
                std::size_t q = line.find('"', i);
                if (q == std::string_view::npos) {
                    return core::fail(import_error(Problem::UnbalancedQuote,
                                                   {file, line_number, static_cast<int>(start_column), ""}));
                }
                out.append(line.substr(i, q - i));
                if (q + 1 < line.size() && line[q + 1] == '"') {
                    out.push_back('"');
                    i = q + 2;
                    continue;
                }
                i = q + 1;
                break;
            }
            if (i < line.size() && line[i] != delimiter) {
                char found = line[i];
                if (found == ',' || found == ';' || found == '\t') {  // "a","b" read with ';'
                    std::string name = found == '\t' ? "tab" : std::string(1, found);
                    return core::fail(import_error(Problem::Delimiter, {file, line_number, 0, ""}, name));
                }
                return core::fail(import_error(Problem::UnbalancedQuote,
                                               {file, line_number, static_cast<int>(start_column), ""}));
            }
        } else {
            std::size_t end = line.find(delimiter, i);
            if (end == std::string_view::npos) end = line.size();
            out.assign(line.substr(i, end - i));
            i = end;
        }
        if (i >= line.size()) break;
        ++i;  // the delimiter
    }
    fields.resize(count);
    return {};
}

core::Result<bool> CsvRecordSource::next(std::vector<std::string>& fields) {
    auto line = m_lines.next();
    if (!line) return core::fail(line.error());
    if (!*line) return false;
    m_raw.assign(**line);
    if (auto ok = split_csv_line(m_raw, m_delimiter, fields, m_lines.file_name(), m_lines.line_number()); !ok) {
        return core::fail(ok.error());
    }
    return true;
}

}  // namespace gezondin::importers
