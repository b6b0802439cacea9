#include "services/stats_tools/stats_tools.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace gezondin;

TEST(StatsToolsSii, CsvWithDutchHeadersAndDecimalCommas) {
    auto rows = services::parse_sii_csv("kwantiel;bevolking;waarde;standaardfout\n1;100;10,5;0,5\n2;100;12;0,5\n3;100;14;0,4\n");
    ASSERT_TRUE(rows) << rows.error().message();
    ASSERT_EQ(rows->size(), 3u);
    EXPECT_DOUBLE_EQ((*rows)[0].value, 10.5);
    EXPECT_DOUBLE_EQ((*rows)[2].standard_error, 0.4);
}

TEST(StatsToolsSii, ReportsEveryBadCell) {
    auto rows = services::parse_sii_csv("quantile,population,value\n1,100,x\n1.5,abc,3\n");
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().problems().size(), 3u);
    EXPECT_FALSE(services::parse_sii_csv("quantile,value\n1,2\n"));   // population column missing
}

// The first block of the PHE test file, computed through the CSV path, gives its SII.
TEST(StatsToolsSii, MatchesPheDefaultBlockThroughCsv) {
    const char* dir = std::getenv("GEZONDIN_SHARED_DATA");
    std::ifstream in(std::string(dir ? dir : "") + "/phe_indicatormethods/csv_from_xlsx/testdata_SII__testdata_SII.csv");
    if (!in) GTEST_SKIP() << "../shared/data is absent: PHE test data not available";
    std::string header, line, csv = "quantile,population,value,lower_cl,upper_cl\n";
    std::getline(in, header);
    double expected_sii = NAN;
    std::string block;   // description and groups of the first block: one area's deciles
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
        if (f.size() < 16) continue;
        std::string key = f[1] + "|" + f[2] + "|" + f[3] + "|" + f[4];
        if (block.empty()) block = key;
        if (key != block) continue;
        if (std::isnan(expected_sii) && !f[15].empty()) expected_sii = std::stod(f[15]);
        csv += f[5] + "," + f[6] + "," + f[8] + "," + f[10] + "," + f[11] + "\n";
    }
    auto rows = services::parse_sii_csv(csv);
    ASSERT_TRUE(rows) << rows.error().message();
    stats::SiiOptions options;
    options.repetitions = 0;
    auto result = stats::compute_sii(*rows, options);
    ASSERT_TRUE(result) << result.error().message();
    EXPECT_NEAR(result->sii, expected_sii, 1e-9);
}

TEST(StatsToolsSii, JsonRequestAndAnswer) {
    auto req = services::parse_sii_json(R"({"value_type":"mean","repetitions":200,"confidence":[0.95,0.998],
        "rows":[{"quantile":1,"population":100,"value":70,"standard_error":1},
                {"quantile":2,"population":100,"value":74,"standard_error":1},
                {"quantile":3,"population":100,"value":78,"standard_error":1}]})");
    ASSERT_TRUE(req) << req.error().message();
    auto result = stats::compute_sii(req->rows, req->options).value();
    auto j = nlohmann::json::parse(services::sii_result_json(*req, result));
    EXPECT_NEAR(j["sii"].get<double>(), 12.0, 1e-9);   // 4 more per third of the population: 12 over the whole range
    EXPECT_EQ(j["limits"].size(), 2u);
    EXPECT_NE(j["explanation"].get<std::string>().find("hoger"), std::string::npos);
}

TEST(StatsToolsSii, JsonRejectsBadInput) {
    for (const char* body : {"[]", "{\"rows\": []}", "{\"value_type\":\"x\",\"rows\":[{}]}",
                             "{\"repetitions\": -1, \"rows\": [{\"quantile\": 1}]}", "not json"}) {
        auto r = services::parse_sii_json(body);
        EXPECT_FALSE(r) << body;
        if (!r) {
            EXPECT_EQ(r.error().code(), core::ErrorCode::InvalidInput);
        }
    }
}

TEST(StatsToolsAllocation, CsvToCentsThatAddUp) {
    auto req = services::parse_allocation_csv("code;bevolking;behoefte\nBU01;1000;1,5\nBU02;500;3\nBU03;2000;\n");
    ASSERT_TRUE(req) << req.error().message();
    req->params.budget_cents = 100000000;   // 1 million euros
    req->params.universal_share = 0.4;
    stats::AllocationInput input{req->population, req->need, req->previous};
    auto result = stats::allocate(input, req->params).value();
    auto j = nlohmann::json::parse(services::allocation_result_json(*req, result));
    EXPECT_EQ(j["total_cents"], 100000000);
    EXPECT_EQ(j["missing_need"].size(), 1u);
    EXPECT_EQ(j["missing_need"][0], "BU03");
    auto csv = services::allocation_result_csv(*req, result);
    EXPECT_EQ(csv.rfind("code,euros,euros_per_inhabitant\n", 0), 0u);
}

TEST(StatsToolsAllocation, JsonRejectsBadInput) {
    EXPECT_FALSE(services::parse_allocation_json(R"({"budget": -5, "areas": [{"code":"a","population":1,"need":1}]})"));
    EXPECT_FALSE(services::parse_allocation_json(R"({"budget": 10, "areas": [{"population":1,"need":1}]})"));
    EXPECT_FALSE(services::parse_allocation_json(R"({"budget": 10, "missing_need": "x", "areas": [{"code":"a","population":1,"need":1}]})"));
    auto ok = services::parse_allocation_json(R"({"budget": 10.5, "areas": [{"code":"a","population":1,"need":1}]})");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->params.budget_cents, 1050);
}
