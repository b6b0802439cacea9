#include "stats/intervals.h"

#include <cmath>

#include <gtest/gtest.h>

#include "csv_fixture.h"
#include "stats/distributions.h"

namespace gezondin::stats {
namespace {

using testing::CsvRow;
using testing::number;

constexpr double tolerance = 1e-9;

void expect_close(double expected, double actual, const std::string& what) {
    EXPECT_NEAR(actual, expected, std::fabs(expected) * tolerance + 1e-15) << what;
}

double confidence_of(const std::string& text) { return std::stod(text.substr(0, text.size() - 1)) / 100; }

class PheIntervalFixture : public ::testing::Test {
protected:
    void SetUp() override {
        auto dir = testing::shared_data_dir();
        if (!dir) GTEST_SKIP() << "../shared/data ontbreekt (GEZONDIN_SHARED_DATA); PHE-testdata overgeslagen.";
        m_dir = *dir;
    }
    std::vector<CsvRow> read(const std::string& name) { return testing::read_csv(testing::phe_file(m_dir, name)); }
    std::filesystem::path m_dir;
};

using Limits = core::Result<Interval> (*)(const CsvRow&, double confidence);

core::Result<Interval> proportion_limits(const CsvRow& row, double confidence) {
    auto interval = wilson_interval(number(row, "Numerator"), number(row, "Denominator"), confidence);
    if (!interval) return interval;
    double m = number(row, "multiplier");
    return Interval{interval->lower * m, interval->upper * m};
}

core::Result<Interval> rate_limits(const CsvRow& row, double confidence) {
    return rate_interval(number(row, "Numerator"), number(row, "Denominator"), confidence, number(row, "multiplier"));
}

// Per-row files: both 95% and 99.8% limits; rows without inputs must be refused.
int check_per_row_file(const std::vector<CsvRow>& rows, Limits limits) {
    int checked = 0;
    for (const auto& row : rows) {
        SCOPED_TRACE(row.at("Area"));
        auto at95 = limits(row, 0.95);
        auto at998 = limits(row, 0.998);
        if (std::isnan(number(row, "value"))) {
            EXPECT_FALSE(at95);
            continue;
        }
        if (!at95 || !at998) {
            ADD_FAILURE() << "geweigerd";
            continue;
        }
        expect_close(number(row, "lower95_0cl"), at95->lower, "lower 95%");
        expect_close(number(row, "upper95_0cl"), at95->upper, "upper 95%");
        expect_close(number(row, "lower99_8cl"), at998->lower, "lower 99.8%");
        expect_close(number(row, "upper99_8cl"), at998->upper, "upper 99.8%");
        ++checked;
    }
    return checked;
}

int check_grouped_file(const std::vector<CsvRow>& rows, Limits limits) {
    int checked = 0;
    for (const auto& row : rows) {
        SCOPED_TRACE(row.at("Area"));
        auto interval = limits(row, confidence_of(row.at("confidence")));
        if (std::isnan(number(row, "value"))) {
            EXPECT_FALSE(interval);
            continue;
        }
        if (!interval) {
            ADD_FAILURE() << interval.error().message();
            continue;
        }
        expect_close(number(row, "lowercl"), interval->lower, "lower");
        expect_close(number(row, "uppercl"), interval->upper, "upper");
        ++checked;
    }
    return checked;
}

TEST_F(PheIntervalFixture, WilsonMatchesProportionFile) {
    EXPECT_EQ(check_per_row_file(read("testdata_Proportion__testdata_Prop.csv"), proportion_limits), 16);
}

TEST_F(PheIntervalFixture, WilsonMatchesGroupedProportionFile) {
    EXPECT_EQ(check_grouped_file(read("testdata_Proportion__testdata_Prop_g.csv"), proportion_limits), 8);
}

TEST_F(PheIntervalFixture, RateLimitsMatchRateFile) {
    EXPECT_EQ(check_per_row_file(read("testdata_Rate__testdata_Rate.csv"), rate_limits), 17);
}

TEST_F(PheIntervalFixture, RateLimitsMatchGroupedRateFile) {
    EXPECT_EQ(check_grouped_file(read("testdata_Rate__testdata_Rate_g.csv"), rate_limits), 9);
}

TEST_F(PheIntervalFixture, ByarsAndWilsonPrimitivesMatch) {
    int checked = 0;
    for (const auto& row : read("testdata_Byars_Wilson__testdata_B_W.csv")) {
        double confidence = confidence_of(row.at("confidence"));
        Interval interval = row.at("method") == "Byars"
                                ? byars_interval(number(row, "x"), confidence)
                                : *wilson_interval(number(row, "x"), number(row, "n"), confidence);
        double lower = number(row, "lowercl");
        if (std::isnan(lower)) {
            EXPECT_TRUE(std::isnan(interval.lower));
        } else {
            expect_close(lower, interval.lower, "lower");
        }
        expect_close(number(row, "uppercl"), interval.upper, "upper");
        ++checked;
    }
    EXPECT_EQ(checked, 13);
}

TEST(Intervals, NormalQuantileHitsKnownValues) {
    EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-14);
    EXPECT_NEAR(normal_quantile(0.001), -3.090232306167813, 1e-13);
    EXPECT_TRUE(std::isnan(normal_quantile(1.0)));
}

// For shape 1 the gamma distribution is exponential: quantile = -ln(1 - p).
TEST(Intervals, GammaQuantileOfShapeOneIsExponential) {
    EXPECT_NEAR(gamma_quantile(1, 0.975), -std::log(0.025), 1e-12);
    EXPECT_NEAR(gamma_quantile(1, 0.3), -std::log(0.7), 1e-12);
}

TEST(Intervals, ZeroEventsHaveLowerLimitZero) {
    auto interval = rate_interval(0, 1000, 0.95, 1000);
    ASSERT_TRUE(interval);
    EXPECT_EQ(interval->lower, 0);
    EXPECT_NEAR(interval->upper, -std::log(0.025), 1e-12);
}

TEST(Intervals, NumeratorAboveDenominatorIsRefused) {
    EXPECT_FALSE(wilson_interval(11, 10, 0.95));
    EXPECT_FALSE(wilson_interval(1, 10, 95));
}

}  // namespace
}  // namespace gezondin::stats
