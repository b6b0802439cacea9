#include "importers/region_code.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace gezondin::importers {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Region types CBS and RIVM publish beside the hierarchy (GGD regions, COROP, provinces, ...).
constexpr std::array<std::string_view, 10> other_prefixes = {"GG", "CG", "PV", "LD", "CR", "RE",
                                                               "JZ", "VR", "ZK", "AM"};

}  // namespace

RegionCode normalise_region_code(std::string_view raw) {
    std::string code(core::trim(raw));
    std::transform(code.begin(), code.end(), code.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    RegionCode out;
    if (code.size() < 3) {
        out.code = std::move(code);
        return out;
    }
    std::string_view prefix = std::string_view(code).substr(0, 2);
    std::string_view rest = std::string_view(code).substr(2);
    // Gemeente digits first; since 2022 Amsterdam numbers its wijken and buurten with letters
    // too (WK0363AA, BU0363AA01), so the wijk and buurt parts may be letters or digits.
    bool gemeente_digits = rest.size() >= 4 && all_digits(rest.substr(0, 4));
    bool tail_ok = std::all_of(rest.begin(), rest.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    });
    struct Rule { std::string_view prefix; std::size_t length; stats::AreaLevel level; };
    static constexpr std::array<Rule, 4> rules = {Rule{"NL", 2, stats::AreaLevel::Land},
                                                  Rule{"GM", 4, stats::AreaLevel::Gemeente},
                                                  Rule{"WK", 6, stats::AreaLevel::Wijk},
                                                  Rule{"BU", 8, stats::AreaLevel::Buurt}};
    for (const Rule& rule : rules) {
        bool shape = rule.level == stats::AreaLevel::Land ? all_digits(rest) : gemeente_digits && tail_ok;
        if (prefix == rule.prefix && rest.size() == rule.length && shape) {
            out.kind = RegionKind::Hierarchy;
            out.level = rule.level;
            out.code = rule.level == stats::AreaLevel::Land ? "NL01" : std::move(code);
            return out;
        }
    }
    if (!all_digits(rest)) {
        out.code = std::move(code);
        return out;
    }
    if (std::find(other_prefixes.begin(), other_prefixes.end(), prefix) != other_prefixes.end()) {
        out.kind = RegionKind::Other;
    }
    out.code = std::move(code);
    return out;
}

std::string parent_code_of(std::string_view code, stats::AreaLevel level) {
    switch (level) {
    case stats::AreaLevel::Land: return "";
    case stats::AreaLevel::Gemeente: return "NL01";
    case stats::AreaLevel::Wijk: return "GM" + std::string(code.substr(2, 4));
    case stats::AreaLevel::Buurt: return "WK" + std::string(code.substr(2, 6));
    }
    return "";
}

std::optional<stats::AreaLevel> level_from_word(std::string_view word) {
    std::string w = core::to_lower_ascii(core::trim(word));
    if (w == "land") return stats::AreaLevel::Land;
    if (w == "gemeente") return stats::AreaLevel::Gemeente;
    if (w == "wijk") return stats::AreaLevel::Wijk;
    if (w == "buurt") return stats::AreaLevel::Buurt;
    return std::nullopt;
}

const char* level_name(stats::AreaLevel level) {
    switch (level) {
    case stats::AreaLevel::Land: return "Land";
    case stats::AreaLevel::Gemeente: return "Gemeente";
    case stats::AreaLevel::Wijk: return "Wijk";
    case stats::AreaLevel::Buurt: return "Buurt";
    }
    return "";
}

}  // namespace gezondin::importers
