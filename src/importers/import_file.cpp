#include "importers/import_file.h"

#include <fstream>

#include "core/messages.h"
#include "core/text.h"
#include "importers/import_error.h"
#include "importers/table_parsers.h"

namespace gezondin::importers {

namespace {

constexpr std::size_t detect_bytes = 4096;

std::string_view first_line(std::string_view text) {
    std::size_t end = text.find('\n');
    return end == std::string_view::npos ? text : text.substr(0, end);
}

bool is_typed_dataset_header(std::string_view line) {
    std::string lower = core::to_lower_ascii(line);
    bool starts_with_id = lower.rfind("id;", 0) == 0 || lower.rfind("\"id\";", 0) == 0 ||
                          lower.rfind("id,", 0) == 0 || lower.rfind("\"id\",", 0) == 0;
    bool region = line.find("WijkenEnBuurten") != std::string_view::npos ||
                  line.find("RegioS") != std::string_view::npos;
    return starts_with_id && region;
}

}  // namespace

Detection detect_format(std::string_view head, std::string_view file_name) {
    if (head.rfind("PK\x03\x04", 0) == 0) return {SourceFormat::KwbXlsx, ""};
    if (head.rfind("\xFF\xFE", 0) == 0 || head.rfind("\xFE\xFF", 0) == 0) {
        return {SourceFormat::Unknown, core::msg("importers.detect_utf16", {})};
    }
    if (head.rfind("\xEF\xBB\xBF", 0) == 0) head.remove_prefix(3);
    if (head.find('\0') != std::string_view::npos) return {SourceFormat::Unknown, core::msg("importers.detect_binary", {})};
    std::string_view start = core::trim(head);
    if (!start.empty() && (start.front() == '{' || start.front() == '[')) {
        return {SourceFormat::Unknown, core::msg("importers.detect_json", {})};
    }
    std::string_view line = first_line(head);
    if (line.find("gwb_code") != std::string_view::npos) return {SourceFormat::KwbCsv, ""};
    if (is_typed_dataset_header(line)) return {SourceFormat::TypedDataSet, ""};
    if (head.empty()) return {SourceFormat::Unknown, core::msg("importers.detect_empty", {})};
    (void)file_name;
    return {SourceFormat::StatLineExport, ""};
}

core::Result<ImportedTable> parse_table_stream(std::istream& in, std::string_view file_name, const ParseOptions& options) {
    std::string head(detect_bytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return core::fail(import_error(Problem::Unreadable, {file_name, 0, 0, ""}));
    in.clear();
    in.seekg(0);
    if (!in) return core::fail(import_error(Problem::Unreadable, {file_name, 0, 0, ""}));
    Detection detection = detect_format(head, file_name);
    switch (detection.format) {
    case SourceFormat::TypedDataSet: return parse_typed_dataset(in, file_name, options);
    case SourceFormat::KwbCsv: return parse_kwb_csv(in, file_name, options);
    case SourceFormat::KwbXlsx: return parse_kwb_xlsx(in, file_name, options);
    case SourceFormat::StatLineExport: return parse_statline_export(in, file_name, options);
    case SourceFormat::Unknown: break;
    }
    return core::fail(import_error(Problem::UnknownFormat, {file_name, 0, 0, ""}, detection.reason));
}

core::Result<ImportedTable> parse_table_file(const std::filesystem::path& path, const ParseOptions& options) {
    std::string name = path.filename().string();
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::fail(import_error(Problem::Unreadable, {name, 0, 0, ""}, path.string()));
    return parse_table_stream(in, name, options);
}

}  // namespace gezondin::importers
