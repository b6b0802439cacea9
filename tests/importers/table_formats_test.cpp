// The happy path of every format on small synthetic files, and format detection.
#include <cmath>

#include <gtest/gtest.h>

#include "test_support.h"

namespace gezondin::importers {
namespace {

using testing::parse_text;
using stats::ValueStatus;

const std::string typed_amsterdam =
    "\xEF\xBB\xBF\"ID\";\"WijkenEnBuurten\";\"Gemeentenaam_1\";\"SoortRegio_2\";\"AantalInwoners_5\";"
    "\"GemiddeldeHuishoudensgrootte_32\"\r\n"
    "\"1\";\"GM0363    \";\"Amsterdam   \";\"Gemeente  \";\"  862965\";\"     1.8\"\r\n"
    "\"2\";\"WK036300  \";\"Amsterdam   \";\"Wijk      \";\"    4295\";\"       .\"\r\n"
    "\"3\";\"BU03630000\";\"Amsterdam   \";\"Buurt     \";\"    1000\";\"\"\r\n";

TEST(TypedDataSet, ReadsCodesValuesSecretsAndMissing) {
    auto table = parse_text(typed_amsterdam, "84583NED_TypedDataSet.csv");
    ASSERT_TRUE(table) << table.error().message();
    EXPECT_EQ(table->format, SourceFormat::TypedDataSet);
    EXPECT_EQ(table->table_id, "84583NED");
    EXPECT_EQ(table->year, 2019);
    ASSERT_EQ(table->rows.size(), 3u);
    EXPECT_EQ(table->rows[0].code, "GM0363");
    EXPECT_EQ(table->rows[0].name, "Amsterdam");
    EXPECT_EQ(table->rows[2].parent_code, "WK036300");
    ASSERT_EQ(table->indicators.size(), 2u);
    EXPECT_EQ(table->indicators[0].key, "AantalInwoners_5");
    EXPECT_EQ(table->indicators[0].label, "Aantal inwoners");
    EXPECT_EQ(table->indicators[0].direction, Direction::Unknown);
    const auto& size = table->columns[1];
    EXPECT_DOUBLE_EQ(size.values[0], 1.8);
    EXPECT_EQ(size.status[1], ValueStatus::Secret);
    EXPECT_EQ(size.status[2], ValueStatus::Missing);
    EXPECT_TRUE(std::isnan(size.values[2]));
}

TEST(TypedDataSet, FilterColumnsKeepTotalsAndReportTheRest) {
    std::string text =
        "ID;Persoonskenmerken;Marges;RegioS;Perioden;Roker_1\n"
        "0;T009002;MW00000;NL01  ;2022JJ00;20.1\n"
        "1;T009002;MW00001;NL01  ;2022JJ00;19.0\n"
        "2;53105  ;MW00000;NL01  ;2022JJ00;25.0\n"
        "3;T009002;MW00000;GG3406;2022JJ00;21.0\n"
        "4;T009002;MW00000;GM0363;2022JJ00;\n";
    auto table = parse_text(text, "50120NED_TypedDataSet.csv");
    ASSERT_TRUE(table) << table.error().message();
    EXPECT_EQ(table->year, 2022);
    ASSERT_EQ(table->rows.size(), 2u);
    ASSERT_EQ(table->skipped.size(), 3u);
    EXPECT_EQ(table->skipped[0].line, 3);
    EXPECT_EQ(table->skipped[2].code, "GG3406");
    EXPECT_EQ(table->columns[0].status[1], ValueStatus::Missing);
}

TEST(TypedDataSet, ManySkippedRowsAreCountedButListedOnlyUpToAThousand) {
    std::string text = "ID;Persoonskenmerken;RegioS;Roker_1\n0;T009002;GM0363;20\n";
    for (int i = 1; i <= 5000; ++i) text += std::to_string(i) + ";53105;GM0363;" + std::to_string(i) + "\n";
    auto table = parse_text(text, "50120NED.csv");
    ASSERT_TRUE(table) << table.error().message();
    EXPECT_EQ(table->rows.size(), 1u);
    EXPECT_EQ(table->skipped_total, 5000u);
    EXPECT_EQ(table->skipped.size(), 1000u);
}

TEST(StatLineExport, TitleLinesUnitsDecimalCommasAndFooter) {
    std::string text =
        "\xEF\xBB\xBF" "Tabel 1. Voorbeeld per wijk, 2023;;;\r\n"
        ";;;\r\n"
        "\"Wijken en buurten\";\"Regiocode (gemeente, wijk, buurt) (code)\";\"Bevolking/Aantal inwoners (aantal)\";"
        "\"Huishoudens/Gemiddelde grootte (aantal)\"\r\n"
        "\"Amsterdam\";\"GM0363    \";862965;1,8\r\n"
        "\"Burgwallen\";\"WK036300  \";4295;\r\n"
        ";;;\r\n"
        "Bron: CBS;;;\r\n";
    auto table = parse_text(text, "Voorbeeld_11122025_141648.csv");
    ASSERT_TRUE(table) << table.error().message();
    EXPECT_EQ(table->format, SourceFormat::StatLineExport);
    EXPECT_EQ(table->title, "Tabel 1. Voorbeeld per wijk, 2023");
    EXPECT_EQ(table->year, 2023);
    ASSERT_EQ(table->indicators.size(), 2u);
    EXPECT_EQ(table->indicators[0].key, "bevolking-aantal-inwoners");
    EXPECT_EQ(table->indicators[0].unit, "aantal");
    EXPECT_EQ(table->indicators[1].label, "Huishoudens/Gemiddelde grootte");
    EXPECT_DOUBLE_EQ(table->columns[1].values[0], 1.8);
    EXPECT_EQ(table->columns[1].status[1], ValueStatus::Missing);
    EXPECT_EQ(table->rows[1].name, "Burgwallen");
}

TEST(StatLineExport, TextColumnsAreNotIndicatorsAndPeriodsGiveTheYear) {
    std::string text =
        "\"Perioden\";\"Regio's\";\"Codering (code)\";\"Provincie\";\"Inwoners (aantal)\"\n"
        "\"2024*\";\"Utrecht\";\"GM0344\";\"Utrecht\";374238\n"
        "\"2024*\";\"Zwolle\";\"GM0193\";\"Overijssel\";133810\n";
    auto table = parse_text(text, "x.csv");
    ASSERT_TRUE(table) << table.error().message();
    EXPECT_EQ(table->year, 2024);
    EXPECT_TRUE(table->provisional);
    ASSERT_EQ(table->indicators.size(), 1u);
    EXPECT_EQ(table->indicators[0].key, "inwoners");
}

TEST(KwbCsv, ShortNamesCommaOrSemicolon) {
    std::string comma = "gwb_code_10,gwb_code_8,regio,gm_naam,recs,gwb_code,ind_wbi,a_inw,g_hhgro\n"
                        "GM0344,0344,Utrecht,Utrecht,Gemeente,GM0344,1,367947,1.9\n"
                        "BU03440111,03440111,\"Welgelegen, Den Hommel\",Utrecht,Buurt,BU03440111,1,1810,.\n";
    auto table = parse_text(comma, "kwb-2023.csv");
    ASSERT_TRUE(table) << table.error().message();
    EXPECT_EQ(table->format, SourceFormat::KwbCsv);
    EXPECT_EQ(table->table_id, "kwb-2023");
    EXPECT_EQ(table->year, 2023);
    EXPECT_EQ(table->rows[1].name, "Welgelegen, Den Hommel");
    ASSERT_EQ(table->indicators.size(), 2u);
    EXPECT_EQ(table->columns[1].status[1], ValueStatus::Secret);
    std::string semicolon = "gwb_code_10;regio;recs;a_inw;g_hhgro\nGM0344;Utrecht;Gemeente;367947;1,9\n";
    auto other = parse_text(semicolon, "kwb-2023.csv");
    ASSERT_TRUE(other) << other.error().message();
    EXPECT_DOUBLE_EQ(other->columns[1].values[0], 1.9);
}

TEST(DetectFormat, ChoosesByContent) {
    EXPECT_EQ(detect_format("\xEF\xBB\xBF\"ID\";\"WijkenEnBuurten\";\"A_1\"\n", "x.csv").format, SourceFormat::TypedDataSet);
    EXPECT_EQ(detect_format("ID;Persoonskenmerken;Marges;RegioS;A_1\n", "x.csv").format, SourceFormat::TypedDataSet);
    EXPECT_EQ(detect_format("gwb_code_10,gwb_code_8,regio\n", "x.csv").format, SourceFormat::KwbCsv);
    EXPECT_EQ(detect_format(std::string("PK\x03\x04", 4) + "rest", "x.xlsx").format, SourceFormat::KwbXlsx);
    EXPECT_EQ(detect_format("\"Perioden\";\"Regio's\"\n", "x.csv").format, SourceFormat::StatLineExport);
    EXPECT_EQ(detect_format("{\"type\":\"FeatureCollection\"}", "x.geojson").format, SourceFormat::Unknown);
    EXPECT_EQ(detect_format("\xFF\xFEG\0M\0", "x.csv").format, SourceFormat::Unknown);
    EXPECT_EQ(detect_format("", "x.csv").format, SourceFormat::Unknown);
}

TEST(DetectFormat, UnknownFormatIsAnErrorWithAReason) {
    auto table = parse_text("{\"type\":\"Topology\"}", "buurt.json");
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code(), core::ErrorCode::InvalidInput);
    EXPECT_FALSE(detect_format("[1,2]", "x.json").reason.empty());
}

}  // namespace
}  // namespace gezondin::importers
