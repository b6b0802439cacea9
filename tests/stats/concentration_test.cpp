#include "stats/concentration.h"
#include "stats/similar_areas.h"

#include <cmath>

#include <gtest/gtest.h>

namespace gezondin::stats {
namespace {

// Five equal areas, ranks 0.1 .. 0.9, values 5..1 from poorest to richest:
// mean 3, sum (y - 3)(R - 0.5) / 5 = -0.4, so C = 2 / 3 * -0.4.
TEST(Concentration, HandComputedFiveAreas) {
    std::vector<double> values = {5, 4, 3, 2, 1}, income = {1, 2, 3, 4, 5}, people = {10, 10, 10, 10, 10};
    auto result = concentration_index(values, income, Direction::HigherIsBetter, people);
    ASSERT_TRUE(result);
    EXPECT_NEAR(result->index, -0.8 / 3, 1e-12);
    EXPECT_DOUBLE_EQ(result->gap, 4);
    EXPECT_DOUBLE_EQ(result->ratio, 5);
    auto reversed = concentration_index(values, income, Direction::HigherIsWorse, people);
    EXPECT_NEAR(reversed->index, 0.8 / 3, 1e-12);
}

TEST(Concentration, EqualValuesGiveZero) {
    std::vector<double> values = {2, 2, 2}, income = {3, 1, 2}, people = {5, 10, 20};
    auto result = concentration_index(values, income, Direction::HigherIsBetter, people);
    ASSERT_TRUE(result);
    EXPECT_NEAR(result->index, 0, 1e-15);
}

TEST(Concentration, TooFewAreasIsRefused) {
    std::vector<double> values = {1, std::nan("")}, income = {1, 2}, people = {5, 5};
    EXPECT_FALSE(concentration_index(values, income, Direction::HigherIsBetter, people));
}

SimilarityOptions options(std::size_t k, std::size_t min_shared = 1) {
    SimilarityOptions o;
    o.k = k;
    o.min_shared = min_shared;
    return o;
}

TEST(SimilarAreas, NearestFirstOnZScores) {
    std::vector<std::vector<double>> columns = {{0, 1, 10, 2}, {0, 1, 10, 2}};
    auto found = nearest_areas(columns, 0, {}, options(2));
    ASSERT_TRUE(found);
    ASSERT_EQ(found->size(), 2u);
    EXPECT_EQ((*found)[0].area, 1u);
    EXPECT_EQ((*found)[1].area, 3u);
    EXPECT_LT((*found)[0].distance, (*found)[1].distance);
}

TEST(SimilarAreas, MissingValuesCompareOnSharedIndicatorsOnly) {
    std::vector<std::vector<double>> columns = {{0, 0, 5, 9}, {0, std::nan(""), 5, 9}};
    auto loose = nearest_areas(columns, 0, {}, options(1, 1));
    ASSERT_TRUE(loose);
    EXPECT_EQ((*loose)[0].area, 1u);
    EXPECT_EQ((*loose)[0].shared, 1u);
    auto strict = nearest_areas(columns, 0, {}, options(1, 2));
    ASSERT_TRUE(strict);
    EXPECT_EQ((*strict)[0].area, 2u);
    EXPECT_FALSE(nearest_areas(columns, 9, {}, SimilarityOptions{}));
}

}  // namespace
}  // namespace gezondin::stats
