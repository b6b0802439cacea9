#include "stats/disclosure.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace gezondin::stats {
namespace {

struct Tree {
    AreaTable table{2024};
    Column counts;
};

void add(Tree& t, const AreaInfo& area, double count) {
    ASSERT_TRUE(t.table.add_area(area));
    t.counts.values.push_back(count);
    t.counts.status.push_back(ValueStatus::Value);
}

Tree one_gemeente(std::vector<double> wijk_counts, std::vector<double> wijk_population) {
    Tree t;
    double total = 0;
    for (double c : wijk_counts) total += c;
    add(t, {"GM0001", AreaLevel::Gemeente, "", 10000}, total);
    for (std::size_t i = 0; i < wijk_counts.size(); ++i) {
        add(t, {"WK00010" + std::to_string(i), AreaLevel::Wijk, "GM0001", wijk_population[i]}, wijk_counts[i]);
    }
    return t;
}

TEST(Disclosure, OneSmallCountHidesTheNextSmallestSiblingToo) {
    Tree t = one_gemeente({50, 45, 5, 60}, {900, 900, 900, 900});
    Column out = apply_disclosure(t.table, t.counts, DisclosureRules{});
    EXPECT_EQ(out.status[0], ValueStatus::Value);
    EXPECT_EQ(out.status[3], ValueStatus::Secret);  // 5 < 10
    EXPECT_EQ(out.status[2], ValueStatus::Secret);  // 45: the smallest visible sibling
    EXPECT_EQ(out.status[1], ValueStatus::Value);
    EXPECT_TRUE(std::isnan(out.values[2]));
}

TEST(Disclosure, SmallAreasAreHiddenEvenForNonAdditiveValues) {
    Tree t = one_gemeente({50, 45, 60}, {900, 30, 900});
    DisclosureRules rules;
    rules.additivity = Additivity::NotAdditive;
    Column out = apply_disclosure(t.table, t.counts, rules);
    EXPECT_EQ(out.status[2], ValueStatus::Secret);
    EXPECT_EQ(out.status[1], ValueStatus::Value);  // no complementary suppression
}

// Random three-level trees: afterwards no visible count is small, no visible parent has
// exactly one hidden child, and no hidden parent equals the sum of visible children.
TEST(Disclosure, RandomTreesLeaveNoOneEquationRoute) {
    std::mt19937_64 rng(5);
    std::uniform_int_distribution<int> count(0, 60), fanout(1, 6), people(0, 400);
    for (int round = 0; round < 50; ++round) {
        Tree t;
        add(t, {"GM0001", AreaLevel::Gemeente, "", 10000}, 0);
        for (int w = 0, wijken = fanout(rng); w < wijken; ++w) {
            std::string wk = "WK0001" + std::to_string(10 + w);
            add(t, {wk, AreaLevel::Wijk, "GM0001", 1000}, 0);
            std::size_t wijk_row = t.table.size() - 1;
            for (int b = 0, buurten = fanout(rng); b < buurten; ++b) {
                add(t, {"BU" + wk.substr(2) + std::to_string(10 + b), AreaLevel::Buurt, wk, double(people(rng))}, count(rng));
                t.counts.values[wijk_row] += t.counts.values.back();
            }
            t.counts.values[0] += t.counts.values[wijk_row];
        }
        Column out = apply_disclosure(t.table, t.counts, DisclosureRules{});
        for (std::size_t row = 0; row < t.table.size(); ++row) {
            if (out.status[row] == ValueStatus::Value) {
                EXPECT_GE(out.values[row], 10);
                EXPECT_GE(t.table.populations()[row], 50);
            }
            auto children = t.table.children(row);
            if (children.empty()) continue;
            int hidden = 0;
            for (auto c : children) hidden += out.status[c] == ValueStatus::Secret ? 1 : 0;
            if (out.status[row] == ValueStatus::Value) {
                EXPECT_NE(hidden, 1) << t.table.code(row);
            } else {
                EXPECT_GT(hidden, 0) << t.table.code(row);
            }
        }
    }
}

}  // namespace
}  // namespace gezondin::stats
