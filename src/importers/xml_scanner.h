#pragma once
// A small XML pull scanner, enough for the parts of an xlsx package (workbook, relationships,
// shared strings, worksheets): tags with attributes, text, entities. No DTDs, no validation.
// It works on a view of a buffer that may end in the middle of a tag: then it returns
// Incomplete and the caller adds more bytes and scans again. Internal to the importers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gezondin::importers {

struct XmlToken {
    enum class Kind : std::uint8_t { Open, Close, Empty, Text, End, Incomplete, Error };
    Kind kind = Kind::End;
    std::string_view name;        // local name, without a namespace prefix ("row" for "x:row")
    std::string_view attributes;  // raw text after the name, for xml_attribute()
    std::string_view text;        // raw text, entities not yet decoded
};

class XmlScanner {
public:
    explicit XmlScanner(std::string_view xml, std::size_t start = 0) : m_xml(xml), m_pos(start) {}
    XmlToken next();
    // Offset just after the last token returned.
    std::size_t position() const { return m_pos; }

private:
    std::string_view m_xml;
    std::size_t m_pos;
};

// The raw value of attribute `name` (matched on its local name) in a tag's attribute text.
std::optional<std::string_view> xml_attribute(std::string_view attributes, std::string_view name);

// Appends `raw` to `out` with the five named entities and &#N; / &#xN; decoded. False on a
// malformed entity.
bool append_xml_text(std::string_view raw, std::string& out);

}  // namespace gezondin::importers
