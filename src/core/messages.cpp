#include "core/messages.h"

#include <optional>
#include <string>
#include <unordered_map>

#include "core/text.h"

namespace gezondin::i18n {
std::optional<std::string_view> embedded_file(std::string_view path);
}

namespace gezondin::core {

namespace {

using Catalogue = std::unordered_map<std::string_view, std::string_view>;

Catalogue load(std::string_view text) {
    Catalogue out;
    for (auto line : split(text, '\n')) {
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        out.emplace(trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
    }
    return out;
}

const Catalogue& catalogue() {
    static const Catalogue c = load(gezondin::i18n::embedded_file("nl.txt").value_or(""));
    return c;
}

}  // namespace

std::string_view msg(std::string_view key) {
    const auto& c = catalogue();
    auto it = c.find(key);
    return it == c.end() ? key : it->second;
}

bool has_msg(std::string_view key) { return catalogue().count(key) > 0; }

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
