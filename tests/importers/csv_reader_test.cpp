#include <sstream>

#include <gtest/gtest.h>

#include "importers/line_source.h"
#include "importers/record_source.h"
#include "importers/table_builder.h"

namespace gezondin::importers {
namespace {

std::vector<std::string> lines_of(const std::string& text, Encoding encoding = Encoding::Utf8) {
    std::istringstream in(text);
    LineSource source(in, "t.csv", encoding, 1 << 20);
    std::vector<std::string> out;
    for (;;) {
        auto line = source.next();
        EXPECT_TRUE(line) << line.error().message();
        if (!line || !*line) break;
        out.emplace_back(**line);
    }
    return out;
}

TEST(LineSource, RemovesBomAndCrlfAndKeepsALastLineWithoutNewline) {
    auto lines = lines_of("\xEF\xBB\xBF" "a;b\r\nc;d\r\ne;f");
    EXPECT_EQ(lines, (std::vector<std::string>{"a;b", "c;d", "e;f"}));
}

TEST(LineSource, LinesLongerThanTheChunkAreJoinedCorrectly) {
    std::string longline(200'000, 'x');
    auto lines = lines_of("a\n" + longline + "\nb\n");
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[1], longline);
    EXPECT_EQ(lines[2], "b");
}

TEST(LineSource, StrayBytesAreAnErrorNamingTheLine) {
    std::istringstream in("ok\nFrysl\xC3\xA2n\nS\xFA" "dwest\n");
    LineSource source(in, "t.csv", Encoding::Utf8, 1 << 20);
    EXPECT_TRUE(source.next());
    EXPECT_EQ(**source.next(), "Frysl\xC3\xA2n");
    auto bad = source.next();
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().problems().at(0).line, 3);
}

TEST(LineSource, Latin1IsTranscodedWhenAskedFor) {
    std::istringstream in("S\xFA" "dwest\n\x80\n");
    LineSource source(in, "t.csv", Encoding::Latin1, 1 << 20);
    EXPECT_EQ(**source.next(), "S\xC3\xBA" "dwest");
    EXPECT_EQ(**source.next(), "\xE2\x82\xAC");  // the euro sign of Windows-1252
}

TEST(LineSource, TooLongLineFailsWithoutReadingOn) {
    std::istringstream in(std::string(5000, 'x') + "\nok\n");
    LineSource source(in, "t.csv", Encoding::Utf8, 1000);
    auto line = source.next();
    ASSERT_FALSE(line);
    EXPECT_EQ(line.error().code(), core::ErrorCode::TooLarge);
    EXPECT_EQ(line.error().problems().at(0).line, 1);
}

TEST(SplitCsvLine, QuotesEscapesAndEmptyFields) {
    std::vector<std::string> fields;
    ASSERT_TRUE(split_csv_line(R"("GM0363    ";"a ""b"" c";;12,5;"")", ';', fields, "t", 1));
    EXPECT_EQ(fields, (std::vector<std::string>{"GM0363    ", "a \"b\" c", "", "12,5", ""}));
}

TEST(SplitCsvLine, UnclosedQuoteNamesTheColumn) {
    std::vector<std::string> fields;
    auto ok = split_csv_line(R"("a";"b;c)", ';', fields, "t", 7);
    ASSERT_FALSE(ok);
    EXPECT_EQ(ok.error().problems().at(0).line, 7);
    EXPECT_FALSE(split_csv_line(R"("a"x;b)", ';', fields, "t", 1));
}

TEST(ParseCell, SecretMissingNumbersAndText) {
    EXPECT_EQ(parse_cell("   .", Decimal::Point)->status, stats::ValueStatus::Secret);
    EXPECT_EQ(parse_cell("  ", Decimal::Point)->status, stats::ValueStatus::Missing);
    EXPECT_DOUBLE_EQ(parse_cell("  862965", Decimal::Point)->value, 862965);
    EXPECT_DOUBLE_EQ(parse_cell("-0.100", Decimal::Point)->value, -0.1);
    EXPECT_DOUBLE_EQ(parse_cell("4,8", Decimal::Either)->value, 4.8);
    EXPECT_FALSE(parse_cell("4,8", Decimal::Point));
    EXPECT_FALSE(parse_cell("1.234,5", Decimal::Either));
    EXPECT_FALSE(parse_cell("abc", Decimal::Point));
    EXPECT_FALSE(parse_cell("inf", Decimal::Point));
    EXPECT_FALSE(parse_cell("nan", Decimal::Point));
    EXPECT_FALSE(parse_cell("12a", Decimal::Point));
}

TEST(Years, FromPeriodsAndFileNames) {
    bool provisional = false;
    EXPECT_EQ(year_from_period("2019JJ00"), 2019);
    EXPECT_EQ(year_from_period("2024*", &provisional), 2024);
    EXPECT_TRUE(provisional);
    EXPECT_FALSE(year_from_period("JJ2019"));
    EXPECT_EQ(year_from_file_name("Kerncijfers_wijken_en_buurten_2024_geslachten.csv"), 2024);
    EXPECT_EQ(year_from_file_name("Kerncijfers_2024_11122025_141648.csv"), 2024);
    EXPECT_FALSE(year_from_file_name("den_haag_2021folder_x.csv"));
    EXPECT_FALSE(year_from_file_name("t_2019_2020.csv"));
}

}  // namespace
}  // namespace gezondin::importers
