#include "importers/table_builder.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <limits>

#include "core/messages.h"
#include "core/text.h"
#include "importers/region_code.h"

namespace gezondin::importers {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t max_listed_skips = 1000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Cell> parse_cell(std::string_view text, Decimal decimal) {
    text = core::trim(text);
    if (text.empty()) return Cell{nan, stats::ValueStatus::Missing};
    if (text == ".") return Cell{nan, stats::ValueStatus::Secret};
    if (text.front() == '+') text.remove_prefix(1);
    if (text.empty() || text.size() > 64) return std::nullopt;
    char first = text.front() == '-' && text.size() > 1 ? text[1] : text.front();
    if (!is_digit(first) && first != '.' && first != ',') return std::nullopt;  // no inf or nan
    char buffer[64];
    std::size_t comma = text.find(',');
    if (comma != std::string_view::npos) {
        if (decimal != Decimal::Either || text.find('.') != std::string_view::npos ||
            text.find(',', comma + 1) != std::string_view::npos) {
            return std::nullopt;
        }
        text.copy(buffer, text.size());
        buffer[comma] = '.';
        text = std::string_view(buffer, text.size());
    }
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return Cell{value, stats::ValueStatus::Value};
}

std::optional<int> year_from_period(std::string_view text, bool* provisional) {
    text = core::trim(text);
    if (text.size() < 4 || !std::all_of(text.begin(), text.begin() + 4, is_digit)) return std::nullopt;
    if (text.size() > 4 && is_digit(text[4])) return std::nullopt;
    int year = std::stoi(std::string(text.substr(0, 4)));
    if (year < 1900 || year > 2100) return std::nullopt;
    if (provisional) *provisional = text.find('*') != std::string_view::npos;
    return year;
}

std::optional<int> year_from_file_name(std::string_view name) {
    std::size_t slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::optional<int> found;
    std::size_t i = 0;
    while (i < name.size()) {
        if (!is_digit(name[i])) { ++i; continue; }
        std::size_t j = i;
        while (j < name.size() && is_digit(name[j])) ++j;
        bool alone = (i == 0 || !std::isalpha(static_cast<unsigned char>(name[i - 1]))) &&
                     (j == name.size() || !std::isalpha(static_cast<unsigned char>(name[j])));
        if (j - i == 4 && alone) {
            int year = std::stoi(std::string(name.substr(i, 4)));
            if (year >= 1990 && year <= 2099) {
                if (found && *found != year) return std::nullopt;
                found = year;
            }
        }
        i = j;
    }
    return found;
}

TableBuilder::TableBuilder(std::string file, const ParseOptions& options, SourceFormat format,
                           std::vector<std::string> header, ColumnPlan plan)
    : m_file(std::move(file)), m_options(options), m_format(format), m_header(std::move(header)),
      m_plan(std::move(plan)), m_dropped(m_plan.indicators.size(), false),
      m_decided(m_plan.indicators.size(), false), m_columns(m_plan.indicators.size()) {}

core::Error TableBuilder::error(Problem problem, long line, int column, std::string_view detail) const {
    std::string_view field;
    if (column >= 0 && static_cast<std::size_t>(column) < m_header.size()) field = m_header[column];
    return import_error(problem, {m_file, line, column + 1, field}, detail);
}

void TableBuilder::skip(long line, std::string code, std::string reason) {
    ++m_skipped_total;
    if (m_skipped.size() >= max_listed_skips) return;  // a count is enough beyond this
    m_skipped.push_back({line, std::move(code), std::move(reason)});
}

core::Status TableBuilder::note_period(std::string_view text, long line) {
    bool provisional = false;
    auto year = year_from_period(text, &provisional);
    if (!year) return core::fail(error(Problem::UnknownYear, line, m_plan.period, core::trim(text)));
    if (m_year && *m_year != *year) {
        return core::fail(error(Problem::MixedYears, line, m_plan.period,
                                std::to_string(*m_year) + ", " + std::to_string(*year)));
    }
    if (!m_year) m_year_line = line;
    m_year = year;
    m_provisional = m_provisional || provisional;
    return {};
}

core::Status TableBuilder::add(const std::vector<std::string>& fields, long line) {
    if (fields.size() != m_header.size()) {
        return core::fail(import_error(Problem::FieldCount, {m_file, line, 0, ""},
                                       std::to_string(fields.size()) + " / " + std::to_string(m_header.size())));
    }
    for (int column : m_plan.unnamed) {
        if (!core::trim(fields[column]).empty()) {
            return core::fail(error(Problem::UnnamedColumn, line, column, core::trim(fields[column])));
        }
    }
    RegionCode region = normalise_region_code(fields[m_plan.region]);
    if (region.kind == RegionKind::Other) {
        skip(line, region.code, core::msg("importers.skipped_region_type", {region.code}));
        return {};
    }
    if (region.kind == RegionKind::Invalid) {
        return core::fail(error(Problem::UnknownRegion, line, m_plan.region, core::trim(fields[m_plan.region])));
    }
    if (m_plan.level >= 0) {
        auto stated = level_from_word(fields[m_plan.level]);
        if (stated && *stated != region.level) {
            return core::fail(error(Problem::LevelMismatch, line, m_plan.level, core::trim(fields[m_plan.level])));
        }
    }
    if (m_plan.period >= 0) {
        if (auto ok = note_period(fields[m_plan.period], line); !ok) return ok;
    }
    if (m_rows.size() >= m_options.max_rows ||
        (m_rows.size() + 1) * m_plan.indicators.size() > m_options.max_cells) {
        return core::fail(import_error(Problem::TooManyRows, {m_file, line, 0, ""},
                                       std::to_string(m_options.max_rows)));
    }
    auto [it, fresh] = m_index.emplace(region.code, m_rows.size());
    if (!fresh) return core::fail(error(Problem::DuplicateRegion, line, m_plan.region, region.code));
    if (auto ok = add_values(fields, line); !ok) {
        m_index.erase(it);
        return ok;
    }
    ImportedRow row;
    row.level = region.level;
    row.parent_code = parent_code_of(region.code, region.level);
    row.code = std::move(region.code);
    if (m_plan.name >= 0) row.name = core::trim(fields[m_plan.name]);
    else if (m_plan.gemeente_name >= 0 && row.level == stats::AreaLevel::Gemeente)
        row.name = core::trim(fields[m_plan.gemeente_name]);
    row.line = line;
    m_rows.push_back(std::move(row));
    return {};
}

core::Status TableBuilder::add_values(const std::vector<std::string>& fields, long line) {
    for (std::size_t i = 0; i < m_plan.indicators.size(); ++i) {
        const PlannedIndicator& planned = m_plan.indicators[i];
        stats::Column& column = m_columns[i];
        if (m_dropped[i]) continue;
        auto cell = parse_cell(fields[planned.column], m_plan.decimal);
        if (!cell) {
            if (planned.kind == ColumnKind::Number || m_decided[i]) {
                return core::fail(error(Problem::NotANumber, line, planned.column, core::trim(fields[planned.column])));
            }
            m_dropped[i] = true;  // a text column, e.g. a name or a category
            column = {};
            continue;
        }
        if (cell->status == stats::ValueStatus::Value) m_decided[i] = true;
        column.values.push_back(cell->value);
        column.status.push_back(cell->status);
    }
    return {};
}

core::Result<ImportedTable> TableBuilder::finish(std::string table_id, std::string title,
                                                 std::optional<int> fallback_year) {
    if (m_rows.empty()) return core::fail(import_error(Problem::NoRows, {m_file, 0, 0, ""}));
    ImportedTable table;
    if (m_year && m_options.year && *m_options.year != *m_year) {
        return core::fail(error(Problem::MixedYears, m_year_line, m_plan.period,
                                std::to_string(*m_year) + ", " + std::to_string(*m_options.year)));
    }
    std::optional<int> year = m_year ? m_year : m_options.year ? m_options.year : fallback_year;
    if (!year) return core::fail(import_error(Problem::UnknownYear, {m_file, 0, 0, ""}));
    for (std::size_t i = 0; i < m_plan.indicators.size(); ++i) {
        if (m_dropped[i]) continue;
        table.indicators.push_back(std::move(m_plan.indicators[i].def));
        table.columns.push_back(std::move(m_columns[i]));
    }
    if (table.indicators.empty()) return core::fail(import_error(Problem::NoIndicators, {m_file, 1, 0, ""}));
    table.source_file = m_file;
    table.format = m_format;
    table.table_id = std::move(table_id);
    table.title = std::move(title);
    table.year = *year;
    table.provisional = m_provisional;
    table.rows = std::move(m_rows);
    table.skipped = std::move(m_skipped);
    table.skipped_total = m_skipped_total;
    return table;
}

}  // namespace gezondin::importers
