#include "domain/municipality.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

using namespace gezondin::domain;

TEST(MunicipalityList, ParsesQuotedNamesAndBom) {
    auto r = parse_cbs_municipality_list(
        "\xEF\xBB\xBFGemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam\n"
        "0820,GM0820,\"Nuenen, Gerwen en Nederwetten\",30,PV30,Noord-Brabant\r\n");
    ASSERT_TRUE(r) << r.error().message();
    ASSERT_EQ(r->size(), 1u);
    EXPECT_EQ((*r)[0].name, "Nuenen, Gerwen en Nederwetten");
    EXPECT_EQ((*r)[0].province_code, "PV30");
}

TEST(MunicipalityList, ReportsBadLinesWithNumbers) {
    auto r = parse_cbs_municipality_list(
        "Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam\n"
        "0358,GM0358,Aalsmeer,27,PV27,Noord-Holland\n"
        "bad line\n"
        "0363,XX0363,Amsterdam,27,PV27,Noord-Holland\n");
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().problems().size(), 2u);
    EXPECT_EQ(r.error().problems()[0].line, 3);
    EXPECT_EQ(r.error().problems()[1].line, 4);
}

TEST(MunicipalityList, RejectsOtherFiles) { EXPECT_FALSE(parse_cbs_municipality_list("a;b;c\n1;2;3\n")); }

TEST(MunicipalityList, ReadsRealCbsList2023) {
    const char* dir = std::getenv("GEZONDIN_SHARED_DATA");
    std::ifstream in(std::string(dir ? dir : "") + "/cbs_gemeentelijst/gemeenten-alfabetisch-2023.csv");
    if (!in) GTEST_SKIP() << "../shared/data is absent: real CBS list not available";
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = parse_cbs_municipality_list(ss.str());
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->size(), 342u);
}
