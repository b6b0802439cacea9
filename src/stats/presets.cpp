#include "stats/presets.h"

namespace gezondin::stats {
namespace {

std::vector<PresetIndicator> health() {
    return {
        {"GoedErvarenGezondheid", "Ervaren gezondheid goed of zeer goed (%)", Direction::HigherIsBetter, 1},
        {"AngstDepressiegevoelens", "Hoog risico op angst of depressie (%)", Direction::HigherIsWorse, 1},
        {"SterkEenzaam", "Sterk eenzaam (%)", Direction::HigherIsWorse, 1},
        {"Overgewicht", "Overgewicht (%)", Direction::HigherIsWorse, 1},
        {"RooktTabak", "Rookt (%)", Direction::HigherIsWorse, 1},
    };
}

std::vector<PresetIndicator> livelihood() {
    return {
        {"MoeiteMetRondkomen", "Moeite met rondkomen (%)", Direction::HigherIsWorse, 1},
        {"HuishoudensMetEenLaagInkomen", "Huishoudens met een laag inkomen (%)", Direction::HigherIsWorse, 1},
        {"HuishOnderOfRondSociaalMinimum", "Huishoudens rond of onder het sociaal minimum (%)", Direction::HigherIsWorse, 1},
        {"GemiddeldInkomenPerInwoner", "Gemiddeld inkomen per inwoner", Direction::HigherIsBetter, 1},
        {"PersonenPerSoortUitkeringBijstand", "Inwoners met bijstand (per 1.000)", Direction::HigherIsWorse, 1},
    };
}

std::vector<PresetIndicator> both() {
    std::vector<PresetIndicator> all;
    for (auto part : {health(), livelihood()}) {
        for (auto& indicator : part) {
            indicator.weight /= 2;
            all.push_back(indicator);
        }
    }
    return all;
}

}  // namespace

const std::vector<Preset>& need_index_presets() {
    static const std::vector<Preset> presets = {
        {"gezondheid", "Gezondheid", health()},
        {"bestaanszekerheid", "Bestaanszekerheid", livelihood()},
        {"gezondheid-en-bestaanszekerheid", "Gezondheid en bestaanszekerheid", both()},
    };
    return presets;
}

}  // namespace gezondin::stats
