#include "web/pages/view_helpers.h"

#include <charconv>
#include <ctime>

#include "core/messages.h"
#include "domain/taxonomy.h"
#include "web/http/url.h"

namespace gezondin::web {

std::string dutch_date(const core::Date& d) {
    static constexpr const char* months[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                             "juli",    "augustus", "september", "oktober", "november", "december"};
    return std::to_string(d.day) + " " + months[(d.month - 1) % 12] + " " + std::to_string(d.year);
}

std::string dutch_date(std::string_view iso) {
    auto d = core::Date::parse(iso.substr(0, 10));
    return d ? dutch_date(*d) : std::string(iso);
}

std::string theme_url(std::string_view slug) { return "/themas/" + std::string(slug); }
std::string goal_url(int number) { return "/gala-doelen/" + std::to_string(number); }
std::string track_url(std::string_view slug) { return "/sporen/" + std::string(slug); }
std::string municipality_url(std::string_view code) { return "/gemeenten/" + std::string(code); }

View card_view(const search::SearchHit& hit, services::Kennisbank& kb) {
    View v = View::object();
    domain::Item stub;
    stub.id = hit.id;
    stub.title = hit.title;
    auto type = domain::item_type_from_slug(hit.type);
    v.set("url", domain::item_path(stub));
    v.set("title", hit.title);
    v.set("type_label", std::string(type ? domain::label(*type) : std::string_view(hit.type)));
    v.set("date", hit.date);
    v.set("date_label", dutch_date(hit.date));
    v.set("summary", hit.summary);
    if (!hit.snippet_html.empty()) v.set("snippet", hit.snippet_html);
    if (!hit.municipality_code.empty()) v.set("municipality_name", kb.municipality_name(hit.municipality_code));
    return v;
}

View card_view(const domain::Item& item, services::Kennisbank& kb) {
    search::SearchHit hit;
    hit.id = item.id;
    hit.title = item.title;
    hit.type = std::string(domain::to_slug(item.type));
    hit.date = item.date.to_string();
    hit.summary = item.summary;
    hit.municipality_code = item.municipality_code;
    return card_view(hit, kb);
}

View pagination_view(const std::string& path, const std::vector<std::pair<std::string, std::string>>& base_params,
                     long page, long page_size, long total) {
    long pages = page_size > 0 ? (total + page_size - 1) / page_size : 1;
    if (pages <= 1) return View();
    auto url_for = [&](long p) {
        auto params = base_params;
        if (p > 1) params.emplace_back("pagina", std::to_string(p));
        auto qs = build_query_string(params);
        return qs.empty() ? path : path + "?" + qs;
    };
    View v = View::object();
    v.set("page_label", core::msg("search.page_of", {std::to_string(page), std::to_string(pages)}));
    if (page > 1) v.set("prev_url", url_for(std::min(page - 1, pages)));
    if (page < pages) v.set("next_url", url_for(page + 1));
    return v;
}

std::string facet_value_label(search::Facet facet, const std::string& value, services::Kennisbank& kb) {
    const auto& tax = kb.taxonomy();
    switch (facet) {
    case search::Facet::Type: {
        auto t = domain::item_type_from_slug(value);
        return t ? std::string(domain::label(*t)) : value;
    }
    case search::Facet::GalaGoal: {
        int n = std::atoi(value.c_str());
        auto* g = tax.gala_goal(n);
        return g ? std::to_string(n) + ". " + g->label : value;
    }
    case search::Facet::Track: {
        auto* t = tax.track(value);
        return t ? t->label : value;
    }
    case search::Facet::Theme: {
        auto* t = tax.theme(value);
        return t ? t->label : value;
    }
    case search::Facet::Level: {
        auto l = domain::level_from_slug(value);
        return l ? std::string(domain::label(*l)) : value;
    }
    case search::Facet::Province: return std::string(core::msg("province." + value));
    case search::Facet::Municipality: return kb.municipality_name(value);
    case search::Facet::Year: return value;
    }
    return value;
}

std::optional<std::int64_t> positive_id(std::string_view text) {
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

std::string dutch_time(std::int64_t unix_seconds) {
    std::time_t seconds = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char date[16], time[8];
    std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
    std::strftime(time, sizeof time, "%H:%M", &tm);
    return dutch_date(std::string_view(date)) + ", " + time + " (UTC)";
}

void add_form_errors(View& view, const core::Error& error, std::initializer_list<FormField> fields) {
    View list = View::list();
    for (const auto& problem : error.problems()) {
        for (const auto& f : fields) {
            if (problem.field != f.service) continue;
            list.push(View::object().set("id", std::string(f.id)).set("reason", problem.reason));
            auto existing = view.members().find(std::string(f.key));
            std::string text = existing != view.members().end() ? existing->second.text() + " " : std::string();
            view.set(std::string(f.key), text + problem.reason);
            break;
        }
    }
    if (list.empty_list()) {
        view.set("message", error.message());
        return;
    }
    view.set("has_errors", true);
    view.set("errors", list);
}

}  // namespace gezondin::web
