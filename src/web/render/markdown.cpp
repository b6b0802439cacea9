#include "web/render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>

namespace gezondin::web {

namespace {

std::string render(std::string_view markdown, bool as_text) {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
    const int options = CMARK_OPT_DEFAULT;   // safe: raw HTML omitted, unsafe URLs removed
    cmark_parser* parser = cmark_parser_new(options);
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"})
        if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser, ext);
    cmark_parser_feed(parser, markdown.data(), markdown.size());
    cmark_node* doc = cmark_parser_finish(parser);
    char* out = as_text ? cmark_render_plaintext(doc, options, 0)
                        : cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
    std::string html(out ? out : "");
    std::free(out);
    cmark_node_free(doc);
    cmark_parser_free(parser);
    return html;
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) { return render(markdown, false); }
std::string markdown_to_text(std::string_view markdown) { return render(markdown, true); }

}  // namespace gezondin::web
