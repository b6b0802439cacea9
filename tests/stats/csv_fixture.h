#pragma once
// Test-only helpers: locate ../shared/data and read its small comma-separated fixtures into
// rows of named text fields. Parsing lives here because src/stats does no I/O.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gezondin::stats::testing {

using CsvRow = std::map<std::string, std::string>;

// The shared data folder from GEZONDIN_SHARED_DATA, if it exists.
inline std::optional<std::filesystem::path> shared_data_dir() {
    const char* env = std::getenv("GEZONDIN_SHARED_DATA");
    if (env == nullptr || !std::filesystem::is_directory(env)) return std::nullopt;
    return std::filesystem::path(env);
}

inline std::filesystem::path phe_file(const std::filesystem::path& dir, const std::string& name) {
    return dir / "phe_indicatormethods" / "csv_from_xlsx" / name;
}

inline std::vector<std::string> split_csv_line(const std::string& line, char delimiter = ',') {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (char ch : line) {
        if (ch == '"') quoted = !quoted;
        else if (ch == delimiter && !quoted) fields.emplace_back();
        else if (ch != '\r') fields.back() += ch;
    }
    return fields;
}

// Rows keyed by header name; rows whose fields are all empty are dropped.
inline std::vector<CsvRow> read_csv(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    auto header = split_csv_line(line);
    std::vector<CsvRow> rows;
    while (std::getline(in, line)) {
        auto fields = split_csv_line(line);
        CsvRow row;
        bool any = false;
        for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
            row[header[i]] = fields[i];
            any = any || !fields[i].empty();
        }
        if (any) rows.push_back(std::move(row));
    }
    return rows;
}

// The field as a number; NaN when empty or absent.
inline double number(const CsvRow& row, const std::string& key) {
    auto it = row.find(key);
    if (it == row.end() || it->second.empty()) return std::numeric_limits<double>::quiet_NaN();
    return std::stod(it->second);
}

}  // namespace gezondin::stats::testing
