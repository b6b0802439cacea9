// Ongelijk: fictitious gemeente-level figures for the other demo gemeenten, so that the
// demo can show "wat deden vergelijkbare gemeenten?". Every number here is made up.

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "services/ongelijk/ongelijk.h"

namespace gezondin::services {
namespace {

// "fictief" in the table id marks every value of it as fictitious (see Wijkdata).
constexpr const char* comparison_table = "fictief-gemeenten";

struct DemoGemeente {
    const char* code;
    const char* name;
    double population;
    std::array<double, 6> values;  // laag inkomen, ervaren gezondheid, eenzaam, overgewicht, moeite rondkomen, stedelijkheid
};

// Names as in data/demo/gemeenten.csv. Two look like Havenwaard (a town of about 48,000
// inhabitants where about one household in five has a low income), the others do not.
constexpr std::array<DemoGemeente, 5> demo_gemeenten = {{
    {"GM9902", "Eemhoven", 45500, {22.6, 71.6, 48.8, 52.1, 24.4, 2}},
    {"GM9903", "Hoeverdonk", 52300, {20.9, 73.1, 47.5, 51.0, 22.6, 2}},
    {"GM9904", "Geulendaal", 11800, {6.1, 83.5, 36.9, 47.2, 9.8, 5}},
    {"GM9905", "Mearwâld", 23900, {8.4, 81.2, 39.5, 53.5, 12.2, 4}},
    {"GM9906", "Lindewijde", 182000, {27.8, 66.4, 52.8, 46.0, 29.9, 1}},
}};

std::string fnv1a_hex(const std::string& text) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

storage::NewDataset comparison_dataset(int year) {
    using D = storage::IndicatorDirection;
    std::string source = "Fictieve demogegevens (" + std::string(comparison_table) + ")";
    storage::NewDataset d;
    d.indicators = {
        {"fictief_inwoners", "Aantal inwoners", "aantal", D::Unknown, source, comparison_table},
        {"fictief_laag_inkomen", "Huishoudens met een laag inkomen", "%", D::HigherIsWorse, source, comparison_table},
        {"fictief_ervaren_gezondheid", "Ervaren gezondheid goed of zeer goed", "%", D::HigherIsBetter, source, comparison_table},
        {"fictief_eenzaam", "Eenzaam", "%", D::HigherIsWorse, source, comparison_table},
        {"fictief_overgewicht", "Overgewicht", "%", D::HigherIsWorse, source, comparison_table},
        {"fictief_moeite_rondkomen", "Moeite met rondkomen", "%", D::HigherIsWorse, source, comparison_table},
        {"fictief_stedelijkheid", "Mate van stedelijkheid (1 = zeer sterk, 5 = niet stedelijk)", "", D::Unknown, source,
         comparison_table},
    };
    double drift = year == 2023 ? 1.0 : 0.0;
    std::string fingerprint;
    for (const auto& g : demo_gemeenten) {
        double population = std::round(g.population * (year == 2023 ? 1.01 : 1.0));
        d.areas.push_back({g.code, storage::WijkLevel::Gemeente, "NL01", g.name, population});
        d.values.push_back({"fictief_inwoners", g.code, population, 0});
        for (std::size_t i = 0; i < g.values.size(); ++i) {
            double v = i == 5 ? g.values[i] : g.values[i] + (i == 1 ? drift : -drift) * 0.5;
            d.values.push_back({d.indicators[i + 1].key, g.code, v, 0});
        }
    }
    for (const auto& v : d.values) fingerprint += v.indicator + v.code + std::to_string(v.value.value_or(-1));
    d.record = {0, comparison_table, year, std::string(comparison_table) + "-" + std::to_string(year), fnv1a_hex(fingerprint),
                "demo", "Vergelijkbare gemeenten (fictief)", "", static_cast<long>(d.areas.size()),
                static_cast<long>(d.indicators.size()), static_cast<long>(d.values.size())};
    return d;
}

}  // namespace

std::vector<FileImport> import_demo_comparison(Wijkdata& wijkdata) {
    std::vector<FileImport> out;
    for (int year : {2022, 2023}) out.push_back(wijkdata.import_dataset(comparison_dataset(year)));
    return out;
}

}  // namespace gezondin::services
