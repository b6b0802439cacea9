#pragma once
// Test and bench helper: loads the national 2024 hierarchy (Land > gemeente > wijk > buurt,
// 18,310 areas with population) from the StatLine export in ../shared/data into an AreaTable.
// The file lists every parent before its children; parents follow from the CBS codes.

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "csv_fixture.h"
#include "stats/area_table.h"

namespace gezondin::stats::testing {

inline std::filesystem::path kwb_2024_file(const std::filesystem::path& dir) {
    return dir / "cbs_statline_exports_2024_2025" / "Kerncijfers_wijken_en_buurten_2024_geslachten.csv";
}

inline std::string trimmed(std::string text) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

inline std::optional<AreaInfo> kwb_area(const std::vector<std::string>& fields) {
    if (fields.size() < 6) return std::nullopt;
    std::string kind = trimmed(fields[2]);
    std::string code = trimmed(fields[3]);
    double population = fields[5] == "." || fields[5].empty() ? std::nan("") : std::stod(fields[5]);
    if (kind == "Land") return AreaInfo{code, AreaLevel::Land, "", population};
    if (kind == "Gemeente") return AreaInfo{code, AreaLevel::Gemeente, "NL00", population};
    if (kind == "Wijk") return AreaInfo{code, AreaLevel::Wijk, "GM" + code.substr(2, 4), population};
    if (kind == "Buurt") return AreaInfo{code, AreaLevel::Buurt, "WK" + code.substr(2, 6), population};
    return std::nullopt;
}

inline std::optional<AreaTable> load_kwb_2024(const std::filesystem::path& dir) {
    std::ifstream in(kwb_2024_file(dir));
    if (!in) return std::nullopt;
    AreaTable table(2024);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        auto area = kwb_area(split_csv_line(line, ';'));
        if (!area || !table.add_area(*area)) return std::nullopt;
    }
    return table;
}

}  // namespace gezondin::stats::testing
