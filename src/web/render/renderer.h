#pragma once
// Renders pages from Mustache templates (auto-escaping). Templates are compiled into the
// binary (templates/*.mustache); `[[key]]` in a template is replaced once, at load, by the
// Dutch text of that key in the message catalogue. Every page is wrapped in layout.mustache.
// Templates whose name starts with '_' are partials ({{> _item_card}}).

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "web/render/view.h"

namespace gezondin::web {

class Renderer {
public:
    // Loads and checks every embedded template; fails on a template with a syntax error.
    static core::Result<std::unique_ptr<Renderer>> load();
    ~Renderer();

    // Renders `page` (file name without .mustache) with `data` inside the layout.
    // `data` should hold "title"; the layout reads "title", "q" and "main_class".
    std::string render_page(std::string_view page, const View& data) const;
    // Renders a template alone, without the layout (htmx fragments, feeds, sitemaps).
    std::string render_fragment(std::string_view name, const View& data) const;

private:
    Renderer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace gezondin::web
