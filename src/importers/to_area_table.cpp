#include "importers/to_area_table.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "core/messages.h"
#include "core/text.h"
#include "importers/import_error.h"
#include "importers/region_code.h"

namespace gezondin::importers {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t max_listed = 20;

bool ends_with_ci(std::string_view text, std::string_view tail) {
    if (text.size() < tail.size()) return false;
    return core::to_lower_ascii(text.substr(text.size() - tail.size())) == core::to_lower_ascii(tail);
}

struct Area {
    std::string code;
    stats::AreaLevel level;
    std::string parent;
    std::optional<std::size_t> row;  // nullopt for a placeholder
};

int depth(stats::AreaLevel level) { return static_cast<int>(level); }

}  // namespace

std::optional<std::size_t> population_indicator(const ImportedTable& table, std::string_view wanted) {
    if (!wanted.empty()) {
        for (std::size_t i = 0; i < table.indicators.size(); ++i) {
            if (table.indicators[i].key == wanted || table.indicators[i].label == wanted) return i;
        }
        return std::nullopt;
    }
    for (std::string_view key : {"AantalInwoners_5", "a_inw"}) {
        if (auto i = table.find_indicator(key)) return i;
    }
    for (std::string_view tail : {"Aantal inwoners", "Totale bevolking", "Inwonertal"}) {
        for (std::size_t i = 0; i < table.indicators.size(); ++i) {
            if (ends_with_ci(table.indicators[i].label, tail)) return i;
        }
    }
    return std::nullopt;
}

core::Result<stats::AreaTable> to_area_table(const ImportedTable& table, const AreaTableOptions& options) {
    std::optional<std::size_t> population = population_indicator(table, options.population);
    if (!options.population.empty() && !population) {
        return core::fail(import_error(Problem::MissingColumn, {table.source_file, 0, 0, options.population}));
    }
    std::array<bool, 4> level_present{};
    std::unordered_set<std::string> present;
    for (const ImportedRow& row : table.rows) {
        level_present[depth(row.level)] = true;
        present.insert(row.code);
    }
    std::vector<Area> areas;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const ImportedRow& row = table.rows[i];
        bool parent_level = row.level != stats::AreaLevel::Land && level_present[depth(row.level) - 1];
        areas.push_back({row.code, row.level, parent_level ? row.parent_code : "", i});
    }
    // Walk up from every area; a parent on a present level that the file lacks is missing.
    std::vector<std::string> missing;
    std::vector<core::FieldProblem> problems;
    for (std::size_t i = 0; i < areas.size(); ++i) {
        const Area area = areas[i];
        if (area.parent.empty() || present.count(area.parent)) continue;
        present.insert(area.parent);
        missing.push_back(area.parent);
        long line = area.row ? table.rows[*area.row].line : 0;
        if (problems.size() < max_listed) problems.push_back({area.parent, core::msg("importers.missing_parent_of", {area.code}), line});
        auto level = static_cast<stats::AreaLevel>(depth(area.level) - 1);
        bool grand = level != stats::AreaLevel::Land && level_present[depth(level) - 1];
        areas.push_back({area.parent, level, grand ? parent_code_of(area.parent, level) : "", std::nullopt});
    }
    if (!missing.empty() && options.missing_parent == MissingParent::Fail) {
        std::string list;
        for (std::size_t i = 0; i < missing.size() && i < max_listed; ++i) list += (i ? ", " : "") + missing[i];
        if (missing.size() > max_listed) list += ", ...";
        std::string message = core::msg("importers.at_file", {table.source_file}) + " " +
                              core::msg("importers.missing_parent", {list, std::to_string(missing.size())});
        return core::fail(core::Error::invalid_input(std::move(message), std::move(problems)));
    }
    std::stable_sort(areas.begin(), areas.end(),
                     [](const Area& a, const Area& b) { return depth(a.level) < depth(b.level); });
    stats::AreaTable out(table.year);
    std::vector<std::optional<std::size_t>> target(table.rows.size());
    for (const Area& area : areas) {
        double people = nan;
        if (area.row && population) {
            const stats::Column& column = table.columns[*population];
            if (column.status[*area.row] == stats::ValueStatus::Value) people = column.values[*area.row];
        }
        auto added = out.add_area({area.code, area.level, area.parent, people});
        if (!added) return core::fail(added.error());
        if (area.row) target[*area.row] = *added;
    }
    for (std::size_t k = 0; k < table.indicators.size(); ++k) {
        const std::string& key = table.indicators[k].key;
        if (auto ok = out.add_indicator(key); !ok) return core::fail(ok.error());
        const stats::Column& column = table.columns[k];
        for (std::size_t i = 0; i < table.rows.size(); ++i) {
            if (column.status[i] == stats::ValueStatus::Missing) continue;  // new columns start Missing
            auto ok = column.status[i] == stats::ValueStatus::Value ? out.set_value(key, *target[i], column.values[i])
                                                                    : out.set_status(key, *target[i], column.status[i]);
            if (!ok) return core::fail(ok.error());
        }
    }
    return out;
}

}  // namespace gezondin::importers
