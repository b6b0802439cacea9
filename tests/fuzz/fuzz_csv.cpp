// libFuzzer target: the CSV table readers of src/importers. The input is read as a file by the
// format detector and by each CSV parser (TypedDataSet, kwb CSV, StatLine export), in UTF-8
// and in Latin-1 mode, with small limits so the fuzzer also reaches the limit paths. A
// complete table is then turned into an AreaTable. A crash, a sanitizer report, or an error
// with a code other than InvalidInput or TooLarge is a finding.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "importers/import_file.h"
#include "importers/table_parsers.h"
#include "importers/to_area_table.h"

using namespace gezondin;
using namespace gezondin::importers;

namespace {

template <typename Parse>
void check(Parse parse, const std::string& bytes, const ParseOptions& options) {
    std::istringstream in(bytes);
    auto table = parse(in, "fuzz_2024.csv", options);
    if (!table) {
        auto code = table.error().code();
        if (code != core::ErrorCode::InvalidInput && code != core::ErrorCode::TooLarge) std::abort();
        return;
    }
    if (table->rows.empty() || table->indicators.size() != table->columns.size()) std::abort();
    for (const auto& column : table->columns) {
        if (column.values.size() != table->rows.size() || column.status.size() != table->rows.size()) std::abort();
    }
    for (auto missing : {MissingParent::Fail, MissingParent::Placeholder}) {
        AreaTableOptions area_options;
        area_options.missing_parent = missing;
        auto areas = to_area_table(*table, area_options);
        if (!areas && areas.error().code() != core::ErrorCode::InvalidInput) std::abort();
        if (areas && missing == MissingParent::Placeholder && areas->size() < table->rows.size()) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    for (Encoding encoding : {Encoding::Utf8, Encoding::Latin1}) {
        ParseOptions options;
        options.encoding = encoding;
        options.max_line_bytes = 4096;
        options.max_rows = 200;
        options.max_cells = 2000;
        check([](std::istream& in, std::string_view name, const ParseOptions& o) { return parse_table_stream(in, name, o); },
              bytes, options);
        check([](std::istream& in, std::string_view name, const ParseOptions& o) { return parse_typed_dataset(in, name, o); },
              bytes, options);
        check([](std::istream& in, std::string_view name, const ParseOptions& o) { return parse_kwb_csv(in, name, o); },
              bytes, options);
        check([](std::istream& in, std::string_view name, const ParseOptions& o) { return parse_statline_export(in, name, o); },
              bytes, options);
    }
    return 0;
}
