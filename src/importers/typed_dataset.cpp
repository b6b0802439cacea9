// CBS/RIVM TypedDataSet CSV (see table_parsers.h).
#include <algorithm>
#include <array>
#include <cctype>

#include "core/messages.h"
#include "core/text.h"
#include "importers/header.h"
#include "importers/import_error.h"
#include "importers/record_source.h"
#include "importers/table_builder.h"
#include "importers/table_parsers.h"

namespace gezondin::importers {

namespace {

// "AantalInwoners_5" -> "AantalInwoners"; names without a numeric suffix stay as they are.
std::string_view base_name(std::string_view name, bool* numbered) {
    std::size_t underscore = name.rfind('_');
    bool has = underscore != std::string_view::npos && underscore + 1 < name.size();
    for (std::size_t i = has ? underscore + 1 : name.size(); i < name.size(); ++i) {
        has = has && std::isdigit(static_cast<unsigned char>(name[i]));
    }
    *numbered = has;
    return has ? name.substr(0, underscore) : name;
}

// "AantalInwoners" -> "Aantal inwoners": a readable first label; editors refine it later.
std::string label_from_key(std::string_view base) {
    std::string out;
    for (std::size_t i = 0; i < base.size(); ++i) {
        char c = base[i];
        bool upper = std::isupper(static_cast<unsigned char>(c));
        if (c == '_') c = ' ';
        if (upper && i > 0 && !std::isupper(static_cast<unsigned char>(base[i - 1])) && base[i - 1] != '_') {
            out.push_back(' ');
        }
        out.push_back(upper && !out.empty() ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c);
    }
    return out;
}

bool is_total(std::string_view value) {
    static constexpr std::array<std::string_view, 4> totals = {"T009002", "MW00000", "T001038", "10000"};
    value = core::trim(value);
    for (auto t : totals) {
        if (value == t) return true;
    }
    return false;
}

struct Plan {
    ColumnPlan columns;
    std::vector<int> filters;
};

core::Result<Plan> plan_columns(const std::vector<std::string>& header, std::string_view file) {
    static constexpr std::array<std::string_view, 6> attributes = {
        "Gemeentenaam", "SoortRegio", "Codering", "IndelingswijzigingWijkenEnBuurten",
        "MeestVoorkomendePostcode", "Dekkingspercentage"};
    Plan plan;
    plan.columns.region = find_column(header, "WijkenEnBuurten");
    if (plan.columns.region < 0) plan.columns.region = find_column(header, "RegioS");
    if (plan.columns.region < 0) {
        return core::fail(import_error(Problem::MissingColumn, {file, 1, 0, "WijkenEnBuurten"}));
    }
    for (int i = 0; i < static_cast<int>(header.size()); ++i) {
        const std::string& name = header[i];
        bool numbered = false;
        std::string_view base = base_name(name, &numbered);
        if (i == plan.columns.region || name == "ID") continue;
        if (name.empty()) { plan.columns.unnamed.push_back(i); continue; }
        if (name == "Perioden") { plan.columns.period = i; continue; }
        if (std::find(attributes.begin(), attributes.end(), base) != attributes.end()) {
            if (base == "Gemeentenaam") plan.columns.gemeente_name = i;
            if (base == "SoortRegio") plan.columns.level = i;
            continue;
        }
        if (!numbered) { plan.filters.push_back(i); continue; }
        plan.columns.indicators.push_back({i, IndicatorDef{name, label_from_key(base), "", Direction::Unknown},
                                           ColumnKind::Number});
    }
    return plan;
}

}  // namespace

core::Result<ImportedTable> parse_typed_dataset(std::istream& in, std::string_view file_name,
                                                const ParseOptions& options) {
    std::string file(file_name);
    LineSource lines(in, file, options.encoding, options.max_line_bytes);
    CsvRecordSource records(lines, ';');
    std::vector<std::string> header;
    auto got = records.next(header);
    if (!got) return core::fail(got.error());
    if (!*got) return core::fail(import_error(Problem::NoHeader, {file, 1, 0, ""}));
    if (auto ok = check_delimiter(header, records.raw_line(), ';', file, 1); !ok) return core::fail(ok.error());
    if (auto ok = check_header(header, file, 1); !ok) return core::fail(ok.error());
    auto plan = plan_columns(header, file);
    if (!plan) return core::fail(plan.error());
    std::vector<int> filters = plan->filters;
    int region = plan->columns.region;
    TableBuilder builder(file, options, SourceFormat::TypedDataSet, header, std::move(plan->columns));
    std::vector<std::string> fields;
    for (;;) {
        auto more = records.next(fields);
        if (!more) return core::fail(more.error());
        if (!*more) break;
        if (fields.size() == 1 && core::trim(fields[0]).empty()) continue;  // a blank line
        bool keep = true;
        for (int f : filters) {
            if (fields.size() != header.size() || is_total(fields[f])) continue;
            builder.skip(records.line(), std::string(core::trim(fields[region])),
                         core::msg("importers.skipped_filter", {header[f], core::trim(fields[f])}));
            keep = false;
            break;
        }
        if (!keep) continue;
        if (auto ok = builder.add(fields, records.line()); !ok) return core::fail(ok.error());
    }
    std::optional<std::string> table_id = cbs_table_id(file_name);
    std::optional<int> year = table_id ? known_table_year(*table_id) : std::nullopt;
    if (!year) year = year_from_file_name(file_name);
    return builder.finish(table_id.value_or(file_stem(file_name)), "", year);
}

}  // namespace gezondin::importers
