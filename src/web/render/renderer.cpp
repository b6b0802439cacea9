#include "web/render/renderer.h"

#include <kainjow/mustache.hpp>

#include <map>
#include <optional>
#include <vector>

#include "core/messages.h"

namespace gezondin::templates {
std::optional<std::string_view> embedded_file(std::string_view path);
std::vector<std::string_view> embedded_files();
}  // namespace gezondin::templates

namespace gezondin::web {

namespace mustache = kainjow::mustache;

namespace {

// Replaces [[key]] by the catalogue text for key.
std::string substitute_messages(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 2, "[[") == 0) {
            auto end = text.find("]]", i + 2);
            if (end != std::string_view::npos) {
                out += core::msg(text.substr(i + 2, end - i - 2));
                i = end + 2;
                continue;
            }
        }
        out.push_back(text[i++]);
    }
    return out;
}

// `src` with every `{{> _name}}` replaced by the source of template `_name`, itself expanded:
// partials are parsed once at load time instead of at every use (a search page used the item
// card twenty times). Mustache renders a partial in the context where it stands, which is what
// the text in its place does too. Fails on an unknown partial or a cycle.
core::Result<std::string> expand_partials(std::string_view src, const std::map<std::string, std::string, std::less<>>& sources,
                                          int depth = 0) {
    if (depth > 8) return core::fail(core::Error::internal("template partials nest too deep (a cycle?)"));
    std::string out;
    out.reserve(src.size());
    std::size_t at = 0;
    for (auto open = src.find("{{>", at); open != std::string_view::npos; open = src.find("{{>", at)) {
        auto close = src.find("}}", open);
        if (close == std::string_view::npos) break;
        out.append(src.substr(at, open - at));
        auto name = std::string(src.substr(open + 3, close - open - 3));
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        auto partial = sources.find(name);
        if (partial == sources.end()) return core::fail(core::Error::internal("unknown template partial " + name));
        auto inner = expand_partials(partial->second, sources, depth + 1);
        if (!inner) return inner;
        out += *inner;
        at = close + 2;
    }
    out.append(src.substr(at));
    return out;
}

// kainjow's push_back() and set() copy their argument, which copied each subtree once per
// level of nesting (a fifth of a search page's time). The converted child is moved into the
// slot they made instead; the slot is a non-const object owned by `list`/`obj`, so casting away
// the const of the accessor is sound.
mustache::data to_data(const View& v) {
    switch (v.kind()) {
    case View::Kind::Empty: return mustache::data(false);
    case View::Kind::Text: return mustache::data(v.text());
    case View::Kind::Flag: return mustache::data(v.flag());
    case View::Kind::List: {
        mustache::data list{mustache::data::type::list};
        // Its move constructor is not noexcept, so a growing vector would copy every element.
        const_cast<mustache::basic_list<std::string>&>(list.list_value()).reserve(v.items().size());
        for (const auto& item : v.items()) {
            list.push_back(mustache::data(false));
            const_cast<mustache::data&>(list.list_value().back()) = to_data(item);
        }
        return list;
    }
    case View::Kind::Object: {
        mustache::data obj;
        for (const auto& [k, m] : v.members()) {
            obj.set(k, mustache::data(false));
            *const_cast<mustache::data*>(obj.get(k)) = to_data(m);
        }
        return obj;
    }
    }
    return mustache::data(false);
}

}  // namespace

struct Renderer::Impl {
    // After message substitution and partial expansion, compiled once.
    std::map<std::string, std::unique_ptr<mustache::mustache>, std::less<>> compiled;

    std::string render(std::string_view name, mustache::data& data) const {
        auto it = compiled.find(name);
        if (it == compiled.end()) return "<!-- missing template -->";
        return it->second->render(data);
    }
};

Renderer::Renderer() : m_impl(std::make_unique<Impl>()) {}
Renderer::~Renderer() = default;

core::Result<std::unique_ptr<Renderer>> Renderer::load() {
    std::unique_ptr<Renderer> r(new Renderer());
    std::map<std::string, std::string, std::less<>> sources;
    for (auto file : templates::embedded_files()) {
        if (file.size() < 9 || file.substr(file.size() - 9) != ".mustache") continue;
        sources.emplace(std::string(file.substr(0, file.size() - 9)), substitute_messages(*templates::embedded_file(file)));
    }
    for (const auto& [name, src] : sources) {
        auto expanded = expand_partials(src, sources);
        if (!expanded) return core::fail(core::Error::internal("template " + name + ": " + expanded.error().message()));
        auto compiled = std::make_unique<mustache::mustache>(*expanded);
        if (!compiled->is_valid())
            return core::fail(core::Error::internal("template " + name + ": " + compiled->error_message()));
        r->m_impl->compiled.emplace(name, std::move(compiled));
    }
    return r;
}

std::string Renderer::render_page(std::string_view page, const View& data) const {
    auto d = to_data(data);
    std::string content = m_impl->render(page, d);
    d.set("content", content);
    return m_impl->render("layout", d);
}

std::string Renderer::render_fragment(std::string_view name, const View& data) const {
    auto d = to_data(data);
    return m_impl->render(name, d);
}

}  // namespace gezondin::web
