// The CBS kwb-YYYY.xlsx download (see table_parsers.h).
#include "importers/import_error.h"
#include "importers/kwb_table.h"
#include "importers/table_parsers.h"
#include "importers/xlsx_sheet.h"

namespace gezondin::importers {

core::Result<ImportedTable> parse_kwb_xlsx(std::istream& in, std::string_view file_name, const ParseOptions& options) {
    std::string file(file_name);
    std::string bytes;
    char chunk[64 * 1024];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > options.max_xlsx_bytes) {
            return core::fail(import_error(Problem::TooManyRows, {file, 0, 0, ""}, std::to_string(options.max_xlsx_bytes)));
        }
    }
    if (in.bad()) return core::fail(import_error(Problem::Unreadable, {file, 0, 0, ""}));
    auto sheet = XlsxSheet::open(bytes, file, options.max_line_bytes);
    if (!sheet) return core::fail(sheet.error());
    std::vector<std::string> header;
    auto got = (*sheet)->next(header);
    if (!got) return core::fail(got.error());
    if (!*got) return core::fail(import_error(Problem::NoHeader, {file, 1, 0, ""}));
    std::string sheet_name = (*sheet)->sheet_name();
    return parse_kwb_records(**sheet, std::move(header), options, SourceFormat::KwbXlsx, false, sheet_name);
}

}  // namespace gezondin::importers
