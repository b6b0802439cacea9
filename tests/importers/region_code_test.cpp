#include "importers/region_code.h"

#include <gtest/gtest.h>

namespace gezondin::importers {
namespace {

using stats::AreaLevel;

TEST(RegionCode, PaddingIsRemovedAndLevelFollowsThePrefix) {
    auto gm = normalise_region_code("GM0363    ");
    EXPECT_EQ(gm.kind, RegionKind::Hierarchy);
    EXPECT_EQ(gm.code, "GM0363");
    EXPECT_EQ(gm.level, AreaLevel::Gemeente);
    EXPECT_EQ(normalise_region_code(" wk036300 ").code, "WK036300");
    EXPECT_EQ(normalise_region_code("BU03630000").level, AreaLevel::Buurt);
}

TEST(RegionCode, CountryCodesBecomeNl01) {
    EXPECT_EQ(normalise_region_code("NL00  ").code, "NL01");
    EXPECT_EQ(normalise_region_code("NL01").level, AreaLevel::Land);
}

TEST(RegionCode, AmsterdamLetterCodesSince2022AreAccepted) {
    auto wk = normalise_region_code("WK0363AA  ");
    EXPECT_EQ(wk.kind, RegionKind::Hierarchy);
    EXPECT_EQ(wk.level, AreaLevel::Wijk);
    auto bu = normalise_region_code("BU0363AA01");
    EXPECT_EQ(bu.kind, RegionKind::Hierarchy);
    EXPECT_EQ(parent_code_of(bu.code, bu.level), "WK0363AA");
}

TEST(RegionCode, GgdRegionsAreOtherAndGarbageIsInvalid) {
    EXPECT_EQ(normalise_region_code("GG3406").kind, RegionKind::Other);
    EXPECT_EQ(normalise_region_code("CG01").kind, RegionKind::Other);
    EXPECT_EQ(normalise_region_code("GM036").kind, RegionKind::Invalid);
    EXPECT_EQ(normalise_region_code("GMAB63").kind, RegionKind::Invalid);
    EXPECT_EQ(normalise_region_code("Amsterdam").kind, RegionKind::Invalid);
    EXPECT_EQ(normalise_region_code("").kind, RegionKind::Invalid);
    EXPECT_EQ(normalise_region_code("XX1234").kind, RegionKind::Invalid);
}

TEST(RegionCode, ParentsAreDerivedFromTheCode) {
    EXPECT_EQ(parent_code_of("BU03630000", AreaLevel::Buurt), "WK036300");
    EXPECT_EQ(parent_code_of("WK036300", AreaLevel::Wijk), "GM0363");
    EXPECT_EQ(parent_code_of("GM0363", AreaLevel::Gemeente), "NL01");
    EXPECT_EQ(parent_code_of("NL01", AreaLevel::Land), "");
}

}  // namespace
}  // namespace gezondin::importers
