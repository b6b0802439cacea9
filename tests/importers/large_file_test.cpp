// A 200 MB file: the importers read it as a stream, so memory stays bounded by ParseOptions
// (rows, cells, line length), not by the file size. Peak RSS (VmHWM) is reset through
// /proc/self/clear_refs where the kernel allows it, and must grow by less than 64 MB.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "test_support.h"

namespace gezondin::importers {
namespace {

constexpr std::size_t target_bytes = 200u << 20;
constexpr long max_growth_kb = 64 * 1024;

long status_kb(const char* key) {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::string(key).size()));
    }
    return -1;
}

void report(const char* what, long before, long after) {
    std::printf("[ memory   ] %s: peak RSS %ld kB -> %ld kB (growth %ld kB)\n", what, before, after, after - before);
}

long reset_peak() {
    std::ofstream("/proc/self/clear_refs") << "5";
    return status_kb("VmHWM:");
}

class LargeFile : public ::testing::Test {
protected:
    void TearDown() override { std::filesystem::remove(m_path); }
    std::filesystem::path temp(const std::string& name) {
        m_path = std::filesystem::temp_directory_path() / (name + std::to_string(::getpid()));
        return m_path;
    }
    std::filesystem::path m_path;
    long m_lines = 0;
};

TEST_F(LargeFile, TooManyRowsStopsEarlyWithBoundedMemory) {
    auto path = temp("gezondin_typed_200mb_");
    {
        std::ofstream out(path, std::ios::binary);
        out << "ID;WijkenEnBuurten;AantalInwoners_5;Mannen_6;Vrouwen_7\n";
        char line[96];
        for (long i = 0; static_cast<std::size_t>(out.tellp()) < target_bytes; ++i) {
            int n = std::snprintf(line, sizeof line, "%ld;BU%08ld;   %6ld;   %6ld;   %6ld\n", i, i % 100000000,
                                  i % 9000, i % 4000, i % 5000);
            out.write(line, n);
        }
    }
    ASSERT_GE(std::filesystem::file_size(path), target_bytes);
    long before = reset_peak();
    auto start = std::chrono::steady_clock::now();
    auto table = parse_table_file(path);
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    long after = status_kb("VmHWM:");
    report("200 MB, too many rows", before, after);
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code(), core::ErrorCode::TooLarge);
    EXPECT_EQ(table.error().problems().at(0).line, static_cast<long>(ParseOptions{}.max_rows) + 2);
    EXPECT_LT(after - before, max_growth_kb) << "peak RSS grew from " << before << " kB to " << after << " kB";
    EXPECT_LT(seconds, 10.0);
}

TEST_F(LargeFile, ErrorAtTheEndIsFoundAfterStreamingEverything) {
    auto path = temp("gezondin_export_200mb_");
    {
        std::ofstream out(path, std::ios::binary);
        out << "\"Regio's\";\"Codering (code)\";\"Inwoners (aantal)\"" << std::string(997, ';') << "\n";
        out << "\"Utrecht\";\"GM0344\";374238" << std::string(997, ';') << "\n";
        std::string blank(1000, ';');
        blank.back() = '\n';
        for (; static_cast<std::size_t>(out.tellp()) < target_bytes; ++m_lines) out << blank;
        out << "\"Zwolle\";\"GM0193\";veel" << std::string(997, ';') << "\n";
    }
    long before = reset_peak();
    auto table = parse_table_file(path);
    long after = status_kb("VmHWM:");
    report("200 MB, error on the last line", before, after);
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code(), core::ErrorCode::InvalidInput);
    long lines = 2 + m_lines + 1;
    EXPECT_EQ(table.error().problems().at(0).line, lines);
    EXPECT_EQ(table.error().problems().at(0).field, "Inwoners (aantal)");
    EXPECT_LT(after - before, max_growth_kb) << "peak RSS grew from " << before << " kB to " << after << " kB";
}

TEST_F(LargeFile, OneEndlessLineFailsAfterTheLineLimit) {
    auto path = temp("gezondin_oneline_");
    {
        std::ofstream out(path, std::ios::binary);
        std::string chunk(1 << 20, 'x');
        for (int i = 0; i < 200; ++i) out << chunk;
    }
    long before = reset_peak();
    auto table = parse_table_file(path);
    long after = status_kb("VmHWM:");
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code(), core::ErrorCode::TooLarge);
    EXPECT_EQ(table.error().problems().at(0).line, 1);
    EXPECT_LT(after - before, max_growth_kb);
}

}  // namespace
}  // namespace gezondin::importers
