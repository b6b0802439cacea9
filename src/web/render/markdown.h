#pragma once
// Markdown to HTML with cmark-gfm in safe mode: raw HTML is dropped and unsafe link schemes
// (javascript:, vbscript:, data: except images) are emptied. Tables, strikethrough, autolinks
// and task lists are on.

#include <string>
#include <string_view>

namespace gezondin::web {

std::string markdown_to_html(std::string_view markdown);

// Markdown reduced to plain text (for feeds and meta descriptions): markup removed.
std::string markdown_to_text(std::string_view markdown);

}  // namespace gezondin::web
