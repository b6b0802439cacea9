#include "importers/header.h"

#include <array>
#include <cctype>
#include <unordered_set>

#include "core/text.h"
#include "importers/import_error.h"

namespace gezondin::importers {

core::Status check_header(std::vector<std::string>& names, std::string_view file, long line) {
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        names[i] = std::string(core::trim(names[i]));
        if (names[i].empty()) continue;
        if (!seen.insert(names[i]).second) {
            return core::fail(import_error(Problem::DuplicateColumn, {file, line, static_cast<int>(i + 1), names[i]}));
        }
    }
    return {};
}

core::Status check_delimiter(const std::vector<std::string>& fields, std::string_view raw, char expected,
                             std::string_view file, long line) {
    if (fields.size() != 1) return {};
    for (char other : {',', '\t', ';'}) {
        if (other != expected && raw.find(other) != std::string_view::npos) {
            std::string found = other == '\t' ? "tab" : std::string(1, other);
            return core::fail(import_error(Problem::Delimiter, {file, line, 0, ""}, found));
        }
    }
    return {};
}

int find_column(const std::vector<std::string>& names, std::string_view wanted) {
    std::string lower = core::to_lower_ascii(wanted);
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (core::to_lower_ascii(names[i]) == lower) return static_cast<int>(i);
    }
    return -1;
}

std::optional<std::string> cbs_table_id(std::string_view name) {
    for (std::size_t i = 0; i + 8 <= name.size(); ++i) {
        bool digits = true;
        for (std::size_t k = 0; k < 5; ++k) digits = digits && std::isdigit(static_cast<unsigned char>(name[i + k]));
        if (!digits || (i > 0 && std::isdigit(static_cast<unsigned char>(name[i - 1])))) continue;
        std::string suffix(name.substr(i + 5, 3));
        for (char& c : suffix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (suffix == "NED" || suffix == "ENG") return std::string(name.substr(i, 5)) + suffix;
    }
    return std::nullopt;
}

std::optional<int> known_table_year(std::string_view table_id) {
    struct Known { std::string_view id; int year; };
    static constexpr std::array<Known, 10> known = {
        Known{"84286NED", 2018}, {"84583NED", 2019}, {"84799NED", 2020}, {"85039NED", 2021},
        {"85318NED", 2022},      {"85618NED", 2023}, {"85984NED", 2024}, {"50090NED", 2020},
        {"50120NED", 2022},      {"50140NED", 2024}};
    for (const Known& k : known) {
        if (k.id == table_id) return k.year;
    }
    return std::nullopt;
}

std::string file_stem(std::string_view name) {
    std::size_t slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::size_t dot = name.rfind('.');
    if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
    // StatLine appends "_ddmmyyyy_hhmmss" to the names of its exports.
    auto digits_at = [&](std::size_t from, std::size_t count) {
        for (std::size_t k = from; k < from + count; ++k) {
            if (!std::isdigit(static_cast<unsigned char>(name[k]))) return false;
        }
        return true;
    };
    if (name.size() > 16 && name[name.size() - 16] == '_' && name[name.size() - 7] == '_' &&
        digits_at(name.size() - 15, 8) && digits_at(name.size() - 6, 6)) {
        name = name.substr(0, name.size() - 16);
    }
    return std::string(name);
}

}  // namespace gezondin::importers
