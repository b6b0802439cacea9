#pragma once
// Helpers for the importer tests: parse text as if it were a file, and find ../shared/data.

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>

#include "importers/import_file.h"
#include "importers/table_parsers.h"

namespace gezondin::importers::testing {

inline core::Result<ImportedTable> parse_text(const std::string& text, const std::string& name,
                                              const ParseOptions& options = {}) {
    std::istringstream in(text);
    return parse_table_stream(in, name, options);
}

// Line and column name of the first problem of an error (the machine-readable location).
struct Where {
    long line;
    std::string field;
    bool operator==(const Where&) const = default;
};

inline Where where(const core::Error& error) {
    if (error.problems().empty()) return {-1, "<none>"};
    return {error.problems().front().line, error.problems().front().field};
}

inline std::ostream& operator<<(std::ostream& out, const Where& w) {
    return out << "line " << w.line << " field '" << w.field << "'";
}

// ../shared/data from the environment (set by gezondin_test); nullopt when absent.
inline std::optional<std::filesystem::path> shared_data() {
    const char* dir = std::getenv("GEZONDIN_SHARED_DATA");
    if (!dir || !std::filesystem::is_directory(dir)) return std::nullopt;
    return std::filesystem::path(dir);
}

}  // namespace gezondin::importers::testing
