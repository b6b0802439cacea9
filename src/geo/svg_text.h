#pragma once
// Text helpers for writing SVG (XML) safely, and Dutch number formatting.

#include <string>
#include <string_view>

namespace gezondin::geo {

// Appends `text` escaped for XML character data and attribute values (both quote styles):
// & < > " ' become entities; control characters that XML 1.0 forbids are dropped (tab,
// newline and carriage return are kept); invalid UTF-8 bytes become U+FFFD.
void append_xml_escaped(std::string& out, std::string_view text);

std::string xml_escaped(std::string_view text);

// A number the Dutch way: decimal comma, a full stop between thousands ("12.345,6"), exactly
// `decimals` decimals (0..6). Never "-0". Non-finite values give "?".
std::string format_number_nl(double value, int decimals);

// True for links a map may carry: a path ("/wijkdata/buurt/BU03630000"), a fragment ("#t"),
// or an http(s) address; no control characters or spaces. Rejects "javascript:" and other
// schemes and protocol-relative "//host".
bool is_safe_href(std::string_view href);

}  // namespace gezondin::geo
