#pragma once
// Test helpers for the geo library: tiny hand-made topologies, a minimal XML well-formedness
// check for the SVG output, and a decoder for the path data the map writes.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gezondin::geo::testing {

// Two unit squares side by side (A left, B right) sharing one arc, quantized with a transform:
// arc 0 is the shared border (10,0)->(10,10); B uses it reversed (~0 = -1) and arc 2 reversed.
inline constexpr std::string_view kTwoSquares = R"({
  "type": "Topology",
  "transform": {"scale": [0.001, 0.001], "translate": [5.0, 52.0]},
  "arcs": [
    [[10, 0], [0, 10]],
    [[10, 10], [-10, 0], [0, -10], [10, 0]],
    [[10, 10], [10, 0], [0, -10], [-10, 0]]
  ],
  "objects": {"layer": {"type": "GeometryCollection", "geometries": [
    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"statcode": "BU00010001", "statnaam": "A"}},
    {"type": "Polygon", "arcs": [[-1, -3]], "properties": {"statcode": "BU00010002", "statnaam": "B"}}
  ]}}
})";

inline std::optional<std::filesystem::path> shared_data() {
    const char* dir = std::getenv("GEZONDIN_SHARED_DATA");
    if (!dir || !std::filesystem::is_directory(dir)) return std::nullopt;
    return std::filesystem::path(dir);
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Checks that tags nest, attributes are quoted, and every '&' starts an entity. Returns an
// empty string when well-formed, else what is wrong. Enough for our own generated SVG.
inline std::string xml_problem(std::string_view xml) {
    std::vector<std::string> open;
    for (std::size_t i = 0; i < xml.size(); ++i) {
        char c = xml[i];
        if (c == '&') {
            auto semi = xml.find(';', i);
            if (semi == std::string_view::npos || semi - i > 8) return "bare & at " + std::to_string(i);
            continue;
        }
        if (c == '>') return "bare > at " + std::to_string(i);
        if (c != '<') continue;
        bool closing = i + 1 < xml.size() && xml[i + 1] == '/';
        std::size_t j = i + (closing ? 2 : 1);
        std::size_t name_end = xml.find_first_of(" />", j);
        if (name_end == std::string_view::npos) return "unterminated tag";
        std::string name(xml.substr(j, name_end - j));
        if (name.empty()) return "empty tag name at " + std::to_string(i);
        // Walk attributes, honouring quotes.
        std::size_t k = name_end;
        char quote = 0;
        for (; k < xml.size(); ++k) {
            if (quote) {
                if (xml[k] == quote) quote = 0;
                else if (xml[k] == '<') return "< inside attribute of " + name;
                continue;
            }
            if (xml[k] == '"' || xml[k] == '\'') quote = xml[k];
            else if (xml[k] == '>') break;
            else if (xml[k] == '=' && k + 1 < xml.size() && xml[k + 1] != '"' && xml[k + 1] != '\'')
                return "unquoted attribute in " + name;
        }
        if (k >= xml.size()) return "unterminated tag " + name;
        bool self_closing = xml[k - 1] == '/';
        if (closing) {
            if (open.empty() || open.back() != name) return "mismatched </" + name + ">";
            open.pop_back();
        } else if (!self_closing) {
            open.push_back(name);
        }
        i = k;
    }
    return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

inline std::size_t count(std::string_view text, std::string_view needle) {
    std::size_t n = 0;
    for (auto p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1)) ++n;
    return n;
}

// Absolute grid points of every ring in path data "M x y l dx dy ... z ...".
inline std::vector<std::vector<std::pair<long, long>>> decode_path(std::string_view d) {
    std::vector<std::vector<std::pair<long, long>>> rings;
    std::vector<long> numbers;
    auto flush = [&] {
        if (numbers.size() < 2) return;
        std::vector<std::pair<long, long>> ring{{numbers[0], numbers[1]}};
        for (std::size_t i = 2; i + 1 < numbers.size(); i += 2)
            ring.emplace_back(ring.back().first + numbers[i], ring.back().second + numbers[i + 1]);
        rings.push_back(std::move(ring));
        numbers.clear();
    };
    std::size_t i = 0;
    while (i < d.size()) {
        char c = d[i];
        if (c == 'M') { flush(); ++i; continue; }
        if (c == 'l' || c == ' ' || c == 'z') { ++i; continue; }
        std::size_t end = i + 1;
        while (end < d.size() && d[end] >= '0' && d[end] <= '9') ++end;
        numbers.push_back(std::stol(std::string(d.substr(i, end - i))));
        i = end;
    }
    flush();
    return rings;
}

}  // namespace gezondin::geo::testing
