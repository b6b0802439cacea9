#include "core/messages.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"

namespace gezondin::i18n {
std::optional<std::string_view> embedded_file(std::string_view path);
std::vector<std::string_view> embedded_files();
}

namespace gezondin::core {

namespace {

using Catalogue = std::unordered_map<std::string_view, std::string_view>;

void load(std::string_view text, Catalogue& out, std::vector<std::string_view>& duplicates) {
    for (auto line : split(text, '\n')) {
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        auto key = trim(line.substr(0, eq));
        if (!out.emplace(key, trim(line.substr(eq + 1))).second) duplicates.push_back(key);
    }
}

struct Loaded {
    Catalogue texts;
    std::vector<std::string_view> duplicates;
};

// Every file under i18n/nl/ (one per part of the product) forms the one Dutch catalogue.
const Loaded& loaded() {
    static const Loaded l = [] {
        Loaded out;
        for (auto path : gezondin::i18n::embedded_files())
            if (path.starts_with("nl/")) load(gezondin::i18n::embedded_file(path).value_or(""), out.texts, out.duplicates);
        return out;
    }();
    return l;
}

const Catalogue& catalogue() { return loaded().texts; }

}  // namespace

std::string_view msg(std::string_view key) {
    const auto& c = catalogue();
    auto it = c.find(key);
    return it == c.end() ? key : it->second;
}

bool has_msg(std::string_view key) { return catalogue().count(key) > 0; }

std::vector<std::string_view> duplicate_msg_keys() { return loaded().duplicates; }

std::string msg(std::string_view key, std::initializer_list<std::string_view> args) {
    std::string_view text = msg(key);
    std::string out;
    out.reserve(text.size() + 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}' && text[i + 1] >= '0' &&
            text[i + 1] <= '9') {
            std::size_t n = static_cast<std::size_t>(text[i + 1] - '0');
            if (n < args.size()) out.append(*(args.begin() + n));
            i += 2;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

}  // namespace gezondin::core
