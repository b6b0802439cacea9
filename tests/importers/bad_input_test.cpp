// Bad input: every import stops with an error that names the line and the column, and nothing
// is half-imported (a parser returns a whole table or an error). Tests check codes, lines and
// fields, never the Dutch texts.
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "core/messages.h"

#include "importers/import_error.h"
#include "test_support.h"

namespace gezondin::importers {
namespace {

using core::ErrorCode;
using testing::parse_text;
using testing::where;
using testing::Where;

const std::string typed_header = "ID;WijkenEnBuurten;SoortRegio_2;Perioden;AantalInwoners_5;Mannen_6\n";

std::string typed(const std::string& rows) { return typed_header + rows; }

core::Error failure(const std::string& text, const std::string& name = "84583NED_TypedDataSet.csv",
                    const ParseOptions& options = {}) {
    auto table = parse_text(text, name, options);
    EXPECT_FALSE(table) << "expected an error for " << name;
    return table ? core::Error::internal("no error") : table.error();
}

TEST(BadInput, CommaInsteadOfSemicolonIsNamed) {
    auto error = failure("ID,WijkenEnBuurten,AantalInwoners_5\n1,GM0363,5\n");
    EXPECT_EQ(error.code(), ErrorCode::InvalidInput);
    EXPECT_EQ(where(error), (Where{1, ""}));
    auto exported = failure("\"Naam\",\"Code\",\"Inwoners (aantal)\"\nA,GM0001,5\n", "export.csv");
    EXPECT_EQ(where(exported), (Where{1, ""}));
}

TEST(BadInput, Latin1BytesAreRefusedWithTheLineOrTranscodedOnRequest) {
    std::string text = "\"Naam\";\"Code\";\"Inwoners (aantal)\"\n\"Ameland\";\"GM0060\";3800\n\"S\xFA" "dwest\";\"GM1900\";90000\n";
    auto error = failure(text, "gebieden_2019.csv");
    EXPECT_EQ(error.code(), ErrorCode::InvalidInput);
    EXPECT_EQ(where(error), (Where{3, ""}));
    ParseOptions latin1;
    latin1.encoding = Encoding::Latin1;
    auto table = parse_text(text, "gebieden_2019.csv", latin1);
    ASSERT_TRUE(table) << table.error().message();
    EXPECT_EQ(table->rows[1].name, "S\xC3\xBA" "dwest");
}

TEST(BadInput, MissingRegionColumnIsNamed) {
    std::istringstream in("ID;Gemeenten;AantalInwoners_5\n1;GM0363;5\n");
    auto table = parse_typed_dataset(in, "84583NED.csv");
    ASSERT_FALSE(table);
    EXPECT_EQ(where(table.error()), (Where{1, "WijkenEnBuurten"}));
    std::istringstream kwb("regio,a_inw\nUtrecht,5\n");
    auto other = parse_kwb_csv(kwb, "kwb-2023.csv");
    ASSERT_FALSE(other);
    EXPECT_EQ(where(other.error()), (Where{1, "gwb_code_10"}));
}

TEST(BadInput, DuplicateColumnIsNamed) {
    auto error = failure("ID;WijkenEnBuurten;AantalInwoners_5;AantalInwoners_5\n1;GM0363;5;5\n");
    EXPECT_EQ(where(error), (Where{1, "AantalInwoners_5"}));
}

TEST(BadInput, UnknownRegionCodeNamesLineAndColumn) {
    auto error = failure(typed("1;GM0363;Gemeente;2019JJ00;5;2\n2;XX036300;Wijk;2019JJ00;5;2\n"));
    EXPECT_EQ(where(error), (Where{3, "WijkenEnBuurten"}));
}

TEST(BadInput, DuplicateRegionCodeNamesTheSecondLine) {
    auto error = failure(typed("1;GM0363;Gemeente;2019JJ00;5;2\n2;WK036300;Wijk;2019JJ00;5;2\n3;GM0363  ;Gemeente;2019JJ00;5;2\n"));
    EXPECT_EQ(error.code(), ErrorCode::InvalidInput);
    EXPECT_EQ(where(error), (Where{4, "WijkenEnBuurten"}));
}

TEST(BadInput, RegionTypeThatContradictsTheCode) {
    auto error = failure(typed("1;GM0363;Wijk;2019JJ00;5;2\n"));
    EXPECT_EQ(where(error), (Where{2, "SoortRegio_2"}));
}

TEST(BadInput, TextInANumberColumn) {
    auto error = failure(typed("1;GM0363;Gemeente;2019JJ00;5;2\n2;WK036300;Wijk;2019JJ00;5;twee\n"));
    EXPECT_EQ(where(error), (Where{3, "Mannen_6"}));
    std::string exported = "\"Regio's\";\"Codering (code)\";\"Inwoners (aantal)\"\n\"A\";\"GM0001\";12\n\"B\";\"GM0002\";veel\n";
    EXPECT_EQ(where(failure(exported, "export_2024.csv")), (Where{3, "Inwoners (aantal)"}));
}

TEST(BadInput, MixedYearsAreRefused) {
    auto error = failure(typed("1;GM0363;Gemeente;2019JJ00;5;2\n2;WK036300;Wijk;2020JJ00;5;2\n"));
    EXPECT_EQ(where(error), (Where{3, "Perioden"}));
    ParseOptions other_year;
    other_year.year = 2021;
    auto conflict = failure(typed("1;GM0363;Gemeente;2019JJ00;5;2\n"), "84583NED.csv", other_year);
    EXPECT_EQ(where(conflict), (Where{2, "Perioden"}));
}

TEST(BadInput, UnknownYearIsRefusedUnlessGiven) {
    std::string text = "ID;WijkenEnBuurten;AantalInwoners_5\n1;GM0518;5\n";
    EXPECT_EQ(failure(text, "marginal_distributions.csv").code(), ErrorCode::InvalidInput);
    ParseOptions options;
    options.year = 2021;
    auto table = parse_text(text, "marginal_distributions.csv", options);
    ASSERT_TRUE(table);
    EXPECT_EQ(table->year, 2021);
}

TEST(BadInput, TruncatedLastLineIsRefused) {
    auto cut = failure(typed("1;GM0363;Gemeente;2019JJ00;5;2\n2;WK036300;Wijk;2019"));
    EXPECT_EQ(where(cut), (Where{3, ""}));
    auto quote = failure("\"ID\";\"WijkenEnBuurten\";\"AantalInwoners_5\"\n\"1\";\"GM0363\";\"5\"\n\"2\";\"WK0363");
    EXPECT_EQ(where(quote), (Where{3, ""}));
}

TEST(BadInput, ValuesUnderAColumnWithoutNameAreRefused) {
    std::string text = "Gemeentecode;Regionaam;;\n;;x 1000 euro;%\nGM0014;Groningen;25,6;59,5\n";
    auto error = failure(text, "kvk2020-wb2023.csv");
    EXPECT_EQ(where(error), (Where{2, ""}));
}

TEST(BadInput, ExportWithoutRegionCodesIsRefused) {
    std::string text = "\"Wijken en buurten\";\"Bevolking/Aantal inwoners (aantal)\"\n\"Nederland\";17942942\n";
    auto error = failure(text, "Kerncijfers_2024.csv");
    EXPECT_EQ(error.code(), ErrorCode::InvalidInput);
    EXPECT_EQ(where(error), (Where{1, ""}));
}

TEST(BadInput, EmptyFilesAndHeaderOnly) {
    EXPECT_EQ(failure("", "x.csv").code(), ErrorCode::InvalidInput);
    EXPECT_EQ(failure(typed_header).code(), ErrorCode::InvalidInput);
    EXPECT_EQ(failure("\xFF\xFE" "I\0D\0", "x.csv").code(), ErrorCode::InvalidInput);
}

TEST(BadInput, MissingFileIsNotFound) {
    auto table = parse_table_file("/nonexistent/84583NED.csv");
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code(), ErrorCode::NotFound);
}

TEST(BadInput, EveryProblemHasADutchText) {
    for (int p = 0; p <= static_cast<int>(Problem::MissingParent); ++p) {
        EXPECT_TRUE(core::has_msg(problem_key(static_cast<Problem>(p)))) << problem_key(static_cast<Problem>(p));
    }
    for (const char* key : {"importers.at_file", "importers.at_line", "importers.at_column",
                            "importers.skipped_region_type", "importers.skipped_filter", "importers.missing_parent_of"}) {
        EXPECT_TRUE(core::has_msg(key)) << key;
    }
}

}  // namespace
}  // namespace gezondin::importers
