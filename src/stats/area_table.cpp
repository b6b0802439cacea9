#include "stats/area_table.h"

#include <cmath>

namespace gezondin::stats {
namespace {

core::Error invalid(std::string message) { return core::Error::invalid_input(std::move(message)); }

}  // namespace

core::Result<std::size_t> AreaTable::add_area(const AreaInfo& area) {
    if (area.code.empty()) return core::fail(invalid("Een gebied heeft geen code."));
    if (m_index.contains(area.code)) return core::fail(invalid("De gebiedscode " + area.code + " komt twee keer voor."));
    std::size_t parent = no_parent;
    if (!area.parent_code.empty()) {
        auto found = find(area.parent_code);
        if (!found) return core::fail(core::Error::not_found("Bovenliggend gebied", area.parent_code));
        if (static_cast<int>(m_levels[*found]) + 1 != static_cast<int>(area.level)) {
            return core::fail(invalid("Gebied " + area.code + " hoort niet direct onder " + area.parent_code + "."));
        }
        parent = *found;
    }
    std::size_t row = m_codes.size();
    m_codes.push_back(area.code);
    m_levels.push_back(area.level);
    m_parents.push_back(parent);
    m_populations.push_back(area.population);
    m_children.emplace_back();
    if (parent != no_parent) m_children[parent].push_back(row);
    m_index.emplace(area.code, row);
    for (auto& [key, column] : m_columns) {
        column.values.push_back(std::nan(""));
        column.status.push_back(ValueStatus::Missing);
    }
    return row;
}

core::Status AreaTable::add_indicator(const std::string& key) {
    if (m_columns.contains(key)) return core::fail(invalid("De indicator " + key + " bestaat al."));
    m_keys.push_back(key);
    m_columns.emplace(key, Column{std::vector<double>(size(), std::nan("")),
                                  std::vector<ValueStatus>(size(), ValueStatus::Missing)});
    return {};
}

core::Status AreaTable::set_value(const std::string& key, std::size_t row, double value) {
    auto status = set_status(key, row, std::isnan(value) ? ValueStatus::Missing : ValueStatus::Value);
    if (status && !std::isnan(value)) m_columns.at(key).values[row] = value;
    return status;
}

core::Status AreaTable::set_status(const std::string& key, std::size_t row, ValueStatus status) {
    auto it = m_columns.find(key);
    if (it == m_columns.end()) return core::fail(core::Error::not_found("Indicator", key));
    if (row >= size()) return core::fail(invalid("Rij " + std::to_string(row) + " bestaat niet."));
    it->second.status[row] = status;
    if (status != ValueStatus::Value) it->second.values[row] = std::nan("");
    return {};
}

core::Result<const Column*> AreaTable::column(const std::string& key) const {
    auto it = m_columns.find(key);
    if (it == m_columns.end()) return core::fail(core::Error::not_found("Indicator", key));
    return &it->second;
}

std::vector<std::string> AreaTable::indicator_keys() const { return m_keys; }

std::optional<std::size_t> AreaTable::find(const std::string& code) const {
    auto it = m_index.find(code);
    if (it == m_index.end()) return std::nullopt;
    return it->second;
}

std::optional<std::size_t> AreaTable::parent(std::size_t row) const {
    if (m_parents[row] == no_parent) return std::nullopt;
    return m_parents[row];
}

std::vector<std::size_t> AreaTable::parent_chain(std::size_t row) const {
    std::vector<std::size_t> chain;
    for (std::size_t p = m_parents[row]; p != no_parent; p = m_parents[p]) chain.push_back(p);
    return chain;
}

std::vector<std::size_t> AreaTable::descendants_at(std::size_t ancestor, AreaLevel level) const {
    std::vector<std::size_t> found;
    std::vector<std::size_t> stack = {ancestor};
    while (!stack.empty()) {
        std::size_t row = stack.back();
        stack.pop_back();
        if (m_levels[row] == level) {
            found.push_back(row);
            continue;
        }
        for (auto it = m_children[row].rbegin(); it != m_children[row].rend(); ++it) stack.push_back(*it);
    }
    return found;
}

std::vector<std::size_t> AreaTable::rows_at(AreaLevel level) const {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < size(); ++i) {
        if (m_levels[i] == level) rows.push_back(i);
    }
    return rows;
}

}  // namespace gezondin::stats
