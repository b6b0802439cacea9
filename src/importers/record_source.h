#pragma once
// RecordSource: rows of text fields, one at a time, whatever the file format. CsvRecordSource
// splits the lines of a LineSource on a delimiter with CSV quoting ("a;b" and "" for a quote).
// CBS files never put a line break inside a field, so a quote still open at the end of a line
// is an error (a truncated or malformed file), never a reason to read on: that keeps memory
// bounded and makes a cut-off file fail at the line where it was cut.

#include <string>
#include <vector>

#include "core/error.h"
#include "importers/line_source.h"

namespace gezondin::importers {

class RecordSource {
public:
    virtual ~RecordSource() = default;
    // Reads the next record into `fields` (reusing its strings); false at the end.
    [[nodiscard]] virtual core::Result<bool> next(std::vector<std::string>& fields) = 0;
    // Line (or sheet row) of the record last read, 1-based.
    virtual long line() const = 0;
    virtual const std::string& file_name() const = 0;
};

class CsvRecordSource final : public RecordSource {
public:
    CsvRecordSource(LineSource& lines, char delimiter) : m_lines(lines), m_delimiter(delimiter) {}

    [[nodiscard]] core::Result<bool> next(std::vector<std::string>& fields) override;
    long line() const override { return m_lines.line_number(); }
    const std::string& file_name() const override { return m_lines.file_name(); }
    // The raw text of the last line, for diagnostics such as the delimiter check.
    const std::string& raw_line() const { return m_raw; }

private:
    LineSource& m_lines;
    char m_delimiter;
    std::string m_raw;
};

// Splits one line. Fails with UnbalancedQuote when a quoted field does not close, and when a
// closing quote is followed by something other than the delimiter (Delimiter when that is
// another common separator, as in "a","b" split on ';').
[[nodiscard]] core::Status split_csv_line(std::string_view line, char delimiter, std::vector<std::string>& fields,
                                          std::string_view file, long line_number);

}  // namespace gezondin::importers
