#pragma once
// Ready-made indicator sets for the need index, which users copy and adapt. The keys are the
// column stems of the CBS/RIVM tables (kerncijfers wijken en buurten, gezondheidsmonitor),
// so an importer can map them to its columns; the labels are Dutch for the interface.

#include <string>
#include <vector>

#include "stats/normalise.h"

namespace gezondin::stats {

struct PresetIndicator {
    std::string key;
    std::string label;  // Dutch
    Direction direction;
    double weight;
};

struct Preset {
    std::string id;     // stable, for URLs and saved scenarios
    std::string label;  // Dutch
    std::vector<PresetIndicator> indicators;
};

// "gezondheid", "bestaanszekerheid" and "gezondheid-en-bestaanszekerheid" (the union of the
// first two, each half of the weight).
const std::vector<Preset>& need_index_presets();

}  // namespace gezondin::stats
