// kwb xlsx: packages built here with libzip (shared and inline strings, numbers, gaps), and
// damaged packages that must fail cleanly.
#include <zip.h>

#include <gtest/gtest.h>

#include "test_support.h"

namespace gezondin::importers {
namespace {

using testing::parse_text;

std::string make_xlsx(const std::vector<std::pair<std::string, std::string>>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    zip_source_keep(buffer);
    for (const auto& [name, text] : entries) {
        zip_source_t* s = zip_source_buffer(archive, text.data(), text.size(), 0);
        zip_file_add(archive, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    }
    zip_close(archive);
    zip_source_open(buffer);
    zip_source_seek(buffer, 0, SEEK_END);
    auto size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    std::string out(static_cast<std::size_t>(size), '\0');
    zip_source_read(buffer, out.data(), size);
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return out;
}

const std::string workbook =
    R"(<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="kwb-2023" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const std::string rels =
    R"(<Relationships><Relationship Id="rId1" Type="ws" Target="worksheets/sheet1.xml"/></Relationships>)";
const std::string shared =
    R"(<sst><si><t>gwb_code_10</t></si><si><t>regio</t></si><si><t>a_inw</t></si>)"
    R"(<si><r><t>Welgelegen, </t></r><r><t>Den &amp; Hommel</t></r></si><si><t>.</t></si></sst>)";

std::string sheet(const std::string& rows) {
    return R"(<worksheet><sheetData>)" + rows + R"(</sheetData></worksheet>)";
}

const std::string header_row = R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>p_hh_li</t></is></c></row>)";

TEST(KwbXlsx, SharedInlineNumbersAndGaps) {
    std::string rows = header_row +
        R"(<row r="2"><c r="A2" t="inlineStr"><is><t>GM0344</t></is></c><c r="B2" t="str"><v>Utrecht</v></c><c r="C2"><v>367947</v></c><c r="D2"><v>2.2999999999999998</v></c></row>)"
        R"(<row r="3"><c r="A3" t="inlineStr"><is><t>BU03440111</t></is></c><c r="B3" t="s"><v>3</v></c><c r="D3" t="s"><v>4</v></c></row>)";
    std::string bytes = make_xlsx({{"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels},
                                   {"xl/sharedStrings.xml", shared}, {"xl/worksheets/sheet1.xml", sheet(rows)}});
    auto table = parse_text(bytes, "CBS-kwb.xlsx");
    ASSERT_TRUE(table) << table.error().message();
    EXPECT_EQ(table->format, SourceFormat::KwbXlsx);
    EXPECT_EQ(table->table_id, "kwb-2023");  // from the sheet name
    EXPECT_EQ(table->year, 2023);
    ASSERT_EQ(table->rows.size(), 2u);
    EXPECT_EQ(table->rows[1].name, "Welgelegen, Den & Hommel");
    EXPECT_EQ(table->rows[1].line, 3);
    EXPECT_DOUBLE_EQ(table->columns[0].values[0], 367947);
    EXPECT_DOUBLE_EQ(table->columns[1].values[0], 2.3);
    EXPECT_EQ(table->columns[0].status[1], stats::ValueStatus::Missing);
    EXPECT_EQ(table->columns[1].status[1], stats::ValueStatus::Secret);
}

TEST(KwbXlsx, TextInNumberCellNamesSheetRowAndColumn) {
    std::string rows = header_row +
        R"(<row r="7"><c r="A7" t="inlineStr"><is><t>GM0344</t></is></c><c r="C7" t="inlineStr"><is><t>veel</t></is></c></row>)";
    std::string bytes = make_xlsx({{"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels},
                                   {"xl/sharedStrings.xml", shared}, {"xl/worksheets/sheet1.xml", sheet(rows)}});
    auto table = parse_text(bytes, "kwb-2023.xlsx");
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().problems().at(0).line, 7);
    EXPECT_EQ(table.error().problems().at(0).field, "a_inw");
}

TEST(KwbXlsx, DamagedPackagesFailCleanly) {
    EXPECT_FALSE(parse_text(std::string("PK\x03\x04", 4) + std::string(100, 'x'), "kwb-2023.xlsx"));
    std::string no_sheet = make_xlsx({{"xl/workbook.xml", workbook}});
    EXPECT_FALSE(parse_text(no_sheet, "kwb-2023.xlsx"));
    std::string bad_index = make_xlsx({{"xl/workbook.xml", workbook}, {"xl/sharedStrings.xml", shared},
        {"xl/worksheets/sheet1.xml", sheet(R"(<row r="1"><c r="A1" t="s"><v>99</v></c></row>)")}});
    EXPECT_FALSE(parse_text(bad_index, "kwb-2023.xlsx"));
    std::string cut = make_xlsx({{"xl/workbook.xml", workbook}, {"xl/sharedStrings.xml", shared},
        {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + header_row + R"(<row r="2"><c r="A2")"}});
    EXPECT_FALSE(parse_text(cut, "kwb-2023.xlsx"));
}

}  // namespace
}  // namespace gezondin::importers
