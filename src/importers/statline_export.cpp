// StatLine export CSV (see table_parsers.h).
#include <array>
#include <unordered_set>

#include "core/text.h"
#include "importers/header.h"
#include "importers/import_error.h"
#include "importers/record_source.h"
#include "importers/table_builder.h"
#include "importers/table_parsers.h"

namespace gezondin::importers {

namespace {

constexpr long max_title_lines = 50;

// "Bevolking/Aantal inwoners (aantal)" -> label "Bevolking/Aantal inwoners", unit "aantal".
std::pair<std::string, std::string> split_unit(std::string_view name) {
    name = core::trim(name);
    if (name.empty() || name.back() != ')') return {std::string(name), ""};
    std::size_t open = name.rfind('(');
    if (open == std::string_view::npos) return {std::string(name), ""};
    return {std::string(core::trim(name.substr(0, open))), std::string(core::trim(name.substr(open + 1, name.size() - open - 2)))};
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// Rank of a column as the region code column; 0 = not a code column, higher wins.
int code_rank(std::string_view lower_label) {
    if (contains(lower_label, "codering") || contains(lower_label, "regiocode")) return 5;
    if (contains(lower_label, "buurtcode")) return 4;
    if (contains(lower_label, "wijkcode")) return 3;
    if (contains(lower_label, "gemeentecode")) return 2;
    if (lower_label == "code") return 1;
    return 0;
}

int name_rank(std::string_view lower_label) {
    static constexpr std::array<std::string_view, 7> names = {
        "wijken en buurten", "regio's", "regionaam", "buurtnaam", "wijknaam", "naam", "gemeentenaam"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (lower_label == names[i]) return static_cast<int>(names.size() - i);
    }
    return 0;
}

core::Result<ColumnPlan> plan_columns(const std::vector<std::string>& header, std::string_view file, long line) {
    ColumnPlan plan;
    plan.decimal = Decimal::Either;
    int best_code = 0, best_name = 0;
    std::vector<std::pair<std::string, std::string>> parts;
    for (int i = 0; i < static_cast<int>(header.size()); ++i) {
        parts.push_back(split_unit(header[i]));
        std::string lower = core::to_lower_ascii(parts.back().first);
        if (int rank = code_rank(lower); rank > best_code) { best_code = rank; plan.region = i; }
        if (int rank = name_rank(lower); rank > best_name) { best_name = rank; plan.name = i; }
    }
    if (plan.region < 0) return core::fail(import_error(Problem::NoRegionCodes, {file, line, 0, ""}));
    std::unordered_set<std::string> keys;
    for (int i = 0; i < static_cast<int>(header.size()); ++i) {
        const auto& [label, unit] = parts[i];
        std::string lower = core::to_lower_ascii(label);
        if (i == plan.region || i == plan.name) continue;
        if (header[i].empty()) { plan.unnamed.push_back(i); continue; }
        if (lower == "perioden") { plan.period = i; continue; }
        if (contains(lower, "soort regio")) { plan.level = i; continue; }
        if (contains(lower, "gemeentenaam")) { plan.gemeente_name = i; continue; }
        if (unit == "naam" || unit == "omschrijving" || unit == "code" || contains(lower, "code")) continue;
        std::string key = core::slugify(label);
        for (int n = 2; !keys.insert(key).second; ++n) key = core::slugify(label) + "-" + std::to_string(n);
        plan.indicators.push_back({i, IndicatorDef{key, label, unit, Direction::Unknown}, ColumnKind::Inferred});
    }
    return plan;
}

std::size_t non_empty(const std::vector<std::string>& fields) {
    std::size_t n = 0;
    for (const auto& f : fields) n += core::trim(f).empty() ? 0 : 1;
    return n;
}

bool is_footer(const std::vector<std::string>& fields) {
    std::string first = core::to_lower_ascii(core::trim(fields.empty() ? "" : fields[0]));
    return first.rfind("bron:", 0) == 0 || first.rfind("bron ", 0) == 0;
}

}  // namespace

core::Result<ImportedTable> parse_statline_export(std::istream& in, std::string_view file_name,
                                                  const ParseOptions& options) {
    std::string file(file_name);
    LineSource lines(in, file, options.encoding, options.max_line_bytes);
    CsvRecordSource records(lines, ';');
    std::vector<std::string> header;
    std::string title;
    for (;;) {
        auto got = records.next(header);
        if (!got) return core::fail(got.error());
        if (!*got || records.line() > max_title_lines) {
            return core::fail(import_error(Problem::NoHeader, {file, records.line(), 0, ""}));
        }
        if (auto ok = check_delimiter(header, records.raw_line(), ';', file, records.line()); !ok) {
            // A title line may hold a comma; only a line that splits into fields on it is a header.
            std::vector<std::string> other;
            if (split_csv_line(records.raw_line(), ',', other, file, records.line()) && other.size() > 2) {
                return core::fail(ok.error());
            }
        }
        if (non_empty(header) >= 2 && !core::trim(header[0]).empty()) break;
        for (const auto& f : header) {
            for (std::string_view word : core::split(core::trim(f), ' ')) {
                if (!word.empty()) title += (title.empty() ? "" : " ") + std::string(word);
            }
        }
    }
    long header_line = records.line();
    if (auto ok = check_header(header, file, header_line); !ok) return core::fail(ok.error());
    auto plan = plan_columns(header, file, header_line);
    if (!plan) return core::fail(plan.error());
    TableBuilder builder(file, options, SourceFormat::StatLineExport, header, std::move(*plan));
    std::vector<std::string> fields;
    for (;;) {
        auto more = records.next(fields);
        if (!more) return core::fail(more.error());
        if (!*more || is_footer(fields)) break;
        if (non_empty(fields) == 0) continue;  // blank lines and ";;;" separators
        if (auto ok = builder.add(fields, records.line()); !ok) return core::fail(ok.error());
    }
    std::optional<int> year = year_from_file_name(file_name);
    if (!year) year = year_from_file_name(title);
    std::string table_id = title.empty() ? file_stem(file_name) : title;
    return builder.finish(std::move(table_id), std::move(title), year);
}

}  // namespace gezondin::importers
