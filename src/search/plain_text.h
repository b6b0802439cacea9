#pragma once
// Rough Markdown-to-text conversion for indexing and result excerpts. Not a Markdown parser:
// it drops the syntax people see as noise in a snippet (headings, list and quote markers,
// emphasis, code fences, link targets, HTML tags) and keeps the words.

#include <cstddef>
#include <string>
#include <string_view>

namespace gezondin::search {

// Plain text of a Markdown body: link and image text kept, URLs dropped, lines joined with
// single spaces. Valid UTF-8 in gives valid UTF-8 out.
std::string markdown_to_plain(std::string_view markdown);

// At most `max_bytes` bytes of `text`, cut at a word boundary (or at least a UTF-8 character
// boundary) with "…" appended when anything was cut.
std::string bounded_excerpt(std::string_view text, std::size_t max_bytes);

}  // namespace gezondin::search
