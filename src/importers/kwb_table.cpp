// CBS kwb-YYYY tables: the CSV form here, the xlsx form in kwb_xlsx.cpp (see table_parsers.h).
#include "importers/kwb_table.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/text.h"
#include "importers/header.h"
#include "importers/import_error.h"
#include "importers/table_builder.h"
#include "importers/table_parsers.h"

namespace gezondin::importers {

namespace {

// "kwb-2023" in a file or sheet name, with its year.
std::optional<std::pair<std::string, int>> kwb_id(std::string_view name) {
    std::string lower = core::to_lower_ascii(name);
    std::size_t at = lower.find("kwb-");
    if (at == std::string::npos || at + 8 > lower.size()) return std::nullopt;
    std::string digits = lower.substr(at + 4, 4);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        return std::nullopt;
    }
    return std::pair{"kwb-" + digits, std::stoi(digits)};
}

core::Result<ColumnPlan> plan_columns(const std::vector<std::string>& header, std::string_view file) {
    static constexpr std::array<std::string_view, 6> attributes = {"gwb_code_8", "gwb_code", "ind_wbi",
                                                                   "pst_mvp",    "pst_dekp", "gm_naam"};
    ColumnPlan plan;
    plan.region = find_column(header, "gwb_code_10");
    if (plan.region < 0) return core::fail(import_error(Problem::MissingColumn, {file, 1, 0, "gwb_code_10"}));
    plan.name = find_column(header, "regio");
    plan.gemeente_name = find_column(header, "gm_naam");
    plan.level = find_column(header, "recs");
    for (int i = 0; i < static_cast<int>(header.size()); ++i) {
        const std::string& name = header[i];
        if (i == plan.region || i == plan.name || i == plan.level) continue;
        if (name.empty()) { plan.unnamed.push_back(i); continue; }
        if (std::find(attributes.begin(), attributes.end(), core::to_lower_ascii(name)) != attributes.end()) continue;
        plan.indicators.push_back({i, IndicatorDef{name, name, "", Direction::Unknown}, ColumnKind::Number});
    }
    return plan;
}

}  // namespace

core::Result<ImportedTable> parse_kwb_records(RecordSource& records, std::vector<std::string> header,
                                              const ParseOptions& options, SourceFormat format,
                                              bool decimal_comma, std::string_view sheet_name) {
    const std::string& file = records.file_name();
    if (auto ok = check_header(header, file, records.line()); !ok) return core::fail(ok.error());
    auto plan = plan_columns(header, file);
    if (!plan) return core::fail(plan.error());
    plan->decimal = decimal_comma ? Decimal::Either : Decimal::Point;
    TableBuilder builder(file, options, format, header, std::move(*plan));
    std::vector<std::string> fields;
    for (;;) {
        auto more = records.next(fields);
        if (!more) return core::fail(more.error());
        if (!*more) break;
        if (std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return core::trim(f).empty(); })) {
            continue;
        }
        if (auto ok = builder.add(fields, records.line()); !ok) return core::fail(ok.error());
    }
    auto id = kwb_id(file);
    if (!id) id = kwb_id(sheet_name);
    std::optional<int> year = id ? std::optional<int>(id->second) : std::nullopt;
    return builder.finish(id ? id->first : file_stem(file), "", year);
}

core::Result<ImportedTable> parse_kwb_csv(std::istream& in, std::string_view file_name, const ParseOptions& options) {
    std::string file(file_name);
    LineSource lines(in, file, options.encoding, options.max_line_bytes);
    auto first = lines.next();
    if (!first) return core::fail(first.error());
    if (!*first) return core::fail(import_error(Problem::NoHeader, {file, 1, 0, ""}));
    char delimiter = (*first)->find(';') != std::string_view::npos ? ';' : ',';
    std::vector<std::string> header;
    if (auto ok = split_csv_line(**first, delimiter, header, file, 1); !ok) return core::fail(ok.error());
    if (auto ok = check_delimiter(header, **first, delimiter, file, 1); !ok) return core::fail(ok.error());
    CsvRecordSource records(lines, delimiter);
    return parse_kwb_records(records, std::move(header), options, SourceFormat::KwbCsv, delimiter == ';', "");
}

}  // namespace gezondin::importers
