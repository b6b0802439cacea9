#include <algorithm>

#include "core/messages.h"
#include "search/query_params.h"
#include "web/errors.h"
#include "web/http/url.h"
#include "web/pages/kennisbank_pages.h"
#include "web/pages/view_helpers.h"

namespace gezondin::web {

namespace {

std::string count_label(long total, const std::string& q) {
    std::string n = total == 0 ? std::string(core::msg("search.count_none"))
                   : total == 1 ? std::string(core::msg("search.count_one"))
                                : core::msg("search.count_many", {std::to_string(total)});
    return q.empty() ? n : core::msg("search.count_for", {n, q});
}

// The request's parameters without "pagina", and without one (key, value) pair if given.
Params params_without(const Params& params, std::string_view key = {}, std::string_view value = {}) {
    Params out;
    for (const auto& p : params) {
        if (p.first == "pagina") continue;
        if (!key.empty() && p.first == key && (value.empty() || p.second == value)) continue;
        out.push_back(p);
    }
    return out;
}

std::string url_with(const Params& params) {
    auto qs = build_query_string(params);
    return qs.empty() ? "/kennisbank" : "/kennisbank?" + qs;
}

View facets_view(const search::SearchQuery& query, const search::SearchResult& result, services::Kennisbank& kb) {
    View list = View::list();
    for (auto facet : search::all_facets()) {
        auto it = result.facets.find(facet);
        const auto& selected = query.filters.count(facet) ? query.filters.at(facet) : std::vector<std::string>{};
        if ((it == result.facets.end() || it->second.empty()) && selected.empty()) continue;
        std::string key = search::facet_key(facet);
        View f = View::object();
        f.set("label", std::string(core::msg("facet." + key)));
        View values = View::list();
        auto add_value = [&](const std::string& value, long count) {
            View v = View::object();
            v.set("id", "f-" + key + "-" + value);
            v.set("key", key);
            v.set("value", value);
            v.set("label", facet_value_label(facet, value, kb));
            v.set("count", count);
            v.set("checked", std::find(selected.begin(), selected.end(), value) != selected.end());
            values.push(std::move(v));
        };
        if (it != result.facets.end())
            for (const auto& fc : it->second) add_value(fc.value, fc.count);
        for (const auto& s : selected) {   // keep a checked box even when its count dropped to 0
            bool listed = it != result.facets.end() &&
                          std::any_of(it->second.begin(), it->second.end(), [&](const auto& fc) { return fc.value == s; });
            if (!listed) add_value(s, 0);
        }
        f.set("values", std::move(values));
        list.push(std::move(f));
    }
    return list;
}

View active_filters_view(const search::SearchQuery& query, const Params& params, services::Kennisbank& kb) {
    View list = View::list();
    for (const auto& [facet, values] : query.filters) {
        for (const auto& value : values) {
            View v = View::object();
            auto label = facet_value_label(facet, value, kb);
            v.set("label", label);
            v.set("remove_label", core::msg("search.remove_filter", {label}));
            v.set("remove_url", url_with(params_without(params, search::facet_key(facet), value)));
            list.push(std::move(v));
        }
    }
    return list;
}

View sort_links(const search::SearchQuery& query, const Params& params) {
    View list = View::list();
    for (auto [order, slug, key] : {std::tuple{search::SortOrder::Relevance, "relevantie", "search.sort_relevance"},
                                    std::tuple{search::SortOrder::Date, "datum", "search.sort_date"}}) {
        auto p = params_without(params, "sort");
        if (order == search::SortOrder::Date) p.emplace_back("sort", slug);
        View v = View::object();
        v.set("label", std::string(core::msg(key)));
        v.set("url", url_with(p));
        v.set("current", query.sort == order);
        list.push(std::move(v));
    }
    return list;
}

View hidden_filters(const Params& params) {
    View list = View::list();
    for (const auto& [k, v] : params) {
        if (k == "q" || k == "pagina") continue;
        list.push(View::object().set("name", k).set("value", v));
    }
    return list;
}

}  // namespace

Response search_page(const Context& ctx) {
    const auto& params = ctx.request.query;
    std::string q(ctx.request.param("q"));
    View v = View::object();
    v.set("title", std::string(core::msg("search.title")));
    v.set("q", q);
    v.set("live", true);
    v.set("hidden_filters", hidden_filters(params));
    auto query = search::parse_search_params(params, ctx.kb.taxonomy());
    if (!query) {
        View problems = View::list();
        for (const auto& p : query.error().problems()) problems.push(p.reason);
        v.set("error_message", query.error().message());
        v.set("has_problems", !query.error().problems().empty());
        v.set("problems", problems);
        v.set("count_label", std::string(core::msg("search.bad_request")));
        return Response::html(ctx.renderer.render_page("search", v), http_status(query.error().code()));
    }
    auto result = ctx.kb.search(*query);
    if (!result) return error_response(ctx.request, ctx.renderer, result.error());
    v.set("sort", query->sort == search::SortOrder::Date ? "datum" : "relevantie");
    v.set("count_label", count_label(result->total, q));
    v.set("facets", facets_view(*query, *result, ctx.kb));
    auto active = active_filters_view(*query, params, ctx.kb);
    v.set("has_active_filters", !active.items().empty());
    v.set("active_filters", std::move(active));
    if (result->suggestion) {
        auto p = params_without(params, "q");
        p.insert(p.begin(), {"q", *result->suggestion});
        v.set("suggestion", *result->suggestion);
        v.set("suggestion_url", url_with(p));
    }
    View hits = View::list();
    for (const auto& hit : result->hits) hits.push(card_view(hit, ctx.kb));
    v.set("has_hits", !result->hits.empty());
    v.set("no_hits", result->hits.empty());
    v.set("hits", std::move(hits));
    v.set("sort_links", sort_links(*query, params));
    v.set("pagination", pagination_view("/kennisbank", params_without(params), query->page, query->page_size, result->total));
    return Response::html(ctx.renderer.render_page("search", v));
}

}  // namespace gezondin::web
