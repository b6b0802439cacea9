#include "web/api/api_v1.h"

#include <nlohmann/json.hpp>

#include <charconv>

#include "core/messages.h"
#include "domain/taxonomy.h"
#include "search/query_params.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/http/url.h"
#include "web/pages/view_helpers.h"
#include "web/render/markdown.h"

namespace gezondin::web {

using nlohmann::json;

namespace {

Response json_response(const json& body, int status = 200) {
    auto r = Response::json(body.dump(-1, ' ', false, json::error_handler_t::replace), status);
    r.set_header("API-Version", "1.0.0");
    return r;
}

Response problem(const core::Error& e) {
    auto r = problem_response(e, http_status(e.code()));
    r.set_header("API-Version", "1.0.0");
    return r;
}

json item_json(const domain::Item& item, const Context& ctx, bool full) {
    json links = json::array();
    for (const auto& l : item.links) links.push_back({{"url", l.url}, {"title", l.title}});
    json j = {{"id", item.id},
              {"external_id", item.external_id},
              {"type", std::string(domain::to_slug(item.type))},
              {"title", item.title},
              {"summary", item.summary},
              {"date", item.date.to_string()},
              {"themes", item.themes},
              {"gala_goals", item.gala_goals},
              {"tracks", item.tracks},
              {"level", std::string(domain::to_slug(item.level))},
              {"municipality", item.municipality_code.empty() ? json(nullptr) : json(item.municipality_code)},
              {"updated_at", item.updated_at},
              {"_links", {{"self", {{"href", ctx.config.base_url + "/api/v1/items/" + std::to_string(item.id)}}},
                          {"html", {{"href", ctx.config.base_url + domain::item_path(item)}}}}}};
    if (full) {
        j["body"] = item.body;
        j["body_html"] = markdown_to_html(item.body);
        j["links"] = links;
        j["created_at"] = item.created_at;
    }
    return j;
}

bool parse_long(std::string_view s, long& out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

json page_links(const Context& ctx, const std::string& path, long page, long per_page, long total) {
    auto url = [&](long p) {
        Params params;
        for (const auto& kv : ctx.request.query)
            if (kv.first != "pagina") params.push_back(kv);
        params.emplace_back("pagina", std::to_string(p));
        return ctx.config.base_url + path + "?" + build_query_string(params);
    };
    long pages = std::max(1L, (total + per_page - 1) / per_page);
    json links = {{"self", {{"href", url(page)}}}, {"first", {{"href", url(1)}}}, {"last", {{"href", url(pages)}}}};
    if (page > 1) links["prev"] = {{"href", url(std::min(page - 1, pages))}};
    if (page < pages) links["next"] = {{"href", url(page + 1)}};
    return links;
}

}  // namespace

Response api_items(const Context& ctx) {
    long page = 1, per_page = 20;
    std::vector<core::FieldProblem> problems;
    if (auto p = ctx.request.param("pagina"); !p.empty() && (!parse_long(p, page) || page < 1 || page > 100000))
        problems.push_back({"pagina", std::string(core::msg("api.bad_page")), 0});
    if (auto p = ctx.request.param("per_pagina"); !p.empty() && (!parse_long(p, per_page) || per_page < 1 || per_page > 100))
        problems.push_back({"per_pagina", std::string(core::msg("api.bad_per_page")), 0});
    storage::ItemFilter filter;
    filter.theme = std::string(ctx.request.param("thema"));
    filter.track = std::string(ctx.request.param("spoor"));
    filter.municipality_code = std::string(ctx.request.param("gemeente"));
    if (auto g = ctx.request.param("doel"); !g.empty()) {
        long n = 0;
        if (!parse_long(g, n) || n < 1 || n > 7) problems.push_back({"doel", std::string(core::msg("api.bad_goal")), 0});
        filter.gala_goal = static_cast<int>(n);
    }
    if (!problems.empty()) return problem(core::Error::invalid_input(std::string(core::msg("api.bad_params")), problems));
    auto result = ctx.kb.list(filter, (page - 1) * per_page, per_page);
    if (!result) return problem(result.error());
    json items = json::array();
    for (const auto& item : result->items) items.push_back(item_json(item, ctx, false));
    return json_response({{"total", result->total}, {"page", page}, {"per_page", per_page}, {"items", items},
                          {"_links", page_links(ctx, "/api/v1/items", page, per_page, result->total)}});
}

Response api_item(const Context& ctx, std::string_view id_text) {
    long id = 0;
    if (!parse_long(id_text, id) || id <= 0)
        return problem(core::Error::invalid_input(std::string(core::msg("error.bad_item_id")), {{"id", std::string(core::msg("error.bad_item_id")), 0}}));
    auto item = ctx.kb.item(id);
    if (!item) return problem(item.error());
    return json_response(item_json(*item, ctx, true));
}

Response api_search(const Context& ctx) {
    auto query = search::parse_search_params(ctx.request.query, ctx.kb.taxonomy());
    if (!query) return problem(query.error());
    auto result = ctx.kb.search(*query);
    if (!result) return problem(result.error());
    json results = json::array();
    for (const auto& hit : result->hits) {
        domain::Item stub;
        stub.id = hit.id;
        stub.title = hit.title;
        results.push_back({{"id", hit.id}, {"external_id", hit.external_id}, {"title", hit.title}, {"type", hit.type},
                           {"date", hit.date}, {"score", hit.score}, {"summary", hit.summary},
                           {"snippet_html", hit.snippet_html},
                           {"municipality", hit.municipality_code.empty() ? json(nullptr) : json(hit.municipality_code)},
                           {"_links", {{"self", {{"href", ctx.config.base_url + "/api/v1/items/" + std::to_string(hit.id)}}},
                                       {"html", {{"href", ctx.config.base_url + domain::item_path(stub)}}}}}});
    }
    json facets = json::object();
    for (const auto& [facet, counts] : result->facets) {
        json list = json::array();
        for (const auto& fc : counts)
            list.push_back({{"value", fc.value}, {"label", facet_value_label(facet, fc.value, ctx.kb)}, {"count", fc.count}});
        facets[search::facet_key(facet)] = list;
    }
    json body = {{"query", query->text}, {"total", result->total}, {"page", query->page}, {"per_page", query->page_size},
                 {"results", results}, {"facets", facets},
                 {"suggestion", result->suggestion ? json(*result->suggestion) : json(nullptr)},
                 {"_links", page_links(ctx, "/api/v1/search", query->page, query->page_size, result->total)}};
    return json_response(body);
}

Response api_taxonomies(const Context& ctx) {
    const auto& tax = ctx.kb.taxonomy();
    json types = json::array(), levels = json::array(), tracks = json::array(), goals = json::array(), themes = json::array();
    for (auto t : domain::all_item_types()) types.push_back({{"id", std::string(domain::to_slug(t))}, {"label", std::string(domain::label(t))}});
    for (auto l : domain::all_levels()) levels.push_back({{"id", std::string(domain::to_slug(l))}, {"label", std::string(domain::label(l))}});
    for (const auto& t : tax.tracks()) tracks.push_back({{"id", t.slug}, {"label", t.label}});
    for (const auto& g : tax.gala_goals()) goals.push_back({{"id", g.number}, {"label", g.label}});
    for (const auto& t : tax.themes()) themes.push_back({{"id", t.slug}, {"label", t.label}});
    return json_response({{"types", types}, {"levels", levels}, {"tracks", tracks}, {"gala_goals", goals}, {"themes", themes}});
}

}  // namespace gezondin::web

namespace gezondin::static_assets {
std::optional<std::string_view> embedded_file(std::string_view path);
}

namespace gezondin::web {

Response api_openapi(const Context& ctx) {
    std::string doc(static_assets::embedded_file("openapi.json").value_or("{}"));
    const std::string marker = "{{base_url}}";
    for (auto pos = doc.find(marker); pos != std::string::npos; pos = doc.find(marker, pos))
        doc.replace(pos, marker.size(), ctx.config.base_url);
    auto r = Response::text(std::move(doc), "application/vnd.oai.openapi+json;version=3.0");
    r.set_header("API-Version", "1.0.0");
    return r;
}

}  // namespace gezondin::web
