#include "importers/xml_scanner.h"

#include <charconv>

namespace gezondin::importers {

namespace {

std::string_view local_name(std::string_view name) {
    std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

XmlToken token_of(XmlToken::Kind kind) {
    XmlToken token;
    token.kind = kind;
    return token;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void append_code_point(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

}  // namespace

XmlToken XmlScanner::next() {
    using Kind = XmlToken::Kind;
    if (m_pos >= m_xml.size()) return token_of(Kind::End);
    if (m_xml[m_pos] != '<') {
        std::size_t end = m_xml.find('<', m_pos);
        if (end == std::string_view::npos) end = m_xml.size();
        XmlToken token{Kind::Text, {}, {}, m_xml.substr(m_pos, end - m_pos)};
        m_pos = end;
        return token;
    }
    std::string_view rest = m_xml.substr(m_pos);
    auto skip_until = [&](std::string_view closing) -> std::optional<XmlToken> {
        std::size_t end = rest.find(closing);
        if (end == std::string_view::npos) return token_of(Kind::Incomplete);
        m_pos += end + closing.size();
        return std::nullopt;
    };
    if (rest.rfind("<?", 0) == 0 || rest.rfind("<!--", 0) == 0 || rest.rfind("<!DOCTYPE", 0) == 0) {
        std::string_view closing = rest[1] == '?' ? "?>" : rest[1] == '!' && rest.rfind("<!--", 0) == 0 ? "-->" : ">";
        if (auto t = skip_until(closing)) return *t;
        return next();
    }
    if (rest.rfind("<![CDATA[", 0) == 0) {
        std::size_t end = rest.find("]]>");
        if (end == std::string_view::npos) return token_of(Kind::Incomplete);
        m_pos += end + 3;
        return {Kind::Text, {}, {}, rest.substr(9, end - 9)};
    }
    std::size_t close = rest.find('>');
    if (close == std::string_view::npos) return token_of(Kind::Incomplete);
    std::string_view inner = rest.substr(1, close - 1);
    m_pos += close + 1;
    Kind kind = Kind::Open;
    if (!inner.empty() && inner.front() == '/') {
        kind = Kind::Close;
        inner.remove_prefix(1);
    } else if (!inner.empty() && inner.back() == '/') {
        kind = Kind::Empty;
        inner.remove_suffix(1);
    }
    std::size_t name_end = 0;
    while (name_end < inner.size() && !is_space(inner[name_end])) ++name_end;
    if (name_end == 0) return token_of(Kind::Error);
    return {kind, local_name(inner.substr(0, name_end)), inner.substr(name_end), {}};
}

std::optional<std::string_view> xml_attribute(std::string_view attributes, std::string_view name) {
    std::size_t i = 0;
    while (i < attributes.size()) {
        while (i < attributes.size() && is_space(attributes[i])) ++i;
        std::size_t eq = attributes.find('=', i);
        if (eq == std::string_view::npos || eq + 1 >= attributes.size()) return std::nullopt;
        std::string_view key = attributes.substr(i, eq - i);
        while (!key.empty() && is_space(key.back())) key.remove_suffix(1);
        std::size_t q = eq + 1;
        while (q < attributes.size() && is_space(attributes[q])) ++q;
        if (q >= attributes.size() || (attributes[q] != '"' && attributes[q] != '\'')) return std::nullopt;
        std::size_t end = attributes.find(attributes[q], q + 1);
        if (end == std::string_view::npos) return std::nullopt;
        if (local_name(key) == name) return attributes.substr(q + 1, end - q - 1);
        i = end + 1;
    }
    return std::nullopt;
}

bool append_xml_text(std::string_view raw, std::string& out) {
    std::size_t i = 0;
    while (i < raw.size()) {
        std::size_t amp = raw.find('&', i);
        if (amp == std::string_view::npos) {
            out.append(raw.substr(i));
            return true;
        }
        out.append(raw.substr(i, amp - i));
        std::size_t semi = raw.find(';', amp);
        if (semi == std::string_view::npos || semi - amp > 10) return false;
        std::string_view entity = raw.substr(amp + 1, semi - amp - 1);
        if (entity == "amp") out.push_back('&');
        else if (entity == "lt") out.push_back('<');
        else if (entity == "gt") out.push_back('>');
        else if (entity == "quot") out.push_back('"');
        else if (entity == "apos") out.push_back('\'');
        else if (entity.size() > 1 && entity[0] == '#') {
            bool hex = entity[1] == 'x' || entity[1] == 'X';
            std::string_view digits = entity.substr(hex ? 2 : 1);
            std::uint32_t cp = 0;
            auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
            if (ec != std::errc() || end != digits.data() + digits.size() || cp == 0 || cp > 0x10FFFF ||
                (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            append_code_point(out, cp);
        } else {
            return false;
        }
        i = semi + 1;
    }
    return true;
}

}  // namespace gezondin::importers
