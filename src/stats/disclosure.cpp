#include "stats/disclosure.h"

#include <cmath>

namespace gezondin::stats {
namespace {

void hide(Column& c, std::size_t row) {
    c.status[row] = ValueStatus::Secret;
    c.values[row] = std::nan("");
}

void primary(const AreaTable& table, const DisclosureRules& rules, Column& c) {
    auto population = table.populations();
    for (std::size_t row = 0; row < c.values.size(); ++row) {
        if (c.status[row] != ValueStatus::Value) continue;
        bool small_area = !(population[row] >= rules.min_population);
        bool small_count = rules.additivity == Additivity::Additive && c.values[row] < rules.min_count;
        if (small_area || small_count) hide(c, row);
    }
}

// The smallest visible value among the children; `original` keeps the value of rows hidden
// in this pass, which the comparison still needs.
bool hide_smallest_visible(std::span<const std::size_t> children, const std::vector<double>& original, Column& c) {
    std::size_t best = children.size();
    for (std::size_t k = 0; k < children.size(); ++k) {
        std::size_t row = children[k];
        if (c.status[row] != ValueStatus::Value) continue;
        if (best == children.size() || original[row] < original[children[best]]) best = k;
    }
    if (best == children.size()) return false;
    hide(c, children[best]);
    return true;
}

bool complementary_pass(const AreaTable& table, const std::vector<double>& original, Column& c) {
    bool changed = false;
    for (std::size_t parent = 0; parent < table.size(); ++parent) {
        auto children = table.children(parent);
        if (children.empty()) continue;
        int secret = 0;
        for (std::size_t row : children) secret += c.status[row] == ValueStatus::Secret ? 1 : 0;
        bool parent_visible = c.status[parent] == ValueStatus::Value;
        bool parent_secret = c.status[parent] == ValueStatus::Secret;
        if ((parent_visible && secret == 1) || (parent_secret && secret == 0)) {
            changed = hide_smallest_visible(children, original, c) || changed;
        }
    }
    return changed;
}

}  // namespace

Column apply_disclosure(const AreaTable& table, const Column& column, const DisclosureRules& rules) {
    Column c = column;
    primary(table, rules, c);
    if (rules.additivity == Additivity::NotAdditive) return c;
    while (complementary_pass(table, column.values, c)) {
    }
    return c;
}

}  // namespace gezondin::stats
