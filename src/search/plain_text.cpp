#include "search/plain_text.h"

#include "core/text.h"

namespace gezondin::search {

namespace {

// Removes block markers at the start of a line: "#", ">", "-", "*", "+", "1.", "|".
std::string_view strip_line_marker(std::string_view line) {
    for (;;) {
        line = core::trim(line);
        if (line.empty()) return line;
        char c = line.front();
        if (c == '#' || c == '>' || c == '|') { line.remove_prefix(1); continue; }
        if ((c == '-' || c == '*' || c == '+') && line.size() > 1 && line[1] == ' ') { line.remove_prefix(2); continue; }
        std::size_t digits = 0;
        while (digits < line.size() && digits < 4 && line[digits] >= '0' && line[digits] <= '9') ++digits;
        if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') && line[digits + 1] == ' ') {
            line.remove_prefix(digits + 2);
            continue;
        }
        return line;
    }
}

void append_inline(std::string& out, std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '*' || c == '_' || c == '`' || c == '~' || c == '|') continue;
        if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') continue;
        if (c == '[' || c == ']') continue;
        if (c == '(' && i > 0 && s[i - 1] == ']') {  // link target: skip to the closing parenthesis
            auto close = s.find(')', i);
            if (close != std::string_view::npos) { i = close; continue; }
        }
        if (c == '<') {  // HTML tag or autolink: drop it
            auto close = s.find('>', i);
            if (close != std::string_view::npos) { i = close; continue; }
        }
        out.push_back(c);
    }
}

bool is_fence(std::string_view line) { return line.starts_with("```") || line.starts_with("~~~"); }

}  // namespace

std::string markdown_to_plain(std::string_view markdown) {
    std::string out;
    out.reserve(markdown.size());
    bool in_fence = false;
    for (auto raw : core::split(markdown, '\n')) {
        auto trimmed = core::trim(raw);
        if (is_fence(trimmed)) { in_fence = !in_fence; continue; }
        auto line = in_fence ? trimmed : strip_line_marker(raw);
        if (line.empty() || line.find_first_not_of("-=*_ |:") == std::string_view::npos) continue;
        if (!out.empty()) out.push_back(' ');
        if (in_fence) out.append(line);
        else append_inline(out, line);
    }
    return out;
}

std::string bounded_excerpt(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    auto space = text.rfind(' ', cut);
    if (space != std::string_view::npos && space > max_bytes / 2) cut = space;
    return std::string(core::trim(text.substr(0, cut))) + "…";
}

}  // namespace gezondin::search
