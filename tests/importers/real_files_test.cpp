// Every table file in ../shared/data either imports, with the counts its README gives, or is
// refused with a clear reason (checked by error code, line and column, not by text).
#include <map>

#include <gtest/gtest.h>

#include "importers/to_area_table.h"
#include "test_support.h"

namespace gezondin::importers {
namespace {

using stats::AreaLevel;
using testing::Where;
using testing::where;

class RealFiles : public ::testing::Test {
protected:
    void SetUp() override {
        auto dir = testing::shared_data();
        if (!dir) GTEST_SKIP() << "GEZONDIN_SHARED_DATA (../shared/data) is absent; real-file tests skipped";
        m_dir = *dir;
    }
    core::Result<ImportedTable> parse(const std::string& relative, const ParseOptions& options = {}) {
        return parse_table_file(m_dir / relative, options);
    }
    static std::map<AreaLevel, int> levels(const ImportedTable& t) {
        std::map<AreaLevel, int> out;
        for (const auto& row : t.rows) ++out[row.level];
        return out;
    }
    static double value(const ImportedTable& t, std::string_view code, std::string_view key) {
        return t.columns[*t.find_indicator(key)].values[*t.find_row(code)];
    }
    std::filesystem::path m_dir;
};

using Levels = std::map<AreaLevel, int>;

TEST_F(RealFiles, Amsterdam84583NedTypedDataSet) {
    auto t = parse("cbs_kwb_84583NED_2019/amsterdam_2019_marginal_distributions_84583NED.csv");
    ASSERT_TRUE(t) << t.error().message();
    EXPECT_EQ(t->format, SourceFormat::TypedDataSet);
    EXPECT_EQ(t->table_id, "84583NED");
    EXPECT_EQ(t->year, 2019);
    EXPECT_EQ(t->rows.size(), 579u);
    EXPECT_EQ(levels(*t), (Levels{{AreaLevel::Gemeente, 1}, {AreaLevel::Wijk, 99}, {AreaLevel::Buurt, 479}}));
    EXPECT_DOUBLE_EQ(value(*t, "GM0363", "AantalInwoners_5"), 862965);
    EXPECT_EQ(t->rows[0].name, "Amsterdam");
    auto areas = to_area_table(*t);
    ASSERT_TRUE(areas) << areas.error().message();
    EXPECT_EQ(areas->size(), 579u);
    EXPECT_EQ(areas->rows_at(AreaLevel::Buurt).size(), 479u);
    EXPECT_DOUBLE_EQ(areas->populations()[*areas->find("GM0363")], 862965);
}

TEST_F(RealFiles, DenHaag2019SubsetAndThe2021FolderWithoutYear) {
    auto t = parse("cbs_kwb_84583NED_2019/den_haag_2019_marginal_distributions_84583NED_22cols.csv");
    ASSERT_TRUE(t) << t.error().message();
    EXPECT_EQ(t->rows.size(), 159u);
    EXPECT_EQ(t->year, 2019);
    EXPECT_TRUE(to_area_table(*t));
    // The file name names no table and no year, and the file has no period column.
    auto unknown = parse("cbs_kwb_84583NED_2019/den_haag_2021folder_marginal_distributions_22cols.csv");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code(), core::ErrorCode::InvalidInput);
    ParseOptions year;
    year.year = 2021;
    auto given = parse("cbs_kwb_84583NED_2019/den_haag_2021folder_marginal_distributions_22cols.csv", year);
    ASSERT_TRUE(given) << given.error().message();
    EXPECT_DOUBLE_EQ(value(*given, "GM0518", "AantalInwoners_5"), 548320);
}

TEST_F(RealFiles, Rivm50140NedSkipsGgdRegionsWithAReason) {
    auto t = parse("rivm_gmjv2024_50140NED_and_geo2024/50140NED_TypedDataSet_22092025_192544.csv");
    ASSERT_TRUE(t) << t.error().message();
    EXPECT_EQ(t->year, 2024);
    EXPECT_EQ(t->rows.size() + t->skipped_total, 365u);
    EXPECT_EQ(levels(*t), (Levels{{AreaLevel::Land, 1}, {AreaLevel::Gemeente, 338}}));
    ASSERT_EQ(t->skipped.size(), 26u);  // CG01 and 25 GGD regions
    EXPECT_EQ(t->skipped[0].code, "CG01");
    EXPECT_FALSE(t->skipped[0].reason.empty());
    EXPECT_EQ(t->indicators.size(), 148u);
    EXPECT_DOUBLE_EQ(value(*t, "NL01", "MoeiteMetRondkomen_1"), 28.3);
    EXPECT_EQ(t->columns[*t->find_indicator("HeeftStudieschuld_4")].status[0], stats::ValueStatus::Value);
    auto areas = to_area_table(*t);
    ASSERT_TRUE(areas) << areas.error().message();
    EXPECT_EQ(areas->children(*areas->find("NL01")).size(), 338u);
}

TEST_F(RealFiles, NationalKwb2024ExportHasTheFullHierarchy) {
    auto t = parse("cbs_statline_exports_2024_2025/Kerncijfers_wijken_en_buurten_2024_geslachten.csv");
    ASSERT_TRUE(t) << t.error().message();
    EXPECT_EQ(t->format, SourceFormat::StatLineExport);
    EXPECT_EQ(t->year, 2024);
    EXPECT_EQ(t->rows.size(), 18310u);
    EXPECT_EQ(levels(*t), (Levels{{AreaLevel::Land, 1}, {AreaLevel::Gemeente, 342}, {AreaLevel::Wijk, 3393},
                                  {AreaLevel::Buurt, 14574}}));
    EXPECT_EQ(t->rows[0].code, "NL01");  // NL00 in the file
    EXPECT_EQ(t->indicators.size(), 8u);
    EXPECT_DOUBLE_EQ(value(*t, "NL01", "bevolking-aantal-inwoners"), 17942942);
    EXPECT_TRUE(t->find_row("BU0363AA01"));
    auto areas = to_area_table(*t);
    ASSERT_TRUE(areas) << areas.error().message();
    EXPECT_EQ(areas->size(), 18310u);
    EXPECT_DOUBLE_EQ(areas->populations()[*areas->find("NL01")], 17942942);
    EXPECT_EQ(areas->descendants_at(*areas->find("GM0363"), AreaLevel::Buurt).size(),
              static_cast<std::size_t>(std::count_if(t->rows.begin(), t->rows.end(), [](const ImportedRow& r) {
                  return r.level == AreaLevel::Buurt && r.code.rfind("BU0363", 0) == 0;
              })));
}

TEST_F(RealFiles, ExportsWithoutRegionCodesAreRefused) {
    for (const char* file : {"cbs_statline_exports_2024_2025/Kerncijfers_wijken_en_buurten_2024_11122025_141648.csv",
                             "cbs_statline_exports_2024_2025/Regionale_kerncijfers_Nederland_11122025_133649.csv",
                             "covid_viz_2019/Regionale_kerncijfers_Nederland_2019.csv"}) {
        auto t = parse(file);
        ASSERT_FALSE(t) << file;
        EXPECT_EQ(where(t.error()), (Where{1, ""})) << file;
    }
}

TEST_F(RealFiles, MalformedInkomenFileIsRefusedAtItsFirstDataLine) {
    auto t = parse("cbs_statline_exports_2024_2025/Inkomen_van_huishoudens__regio_11122025_135329.csv");
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().code(), core::ErrorCode::InvalidInput);
    EXPECT_EQ(where(t.error()), (Where{2, ""}));
}

TEST_F(RealFiles, SesWoa85163NedJoinsAmsterdamOnCode) {
    auto t = parse("cbs_ses_woa_85163NED_amsterdam_2019/SES_WOA_scores_per_wijk_en_buurt_25042023_160857.csv");
    ASSERT_TRUE(t) << t.error().message();
    EXPECT_EQ(t->year, 2019);
    EXPECT_EQ(t->rows.size(), 579u);
    EXPECT_EQ(levels(*t), (Levels{{AreaLevel::Gemeente, 1}, {AreaLevel::Wijk, 99}, {AreaLevel::Buurt, 479}}));
    auto score = t->find_indicator("ses-woa-totaalscore-gemiddelde-score");
    ASSERT_TRUE(score);
    EXPECT_EQ(t->indicators[*score].unit, "Getal");
    EXPECT_DOUBLE_EQ(t->columns[*score].values[0], -0.1);
    EXPECT_EQ(t->columns[*score].status[*t->find_row("BU03639801")], stats::ValueStatus::Secret);
    auto kwb = parse("cbs_kwb_84583NED_2019/amsterdam_2019_marginal_distributions_84583NED.csv");
    ASSERT_TRUE(kwb);
    for (const auto& row : t->rows) EXPECT_TRUE(kwb->find_row(row.code)) << row.code;
}

TEST_F(RealFiles, KwbUtrechtCsvAndXlsxAgree) {
    for (int year : {2023, 2024}) {
        std::string stem = "cbs_kwb_utrecht/CBS-Utrecht-kwb-" + std::to_string(year);
        auto xlsx = parse(stem + ".xlsx");
        auto csv = parse(stem + (year == 2023 ? "__sheet_kwb-2023.csv" : "__sheet_Gemeente-Utrecht.csv"));
        ASSERT_TRUE(xlsx) << xlsx.error().message();
        ASSERT_TRUE(csv) << csv.error().message();
        EXPECT_EQ(xlsx->format, SourceFormat::KwbXlsx);
        EXPECT_EQ(xlsx->table_id, "kwb-" + std::to_string(year));
        EXPECT_EQ(xlsx->year, year);
        EXPECT_EQ(xlsx->rows.size(), 122u);
        EXPECT_EQ(levels(*xlsx), (Levels{{AreaLevel::Gemeente, 1}, {AreaLevel::Wijk, 10}, {AreaLevel::Buurt, 111}}));
        ASSERT_EQ(xlsx->indicators.size(), csv->indicators.size());
        for (std::size_t k = 0; k < xlsx->indicators.size(); ++k) {
            EXPECT_EQ(xlsx->columns[k].status, csv->columns[k].status) << xlsx->indicators[k].key;
            for (std::size_t r = 0; r < xlsx->rows.size(); ++r) {
                if (xlsx->columns[k].status[r] == stats::ValueStatus::Value) {
                    EXPECT_DOUBLE_EQ(xlsx->columns[k].values[r], csv->columns[k].values[r]);
                }
            }
        }
        auto areas = to_area_table(*xlsx);
        ASSERT_TRUE(areas) << areas.error().message();
        EXPECT_GT(areas->populations()[*areas->find("GM0344")], 360000);
    }
}

TEST_F(RealFiles, KwbUtrecht2024IncomeIsNotYetPublished) {
    auto t = parse("cbs_kwb_utrecht/CBS-Utrecht-kwb-2024.xlsx");
    ASSERT_TRUE(t);
    const auto& low_income = t->columns[*t->find_indicator("p_hh_li")];
    EXPECT_TRUE(std::all_of(low_income.status.begin(), low_income.status.end(),
                            [](stats::ValueStatus s) { return s == stats::ValueStatus::Secret; }));
}

TEST_F(RealFiles, MaatwerkAutobezitImportsAndKvkMultiLineHeaderIsRefused) {
    auto gem = parse("cbs_maatwerk_inkomen_autobezit/gem-autobezit-huishouden_2023_gem.csv");
    ASSERT_TRUE(gem) << gem.error().message();
    EXPECT_EQ(gem->year, 2023);
    EXPECT_EQ(gem->rows.size(), 342u);
    EXPECT_DOUBLE_EQ(value(*gem, "GM0014", "personenauto-s-per-huishouden"), 0.6);
    auto wijk = parse("cbs_maatwerk_inkomen_autobezit/gem-autobezit-huishouden_2023_wijk.csv");
    ASSERT_TRUE(wijk) << wijk.error().message();
    EXPECT_EQ(levels(*wijk), (Levels{{AreaLevel::Wijk, 3352}}));
    EXPECT_TRUE(to_area_table(*wijk));  // wijken without gemeenten: a partial table
    auto kvk = parse("cbs_maatwerk_inkomen_autobezit/kvk2020-wb2023.csv");
    ASSERT_FALSE(kvk);
    EXPECT_EQ(where(kvk.error()), (Where{12, ""}));  // "x 1000 euro" under a column without a name
}

TEST_F(RealFiles, Latin1GebiedenImportsOnlyWhenAsked) {
    auto strict = parse("covid_viz_2019/Gebieden_in_Nederland_2019.csv");
    ASSERT_FALSE(strict);
    EXPECT_GT(where(strict.error()).line, 1);
    ParseOptions latin1;
    latin1.encoding = Encoding::Latin1;
    auto t = parse("covid_viz_2019/Gebieden_in_Nederland_2019.csv", latin1);
    ASSERT_TRUE(t) << t.error().message();
    EXPECT_EQ(t->year, 2019);
    EXPECT_EQ(t->rows.size(), 355u);
    auto areas = to_area_table(*t);
    ASSERT_TRUE(areas);
    EXPECT_DOUBLE_EQ(areas->populations()[*areas->find("GM0363")], value(*t, "GM0363", "inwonertal"));
}

TEST_F(RealFiles, ListsAndBoundariesAreNoIndicatorTables) {
    // Municipality lists and postcode tables use ',' and have no indicator columns for areas;
    // the kennisbank imports the lists. Boundaries are JSON, for the map importer.
    for (const char* file : {"cbs_gemeentelijst/gemeenten-alfabetisch-2023.csv",
                             "certegis_postcodes_ggdregio/DERIVED_gemeente_ggdregio_2021.csv",
                             "certegis_postcodes_ggdregio/postcodes_from_rda.csv",
                             "covid_viz_2019/gemeentegrenzen_simplified_2019.geojson",
                             "rivm_gmjv2024_50140NED_and_geo2024/gemeente_gegeneraliseerd_2024.geojson",
                             "geo_cbs_gebiedsindelingen_2014_2015_topojson/Gemeente_2015_layer_q1e3.json"}) {
        auto t = parse(file);
        ASSERT_FALSE(t) << file;
        EXPECT_EQ(t.error().code(), core::ErrorCode::InvalidInput) << file;
    }
}

}  // namespace
}  // namespace gezondin::importers
