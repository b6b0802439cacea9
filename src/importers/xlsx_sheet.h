#pragma once
// Reading the first worksheet of an xlsx package with libzip: the shared strings are loaded
// whole (they are needed for every row), the worksheet XML is inflated in chunks of 64 KB and
// handed out row by row as a RecordSource, so a large sheet keeps memory bounded. Cells hold
// text as shown in the file: shared and inline strings, numbers as written. A row's missing
// cells are empty fields; rows after the first are padded to the width of the first.
// Internal to the importers. Not thread-safe; one package per import.

#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "importers/record_source.h"

namespace gezondin::importers {

class XlsxSheet final : public RecordSource {
public:
    // Opens the package in `bytes` (which must outlive the sheet) and its first worksheet.
    [[nodiscard]] static core::Result<std::unique_ptr<XlsxSheet>> open(const std::string& bytes, std::string file_name,
                                                                       std::size_t max_row_bytes);
    ~XlsxSheet() override;

    [[nodiscard]] core::Result<bool> next(std::vector<std::string>& fields) override;
    long line() const override { return m_row; }
    const std::string& file_name() const override { return m_file; }
    const std::string& sheet_name() const { return m_sheet_name; }

    XlsxSheet(const XlsxSheet&) = delete;
    XlsxSheet& operator=(const XlsxSheet&) = delete;

private:
    struct Zip;
    XlsxSheet(std::unique_ptr<Zip> zip, std::string file_name, std::size_t max_row_bytes);
    core::Status load_workbook();
    core::Status load_shared_strings();
    core::Result<std::string> read_entry(const std::string& name, std::size_t limit, bool required);
    core::Status parse_row(std::string_view xml, std::vector<std::string>& fields);
    core::Error damaged(std::string_view detail) const;
    bool fill();

    std::unique_ptr<Zip> m_zip;
    std::string m_file;
    std::size_t m_max_row;
    std::string m_sheet_name;
    std::string m_sheet_path;
    std::vector<std::string> m_shared;
    std::string m_buffer;
    std::size_t m_pos = 0;
    bool m_eof = false;
    long m_row = 0;
    std::size_t m_width = 0;
};

}  // namespace gezondin::importers
