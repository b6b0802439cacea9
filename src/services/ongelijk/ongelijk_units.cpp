// Ongelijk: which indicators are shares in percent, so that their differences are told in
// procentpunt.

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string_view>

#include "services/ongelijk/ongelijk.h"

namespace gezondin::services {
namespace {

// CBS keys are "Stem_12" in the typed tables; the stem is what stays the same between years.
std::string_view stem_of(std::string_view key) {
    auto underscore = key.rfind('_');
    if (underscore == std::string_view::npos || underscore + 1 == key.size()) return key;
    bool digits = std::all_of(key.begin() + static_cast<long>(underscore) + 1, key.end(),
                              [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    return digits ? key.substr(0, underscore) : key;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Shares in the Kerncijfers wijken en buurten (typed tables) whose names do not say so.
bool known_cbs_share(std::string_view stem) {
    static constexpr std::array<std::string_view, 17> shares = {
        "Koopwoningen", "HuurwoningenTotaal", "InBezitWoningcorporatie", "InBezitOverigeVerhuurders",
        "EigendomOnbekend", "BouwjaarVoor2000", "BouwjaarVanaf2000", "Nettoarbeidsparticipatie",
        "k_40PersonenMetLaagsteInkomen", "k_20PersonenMetHoogsteInkomen", "k_40HuishoudensMetLaagsteInkomen",
        "k_20HuishoudensMetHoogsteInkomen", "HuishoudensMetEenLaagInkomen", "HuishOnderOfRondSociaalMinimum",
        "HuishoudensTot110VanSociaalMinimum", "HuishoudensTot120VanSociaalMinimum", "Dekkingspercentage",
    };
    return std::find(shares.begin(), shares.end(), stem) != shares.end();
}

// The RIVM health monitor per wijk and buurt reports every indicator as a percentage.
bool health_monitor(const storage::IndicatorMeta& meta) {
    return meta.table_id.rfind("50120NED", 0) == 0 || meta.table_id.rfind("50140NED", 0) == 0;
}

bool named_as_share(const storage::IndicatorMeta& meta) {
    std::string key = lower(meta.key), label = lower(meta.label);
    if (key.rfind("p_", 0) == 0) return true;  // short kwb names: p_hh_li, p_wmo_t, ...
    for (const auto* word : {"percentage", "aandeel", "procent", "%"}) {
        if (key.find(word) != std::string::npos || label.find(word) != std::string::npos) return true;
    }
    return known_cbs_share(stem_of(meta.key)) || health_monitor(meta);
}

}  // namespace

bool is_percentage(const storage::IndicatorMeta& meta, std::span<const double> values) {
    if (meta.unit == "%") return true;
    if (!meta.unit.empty() || !named_as_share(meta)) return false;
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isnan(v) || (v >= 0 && v <= 100); });
}

}  // namespace gezondin::services
