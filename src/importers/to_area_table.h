#pragma once
// Turns an ImportedTable into the stats engine's AreaTable: the hierarchy Nederland > gemeente
// > wijk > buurt with one column per indicator and a population per area.
//
// Parents come from the codes (BU03630000 -> WK036300 -> GM0363 -> NL01). A level that is
// entirely absent from the file makes the level below the top of a partial table (a file of
// gemeenten without a Nederland row has gemeenten as roots; a file of wijken only has wijken as
// roots). When a level is present but one parent is missing, MissingParent decides: Fail (the
// default) returns an error listing the missing codes; Placeholder adds the parent without a
// name, with population NaN and every value Missing. Areas are added level by level, in file
// order within a level, so row numbers of the AreaTable differ from those of the file.

#include <string>

#include "core/error.h"
#include "importers/imported_table.h"
#include "stats/area_table.h"

namespace gezondin::importers {

enum class MissingParent : std::uint8_t { Fail, Placeholder };

struct AreaTableOptions {
    // Indicator key or label that holds the number of inhabitants. Empty: the first of
    // AantalInwoners_5, a_inw, or a label ending in "Aantal inwoners", "Totale bevolking" or
    // "Inwonertal"; when none exists, populations are NaN. A name given here must exist.
    std::string population;
    MissingParent missing_parent = MissingParent::Fail;
};

[[nodiscard]] core::Result<stats::AreaTable> to_area_table(const ImportedTable& table,
                                                           const AreaTableOptions& options = {});

// The index of the population indicator as chosen by to_area_table; nullopt when none.
std::optional<std::size_t> population_indicator(const ImportedTable& table, std::string_view wanted = {});

}  // namespace gezondin::importers
