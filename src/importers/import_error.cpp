#include "importers/import_error.h"

#include "core/messages.h"

namespace gezondin::importers {

const char* problem_key(Problem problem) {
    switch (problem) {
    case Problem::Unreadable: return "importers.unreadable";
    case Problem::UnknownFormat: return "importers.unknown_format";
    case Problem::Encoding: return "importers.encoding";
    case Problem::Delimiter: return "importers.delimiter";
    case Problem::LineTooLong: return "importers.line_too_long";
    case Problem::TooManyRows: return "importers.too_many_rows";
    case Problem::UnbalancedQuote: return "importers.unbalanced_quote";
    case Problem::FieldCount: return "importers.field_count";
    case Problem::NoHeader: return "importers.no_header";
    case Problem::MissingColumn: return "importers.missing_column";
    case Problem::DuplicateColumn: return "importers.duplicate_column";
    case Problem::UnnamedColumn: return "importers.unnamed_column";
    case Problem::NoRegionCodes: return "importers.no_region_codes";
    case Problem::NoIndicators: return "importers.no_indicators";
    case Problem::NoRows: return "importers.no_rows";
    case Problem::UnknownRegion: return "importers.unknown_region";
    case Problem::DuplicateRegion: return "importers.duplicate_region";
    case Problem::LevelMismatch: return "importers.level_mismatch";
    case Problem::NotANumber: return "importers.not_a_number";
    case Problem::MixedYears: return "importers.mixed_years";
    case Problem::UnknownYear: return "importers.unknown_year";
    case Problem::Xlsx: return "importers.xlsx";
    case Problem::MissingParent: return "importers.missing_parent";
    }
    return "importers.unknown_format";
}

core::Error import_error(Problem problem, const Location& where, std::string_view detail) {
    std::string reason = core::msg(problem_key(problem), {detail, where.field});
    std::string line = std::to_string(where.line);
    std::string column = std::to_string(where.column);
    std::string place;
    if (where.column > 0) {
        place = core::msg("importers.at_column", {where.file, line, column, where.field});
    } else if (where.line > 0) {
        place = core::msg("importers.at_line", {where.file, line});
    } else {
        place = core::msg("importers.at_file", {where.file});
    }
    std::string message = place + " " + reason;
    std::vector<core::FieldProblem> problems{{std::string(where.field), std::move(reason), where.line}};
    bool too_large = problem == Problem::LineTooLong || problem == Problem::TooManyRows;
    if (problem == Problem::Unreadable) return core::Error(core::ErrorCode::NotFound, message, problems);
    if (too_large) return core::Error(core::ErrorCode::TooLarge, message, problems);
    return core::Error::invalid_input(std::move(message), std::move(problems));
}

}  // namespace gezondin::importers
