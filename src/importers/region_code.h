#pragma once
// CBS region codes: NL01 (Nederland), GM0363 (gemeente), WK036300 (wijk), BU03630000 (buurt).
// Files pad codes with spaces ("GM0363    ") and the KWB 2024 export calls the country NL00;
// normalise_region_code() removes padding, upper-cases, and maps NL00 to NL01 so that tables
// of different sources join on one code.

#include <optional>
#include <string>
#include <string_view>

#include "stats/area_table.h"

namespace gezondin::importers {

enum class RegionKind : std::uint8_t {
    Hierarchy,  // NL, GM, WK or BU with the right number of digits
    Other,      // a known CBS region type outside the hierarchy (GGD region GG, CG, PV, ...)
    Invalid,    // anything else
};

struct RegionCode {
    RegionKind kind = RegionKind::Invalid;
    std::string code;                      // normalised
    stats::AreaLevel level = stats::AreaLevel::Buurt;  // meaningful when kind == Hierarchy
};

// Classifies and normalises a raw code as it appears in a file.
RegionCode normalise_region_code(std::string_view raw);

// The code of the parent one level up, derived from the code itself: BU03630000 -> WK036300,
// WK036300 -> GM0363, GM0363 -> NL01, NL01 -> "". Expects a normalised hierarchy code.
std::string parent_code_of(std::string_view code, stats::AreaLevel level);

// "Land", "Gemeente", "Wijk", "Buurt" (as in CBS SoortRegio); nullopt for other words.
std::optional<stats::AreaLevel> level_from_word(std::string_view word);

const char* level_name(stats::AreaLevel level);

}  // namespace gezondin::importers
