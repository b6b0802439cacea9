#pragma once
// Helpers shared by the ongelijk service's source files; not part of its interface.

#include <string>

#include "storage/wijkdata.h"

namespace gezondin::services {

// The population indicator of the demo, the kwb files and the CBS typed and export tables.
bool is_population_key(const storage::IndicatorMeta& m);

// True for "Stem" and for a CBS column "Stem_12".
bool matches_stem(const std::string& key, const std::string& stem);

}  // namespace gezondin::services
