// Contract tests of MunicipalityStore.

#include <gtest/gtest.h>

#include "backend.h"

namespace gezondin::storage {
namespace {

using domain::Municipality;

GEZONDIN_CONTRACT_SUITE(MunicipalityContract);

TEST_P(MunicipalityContract, UpsertCountsNewAndChangedRows) {
    std::vector<Municipality> list = {
        {"GM0363", "Amsterdam", "PV27", "Noord-Holland"},
        {"GM0518", "'s-Gravenhage", "PV28", "Zuid-Holland"},
        {"GM1900", "Súdwest-Fryslân", "PV21", "Fryslân"},
    };
    EXPECT_EQ(db().upsert_municipalities(list).value(), 3);
    EXPECT_EQ(db().upsert_municipalities(list).value(), 0);
    list[0].name = "Amsterdam (gewijzigd)";
    list.push_back({"GM0014", "Groningen", "PV20", "Groningen"});
    EXPECT_EQ(db().upsert_municipalities(list).value(), 2);
    EXPECT_EQ(db().municipality("GM0363").value(), list[0]);
    EXPECT_EQ(db().upsert_municipalities({}).value(), 0);
}

TEST_P(MunicipalityContract, ListsByNameBytewise) {
    ASSERT_TRUE(db().upsert_municipalities({
        {"GM0599", "Rotterdam", "PV28", "Zuid-Holland"},
        {"GM0518", "'s-Gravenhage", "PV28", "Zuid-Holland"},
        {"GM0363", "Amsterdam", "PV27", "Noord-Holland"},
        {"GM1900", "Súdwest-Fryslân", "PV21", "Fryslân"},
    }));
    auto all = db().municipalities().value();
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[0].name, "'s-Gravenhage");
    EXPECT_EQ(all[1].name, "Amsterdam");
    EXPECT_EQ(all[2].name, "Rotterdam");
    EXPECT_EQ(all[3].name, "Súdwest-Fryslân");
}

TEST_P(MunicipalityContract, UnknownCodeIsNotFound) {
    auto missing = db().municipality("GM9999");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), core::ErrorCode::NotFound);
    EXPECT_TRUE(db().municipalities().value().empty());
}

TEST_P(MunicipalityContract, SameCodeTwiceInOneBatchKeepsTheLast) {
    EXPECT_EQ(db().upsert_municipalities({{"GM0363", "Amsterdam", "PV27", "Noord-Holland"},
                                          {"GM0363", "Amsterdam-Noord", "PV27", "Noord-Holland"}})
                  .value(),
              2);
    EXPECT_EQ(db().municipality("GM0363")->name, "Amsterdam-Noord");
    EXPECT_EQ(db().municipalities().value().size(), 1u);
}

}  // namespace
}  // namespace gezondin::storage
