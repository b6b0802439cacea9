#include "importers/line_source.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/text.h"
#include "importers/import_error.h"

namespace gezondin::importers {

namespace {

constexpr std::size_t chunk_size = 64 * 1024;

// Windows-1252 code points for bytes 0x80..0x9F; 0 marks bytes that are undefined there.
constexpr std::array<char16_t, 32> cp1252 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Offset of the first byte that is not part of well-formed UTF-8; npos when all is well.
std::size_t first_bad_byte(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || (len == 2 && b < 0xC2) || i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
        }
        if (len > 1 && !core::is_valid_utf8(s.substr(i, len))) return i;
        i += len;
    }
    return std::string_view::npos;
}

}  // namespace

LineSource::LineSource(std::istream& in, std::string file_name, Encoding encoding, std::size_t max_line_bytes)
    : m_in(in), m_file(std::move(file_name)), m_encoding(encoding), m_max_line(max_line_bytes) {}

bool LineSource::fill() {
    if (m_eof) return false;
    m_buffer.erase(0, m_pos);
    m_pos = 0;
    std::size_t old = m_buffer.size();
    m_buffer.resize(old + chunk_size);
    m_in.read(m_buffer.data() + old, static_cast<std::streamsize>(chunk_size));
    auto got = static_cast<std::size_t>(m_in.gcount());
    m_buffer.resize(old + got);
    m_bytes += got;
    if (got == 0) m_eof = true;
    return got > 0;
}

core::Result<std::optional<std::string_view>> LineSource::next() {
    std::size_t scan_from = m_pos;
    std::size_t newline;
    while ((newline = m_buffer.find('\n', scan_from)) == std::string::npos) {
        if (m_buffer.size() - m_pos > m_max_line) {
            return core::fail(import_error(Problem::LineTooLong, {m_file, m_line + 1, 0, ""},
                                           std::to_string(m_max_line)));
        }
        std::size_t scanned = m_buffer.size() - m_pos;
        if (!fill()) break;
        scan_from = scanned;  // fill() moved the unread part to the front of the buffer
    }
    if (m_in.bad()) return core::fail(import_error(Problem::Unreadable, {m_file, m_line + 1, 0, ""}));
    if (newline == std::string::npos && m_pos >= m_buffer.size()) return std::optional<std::string_view>{};
    std::size_t end = newline == std::string::npos ? m_buffer.size() : newline;
    if (end - m_pos > m_max_line) {
        return core::fail(import_error(Problem::LineTooLong, {m_file, m_line + 1, 0, ""}, std::to_string(m_max_line)));
    }
    m_line_text.assign(m_buffer, m_pos, end - m_pos);
    m_pos = newline == std::string::npos ? m_buffer.size() : newline + 1;
    ++m_line;
    if (!m_line_text.empty() && m_line_text.back() == '\r') m_line_text.pop_back();
    if (m_line == 1 && m_line_text.compare(0, 3, "\xEF\xBB\xBF") == 0) m_line_text.erase(0, 3);
    if (auto ok = decode(m_line_text); !ok) return core::fail(ok.error());
    return std::optional<std::string_view>{m_line_text};
}

core::Status LineSource::decode(std::string& line) const {
    bool ascii = std::all_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) return {};
    if (m_encoding == Encoding::Utf8) {
        std::size_t at = first_bad_byte(line);
        if (at == std::string_view::npos) return {};
        return core::fail(import_error(Problem::Encoding, {m_file, m_line, 0, ""}, std::to_string(at + 1)));
    }
    std::string out;
    out.reserve(line.size() + 16);
    for (char c : line) {
        auto b = static_cast<unsigned char>(c);
        char32_t cp = b;
        if (b >= 0x80 && b < 0xA0) cp = cp1252[b - 0x80] ? cp1252[b - 0x80] : b;
        append_utf8(out, cp);
    }
    line.swap(out);
    return {};
}

}  // namespace gezondin::importers
