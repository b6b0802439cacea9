#include "importers/imported_table.h"

namespace gezondin::importers {

const char* format_name(SourceFormat format) {
    switch (format) {
    case SourceFormat::Unknown: return "unknown";
    case SourceFormat::TypedDataSet: return "typed-dataset";
    case SourceFormat::KwbCsv: return "kwb-csv";
    case SourceFormat::KwbXlsx: return "kwb-xlsx";
    case SourceFormat::StatLineExport: return "statline-export";
    }
    return "unknown";
}

std::optional<std::size_t> ImportedTable::find_indicator(std::string_view key) const {
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        if (indicators[i].key == key) return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> ImportedTable::find_row(std::string_view code) const {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].code == code) return i;
    }
    return std::nullopt;
}

}  // namespace gezondin::importers
