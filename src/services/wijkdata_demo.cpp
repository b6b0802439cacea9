// The fictitious demo municipality for wijkdata: generated here, never taken from real data.

#include <sodium.h>

#include <algorithm>
#include <array>
#include <map>
#include <cmath>
#include <cstdio>
#include <string>

#include "services/wijkdata.h"

namespace gezondin::services {

namespace {

constexpr const char* demo_gemeente = "GM9901";
constexpr const char* demo_table = "fictief-havenwaard";
constexpr std::array<int, 2> demo_years = {2022, 2023};
constexpr std::array<int, 8> buurten_per_wijk = {4, 4, 3, 4, 4, 3, 4, 4};
constexpr std::array<const char*, 8> wijk_names = {"Havenkwartier", "Dijkzicht", "Molenveld", "Zeeduin",
                                                   "Oude Werf", "Polderrand", "Kanaalzone", "Lindehof"};
// Fictitious place: a grid in the North Sea west of the coast, so nobody mistakes it for a real town.
constexpr double origin_lon = 3.60, origin_lat = 52.20, cell_lon = 0.012, cell_lat = 0.008;

// A small deterministic generator, so the demo is the same on every machine.
class Dice {
public:
    double next() {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(m_state >> 11) / 9007199254740992.0;
    }
    double between(double lo, double hi) { return lo + (hi - lo) * next(); }

private:
    std::uint64_t m_state = 20240501;
};

struct DemoArea {
    std::string code, name, parent;
    storage::WijkLevel level;
    double population = 0;
    double deprivation = 0;   // 0..1: drives all indicators, so they hang together
    int column = 0, width = 1, row = 0;
};

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::vector<DemoArea> demo_areas() {
    Dice dice;
    std::vector<DemoArea> out;
    out.push_back({demo_gemeente, "Havenwaard", "NL01", storage::WijkLevel::Gemeente});
    int column = 0;
    for (int w = 0; w < 8; ++w) {
        DemoArea wijk{"WK9901" + two(w), wijk_names[w], demo_gemeente, storage::WijkLevel::Wijk};
        wijk.column = (w % 4) * 4;
        wijk.row = w / 4;
        wijk.width = 4;
        out.push_back(wijk);
        for (int b = 0; b < buurten_per_wijk[w]; ++b) {
            DemoArea buurt{"BU9901" + two(w) + two(b), std::string(wijk_names[w]) + " " + std::string(1, char('A' + b)),
                           wijk.code, storage::WijkLevel::Buurt};
            buurt.deprivation = std::clamp(0.15 + 0.1 * w + dice.between(-0.15, 0.15), 0.0, 1.0);
            // A few tiny buurten (a marina, an industrial estate) show how "geheim" works.
            bool tiny = (w == 2 && b == 2) || (w == 5 && b == 0) || (w == 7 && b == 3);
            buurt.population = tiny ? std::round(dice.between(12, 45)) : std::round(dice.between(600, 2600));
            buurt.row = wijk.row;
            out.push_back(buurt);
        }
        column += 4;
    }
    return out;
}

void add(storage::NewDataset& d, const std::string& key, const std::string& code, double v) {
    d.values.push_back({key, code, v, 0});
}

storage::NewDataset demo_dataset(int year) {
    storage::NewDataset d;
    auto areas = demo_areas();
    Dice dice;
    double drift = year == 2023 ? 1.0 : 0.0;
    using D = storage::IndicatorDirection;
    std::string source = "Fictieve demogegevens (" + std::string(demo_table) + ")";
    d.indicators = {
        {"fictief_inwoners", "Aantal inwoners", "aantal", D::Unknown, source, demo_table},
        {"fictief_laag_inkomen", "Huishoudens met een laag inkomen", "%", D::HigherIsWorse, source, demo_table},
        {"fictief_ervaren_gezondheid", "Ervaren gezondheid goed of zeer goed", "%", D::HigherIsBetter, source, demo_table},
        {"fictief_eenzaam", "Eenzaam", "%", D::HigherIsWorse, source, demo_table},
        {"fictief_overgewicht", "Overgewicht", "%", D::HigherIsWorse, source, demo_table},
        {"fictief_moeite_rondkomen", "Moeite met rondkomen", "%", D::HigherIsWorse, source, demo_table},
        {"fictief_ses_score", "Sociaal-economische score", "score", D::HigherIsBetter, source, demo_table},
    };
    // Wijk and gemeente figures are population-weighted means of their buurten.
    std::map<std::string, std::array<double, 8>> sums;
    auto indicator_values = [&](double dep) {
        return std::array<double, 6>{8 + 30 * dep - drift, 82 - 22 * dep + drift, 38 + 20 * dep, 44 + 16 * dep,
                                     12 + 28 * dep - drift, 0.4 - 0.9 * dep};
    };
    for (const auto& a : areas) {
        if (a.level != storage::WijkLevel::Buurt) continue;
        auto v = indicator_values(a.deprivation);
        double pop = std::round(a.population * (year == 2023 ? 1.01 : 1.0));
        add(d, "fictief_inwoners", a.code, pop);
        for (std::size_t i = 0; i < v.size(); ++i) {
            double noisy = std::round((v[i] + dice.between(-1.5, 1.5) * (i == 5 ? 0.05 : 1)) * 10) / 10;
            if (i == 5) noisy = std::round((v[i] + dice.between(-0.05, 0.05)) * 1000) / 1000;
            add(d, d.indicators[i + 1].key, a.code, noisy);
            for (const auto& parent : {a.parent, std::string(demo_gemeente)}) {
                sums[parent][i] += noisy * pop;
                if (i == 0) sums[parent][7] += pop;
            }
        }
    }
    for (const auto& [code, s] : sums) {
        add(d, "fictief_inwoners", code, s[7]);
        for (std::size_t i = 0; i < 6; ++i) add(d, d.indicators[i + 1].key, code, std::round(s[i] / s[7] * 1000) / 1000);
    }
    const std::array<double, 6> national = {14.2, 79.5, 44.1, 50.2, 17.9, 0.0};
    add(d, "fictief_inwoners", "NL01", 17'800'000);
    for (std::size_t i = 0; i < 6; ++i) add(d, d.indicators[i + 1].key, "NL01", national[i]);

    d.areas.push_back({"NL01", storage::WijkLevel::Land, "", "Nederland", 17'800'000.0});
    for (const auto& a : areas) {
        double pop = a.level == storage::WijkLevel::Buurt ? std::round(a.population * (year == 2023 ? 1.01 : 1.0))
                                                          : sums[a.code][7];
        d.areas.push_back({a.code, a.level, a.parent, a.name, pop});
    }
    std::string fingerprint;
    for (const auto& v : d.values) fingerprint += v.indicator + v.code + std::to_string(v.value.value_or(-1));
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(fingerprint.data()), fingerprint.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    d.record = {0, demo_table, year, "fictief-havenwaard-" + std::to_string(year), hex, "demo",
                "Havenwaard (fictief)", "", static_cast<long>(d.areas.size()), static_cast<long>(d.indicators.size()),
                static_cast<long>(d.values.size())};
    return d;
}

std::string ring(double x0, double y0, double x1, double y1) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "[[[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]", x0, y0, x1, y0, x1,
                  y1, x0, y1, x0, y0);
    return buf;
}

// GeoJSON of the wijken or buurten: every wijk a 4 x 1 block of cells, its buurten strips of it.
// The gemeente is the rectangle around its wijken (four wijken wide, two high).
std::string demo_boundaries(storage::WijkLevel level) {
    std::string features;
    if (level == storage::WijkLevel::Gemeente) {
        features = R"({"type":"Feature","properties":{"statcode":")" + std::string(demo_gemeente) +
                   R"(","statnaam":"Havenwaard"},"geometry":{"type":"Polygon","coordinates":)" +
                   ring(origin_lon, origin_lat - 4 * cell_lat, origin_lon + 16 * cell_lon, origin_lat) + "}}";
        return R"({"type":"FeatureCollection","name":"fictief","features":[)" + features + "]}";
    }
    int w = 0;
    for (const auto& a : demo_areas()) {
        if (a.level != storage::WijkLevel::Wijk) continue;
        double x0 = origin_lon + a.column * cell_lon, y1 = origin_lat - a.row * cell_lat * 2, y0 = y1 - cell_lat * 2;
        auto feature = [&](const std::string& code, const std::string& name, double fx0, double fx1) {
            if (!features.empty()) features += ",";
            features += R"({"type":"Feature","properties":{"statcode":")" + code + R"(","statnaam":")" + name +
                        R"("},"geometry":{"type":"Polygon","coordinates":)" + ring(fx0, y0, fx1, y1) + "}}";
        };
        if (level == storage::WijkLevel::Wijk) {
            feature(a.code, a.name, x0, x0 + 4 * cell_lon);
        } else {
            int n = buurten_per_wijk[w];
            for (int b = 0; b < n; ++b)
                feature(a.code.substr(0, 2) == "WK" ? "BU" + a.code.substr(2) + two(b) : a.code,
                        a.name + " " + std::string(1, char('A' + b)), x0 + 4 * cell_lon * b / n, x0 + 4 * cell_lon * (b + 1) / n);
        }
        ++w;
    }
    return R"({"type":"FeatureCollection","name":"fictief","features":[)" + features + "]}";
}

}  // namespace

std::vector<FileImport> import_demo_data(Wijkdata& wijkdata) {
    std::vector<FileImport> out;
    for (int year : demo_years) {
        out.push_back(wijkdata.import_dataset(demo_dataset(year)));
        for (auto level : {storage::WijkLevel::Gemeente, storage::WijkLevel::Wijk, storage::WijkLevel::Buurt}) {
            std::string name = std::string("fictief-havenwaard-") + to_slug(level) + "-" + std::to_string(year) + ".geojson";
            out.push_back(wijkdata.import_boundaries_text(name, demo_boundaries(level), year));
        }
    }
    return out;
}

}  // namespace gezondin::services
