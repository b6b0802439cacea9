#pragma once
// LineSource: reads lines from a std::istream through a fixed buffer, so a file of any size
// is read with bounded memory (one buffer of 64 KB plus the longest line, which is capped).
// It removes a UTF-8 byte order mark at the start and the '\r' of CRLF line ends, and checks
// the encoding of every line: UTF-8 by default, or transcodes Windows-1252/Latin-1 to UTF-8
// when asked. The stream must outlive the source. Not thread-safe.

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace gezondin::importers {

enum class Encoding : std::uint8_t {
    Utf8,    // the default; other bytes are an error that names line and byte
    Latin1,  // Windows-1252 (a superset of ISO-8859-1), as saved by Excel; transcoded to UTF-8
};

class LineSource {
public:
    LineSource(std::istream& in, std::string file_name, Encoding encoding, std::size_t max_line_bytes);

    // The next line without its line end, valid until the next call; nullopt at the end.
    // Fails on a line longer than the limit, on bytes that are not in the encoding, or on a
    // read error of the stream.
    [[nodiscard]] core::Result<std::optional<std::string_view>> next();

    // Number of the line last returned (1-based); 0 before the first call.
    long line_number() const { return m_line; }
    const std::string& file_name() const { return m_file; }
    // Bytes read from the stream so far.
    std::size_t bytes_read() const { return m_bytes; }

private:
    bool fill();
    core::Status decode(std::string& line) const;

    std::istream& m_in;
    std::string m_file;
    Encoding m_encoding;
    std::size_t m_max_line;
    std::string m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_bytes = 0;
    std::string m_line_text;
    std::string m_scratch;
    long m_line = 0;
    bool m_eof = false;
};

}  // namespace gezondin::importers
