#include "geo/svg_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.h"

namespace gezondin::geo {

namespace {

// Length of the well-formed UTF-8 sequence at s[i], or 0 when it is not well-formed.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    return core::is_valid_utf8(s.substr(i, n)) ? n : 0;
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        switch (c) {
            case '&': out += "&amp;"; ++i; continue;
            case '<': out += "&lt;"; ++i; continue;
            case '>': out += "&gt;"; ++i; continue;
            case '"': out += "&quot;"; ++i; continue;
            case '\'': out += "&#39;"; ++i; continue;
            default: break;
        }
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20) {
            if (c == '\t' || c == '\n' || c == '\r') out += c;
            ++i;
            continue;
        }
        if (u < 0x80) {
            out += c;
            ++i;
            continue;
        }
        std::size_t n = utf8_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD replacement character
            ++i;
            continue;
        }
        out.append(text.substr(i, n));
        i += n;
    }
}

std::string xml_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_xml_escaped(out, text);
    return out;
}

std::string format_number_nl(double value, int decimals) {
    if (!std::isfinite(value)) return "?";
    decimals = std::clamp(decimals, 0, 6);
    char buffer[64];
    int n = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::abs(value));
    if (n <= 0 || n >= static_cast<int>(sizeof buffer)) return "?";
    std::string digits(buffer, static_cast<std::size_t>(n));
    auto dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    std::string out;
    bool nonzero = digits.find_first_of("123456789") != std::string::npos;
    if (value < 0 && nonzero) out += '-';
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += '.';
        out += whole[i];
    }
    if (dot != std::string::npos) out += ',' + digits.substr(dot + 1);
    return out;
}

bool is_safe_href(std::string_view href) {
    if (href.empty()) return false;
    for (char c : href) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
    }
    if (href[0] == '#') return true;
    if (href[0] == '/') return href.size() == 1 || href[1] != '/';
    return core::starts_with_ci(href, "https://") || core::starts_with_ci(href, "http://");
}

}  // namespace gezondin::geo
