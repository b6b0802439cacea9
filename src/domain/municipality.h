#pragma once
// A municipality (gemeente) as listed by CBS in "Gemeenten alfabetisch": reference data.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gezondin::domain {

struct Municipality {
    std::string code;            // "GM0363"
    std::string name;            // "Amsterdam"
    std::string province_code;   // "PV27"
    std::string province_name;   // "Noord-Holland"
    friend bool operator==(const Municipality&, const Municipality&) = default;
};

// Parses the CBS "Gemeenten alfabetisch" CSV (comma separated, header
// Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam).
// Every malformed line is reported with its number; nothing is returned then.
core::Result<std::vector<Municipality>> parse_cbs_municipality_list(std::string_view csv);

}  // namespace gezondin::domain
