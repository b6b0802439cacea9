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

mustache::data to_data(const View& v) {
    switch (v.kind()) {
    case View::Kind::Empty: return mustache::data(false);
    case View::Kind::Text: return mustache::data(v.text());
    case View::Kind::Flag: return mustache::data(v.flag());
    case View::Kind::List: {
        mustache::data list{mustache::data::type::list};
        for (const auto& item : v.items()) list.push_back(to_data(item));
        return list;
    }
    case View::Kind::Object: {
        mustache::data obj;
        for (const auto& [k, m] : v.members()) obj.set(k, to_data(m));
        return obj;
    }
    }
    return mustache::data(false);
}

}  // namespace

struct Renderer::Impl {
    std::map<std::string, std::string, std::less<>> sources;   // after message substitution
    std::map<std::string, std::unique_ptr<mustache::mustache>, std::less<>> compiled;

    std::string render(std::string_view name, mustache::data& data) const {
        auto it = compiled.find(name);
        if (it == compiled.end()) return "<!-- missing template -->";
        for (const auto& [partial_name, src] : sources) {
            if (partial_name.front() != '_') continue;   // only _name templates are partials
            const std::string* text = &src;
            data.set(partial_name, mustache::partial([text] { return *text; }));
        }
        return it->second->render(data);
    }
};

Renderer::Renderer() : m_impl(std::make_unique<Impl>()) {}
Renderer::~Renderer() = default;

core::Result<std::unique_ptr<Renderer>> Renderer::load() {
    std::unique_ptr<Renderer> r(new Renderer());
    for (auto file : templates::embedded_files()) {
        if (file.size() < 9 || file.substr(file.size() - 9) != ".mustache") continue;
        std::string name(file.substr(0, file.size() - 9));
        std::string src = substitute_messages(*templates::embedded_file(file));
        auto compiled = std::make_unique<mustache::mustache>(src);
        if (!compiled->is_valid())
            return core::fail(core::Error::internal("template " + name + ": " + compiled->error_message()));
        r->m_impl->sources.emplace(name, std::move(src));
        r->m_impl->compiled.emplace(std::move(name), std::move(compiled));
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
