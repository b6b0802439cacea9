// Importer benchmark (Google Benchmark). At start it writes the national KWB 2024 export of
// ../shared/data (18,310 areas, 8 indicators) widened to 60 indicators into a temporary folder:
// the 8 real columns plus 52 derived ones, half of them with decimal commas. It then times
// parse + to_area_table, and after the benchmarks runs pandas_import.py on the same file in the
// same process run and prints both medians and their ratio.
//   importers_bench [--benchmark_*] ; env GEZONDIN_SHARED_DATA overrides the data folder.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <benchmark/benchmark.h>

#include "importers/import_file.h"
#include "importers/record_source.h"
#include "importers/to_area_table.h"

namespace fs = std::filesystem;
using namespace gezondin;

namespace {

constexpr int indicators = 60;
constexpr int real_indicators = 8;
constexpr int text_columns = 5;
fs::path widened;

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// One derived value from a real one: integers for even k, one decimal with a comma for odd k.
std::string derived(const std::string& real, int k) {
    if (real.empty() || real == ".") return real;
    double v = std::strtod(real.c_str(), nullptr) * (1.0 + k / 10.0);
    char buffer[32];
    if (k % 2 == 0) {
        std::snprintf(buffer, sizeof buffer, "%.0f", v);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f", v / 7.0);
        std::replace(buffer, buffer + std::strlen(buffer), '.', ',');
    }
    return buffer;
}

fs::path write_widened(const fs::path& source, const fs::path& dir) {
    std::ifstream in(source, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + source.string());
    fs::path out_path = dir / "Kerncijfers_wijken_en_buurten_2024_widened60.csv";
    std::ofstream out(out_path, std::ios::binary);
    std::vector<std::string> fields;
    std::string line;
    for (long n = 0; std::getline(in, line); ++n) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (n == 0 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (!importers::split_csv_line(line, ';', fields, "bench", n + 1)) throw std::runtime_error("bad line");
        for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? ";" : "") << quoted(fields[i]);
        for (int k = real_indicators; k < indicators; ++k) {
            const std::string& base = fields[text_columns + k % real_indicators];
            out << ";" << (n == 0 ? quoted("Extra/Kenmerk " + std::to_string(k) + " (aantal)") : derived(base, k));
        }
        out << "\r\n";
    }
    return out_path;
}

void import_once(benchmark::State* state) {
    auto table = importers::parse_table_file(widened);
    if (!table) throw std::runtime_error(table.error().message());
    auto areas = importers::to_area_table(*table);
    if (!areas) throw std::runtime_error(areas.error().message());
    if (state) state->counters["areas"] = static_cast<double>(areas->size());
    if (table->rows.size() != 18310 || table->indicators.size() != indicators) throw std::runtime_error("wrong counts");
    benchmark::DoNotOptimize(areas);
}

void BM_ImportNational60(benchmark::State& state) {
    for (auto _ : state) import_once(&state);
}
BENCHMARK(BM_ImportNational60)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ParseOnlyNational60(benchmark::State& state) {
    for (auto _ : state) {
        auto table = importers::parse_table_file(widened);
        benchmark::DoNotOptimize(table);
    }
}
BENCHMARK(BM_ParseOnlyNational60)->Unit(benchmark::kMillisecond)->MinTime(2.0);

double median_cpp_seconds(int repeats) {
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        auto start = std::chrono::steady_clock::now();
        import_once(nullptr);
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

double pandas_seconds(int repeats) {
    // Debian's python3 (with python3-pandas), not whatever python3 comes first on PATH.
    std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    std::string command = python + " " + std::string(GEZONDIN_PANDAS_SCRIPT) + " '" + widened.string() + "' " +
                          std::to_string(repeats);
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return -1;
    char buffer[256];
    double seconds = -1;
    while (std::fgets(buffer, sizeof buffer, pipe)) {
        std::cout << "  " << buffer;
        std::sscanf(buffer, "pandas_seconds %lf", &seconds);
    }
    pclose(pipe);
    return seconds;
}

}  // namespace

int main(int argc, char** argv) {
    const char* env = std::getenv("GEZONDIN_SHARED_DATA");
    fs::path data = env ? env : GEZONDIN_SHARED_DATA_DEFAULT;
    fs::path source = data / "cbs_statline_exports_2024_2025/Kerncijfers_wijken_en_buurten_2024_geslachten.csv";
    if (!fs::exists(source)) {
        std::cerr << "importers_bench: " << source << " is absent; nothing to measure\n";
        return 0;
    }
    fs::path dir = fs::temp_directory_path() / ("gezondin_importers_bench_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    widened = write_widened(source, dir);
    std::cout << "widened file: " << widened << " (" << fs::file_size(widened) / 1024 << " KB, 18,310 rows, "
              << indicators << " indicators)\n";
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    double cpp = median_cpp_seconds(7);
    std::cout << "pandas (" << GEZONDIN_PANDAS_SCRIPT << "):\n";
    double pandas = pandas_seconds(7);
    std::printf("\nimport national 2024, 60 indicators: C++ %.1f ms (target <= 1000 ms), pandas %.1f ms, "
                "pandas/C++ = %.2f\n", cpp * 1000, pandas * 1000, pandas > 0 ? pandas / cpp : 0.0);
    fs::remove_all(dir);
    return 0;
}
