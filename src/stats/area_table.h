#pragma once
// AreaTable: indicator values per area, in columns, with the area hierarchy
// Nederland (Land) > gemeente > wijk > buurt for one year.
//
// Rows are areas in the order they were added. Every indicator is a column of doubles
// plus a status per row; a value that is not there is NaN and says why (Secret: CBS or our
// own disclosure control hid it; Missing: never delivered). Codes are CBS codes such as
// NL01, GM0363, WK036300, BU03630000. A table holds one year only, so years never mix.
// Not thread-safe for writes; concurrent reads are fine.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace gezondin::stats {

enum class AreaLevel : std::uint8_t { Land, Gemeente, Wijk, Buurt };

enum class ValueStatus : std::uint8_t {
    Value,    // a usable number
    Secret,   // hidden for privacy ("geheim"); the number is NaN
    Missing,  // not delivered; the number is NaN
};

struct AreaInfo {
    std::string code;
    AreaLevel level = AreaLevel::Buurt;
    std::string parent_code;  // empty for a root: the country, or the top of a partial table
    double population = 0;    // NaN when unknown
};

// One indicator over all rows. values[i] is NaN unless status[i] == Value.
struct Column {
    std::vector<double> values;
    std::vector<ValueStatus> status;
};

class AreaTable {
public:
    explicit AreaTable(int year) : m_year(year) {}

    int year() const { return m_year; }
    std::size_t size() const { return m_codes.size(); }

    // Adds an area. Fails on a duplicate code, an unknown parent (parents are added before
    // their children), or a parent whose level is not exactly one step up.
    [[nodiscard]] core::Result<std::size_t> add_area(const AreaInfo& area);

    // Adds an indicator column with every value Missing. Fails when the key exists.
    [[nodiscard]] core::Status add_indicator(const std::string& key);

    // Sets a value (Value status; NaN becomes Missing) or marks it Secret/Missing.
    [[nodiscard]] core::Status set_value(const std::string& key, std::size_t row, double value);
    [[nodiscard]] core::Status set_status(const std::string& key, std::size_t row, ValueStatus status);

    [[nodiscard]] core::Result<const Column*> column(const std::string& key) const;
    std::vector<std::string> indicator_keys() const;

    std::optional<std::size_t> find(const std::string& code) const;
    const std::string& code(std::size_t row) const { return m_codes[row]; }
    AreaLevel level(std::size_t row) const { return m_levels[row]; }
    std::optional<std::size_t> parent(std::size_t row) const;
    std::span<const double> populations() const { return m_populations; }

    // Direct children, in insertion order.
    std::span<const std::size_t> children(std::size_t row) const { return m_children[row]; }
    // Parent, grandparent, ... up to the country; empty for the root.
    std::vector<std::size_t> parent_chain(std::size_t row) const;
    // All rows of one level below (or at) an ancestor, e.g. every buurt of a gemeente.
    std::vector<std::size_t> descendants_at(std::size_t ancestor, AreaLevel level) const;
    std::vector<std::size_t> rows_at(AreaLevel level) const;

private:
    static constexpr std::size_t no_parent = static_cast<std::size_t>(-1);

    int m_year;
    std::vector<std::string> m_codes;
    std::vector<AreaLevel> m_levels;
    std::vector<std::size_t> m_parents;
    std::vector<double> m_populations;
    std::vector<std::vector<std::size_t>> m_children;
    std::unordered_map<std::string, std::size_t> m_index;
    std::vector<std::string> m_keys;
    std::unordered_map<std::string, Column> m_columns;
};

}  // namespace gezondin::stats
