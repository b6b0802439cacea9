#include "search/query_params.h"

#include <algorithm>

#include "core/messages.h"
#include "core/text.h"

namespace gezondin::search {

namespace {

using Problems = std::vector<core::FieldProblem>;

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// The user's value made safe to quote in a message: valid UTF-8, at most ~40 bytes.
std::string quote(std::string_view value) {
    if (!core::is_valid_utf8(value)) return "?";
    if (value.size() <= 40) return std::string(value);
    std::size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    return std::string(value.substr(0, cut)) + "…";
}

// The normalised filter value, or nullopt (with a problem added) when `value` is not valid.
std::optional<std::string> normalise_filter(Facet facet, std::string_view value, const domain::Taxonomy& tax,
                                            Problems& problems) {
    const char* field = facet_key(facet);
    auto bad = [&](const char* key) {
        problems.push_back({field, core::msg(key, {quote(value)}), 0});
        return std::nullopt;
    };
    switch (facet) {
        case Facet::Type:
            if (!domain::item_type_from_slug(value)) return bad("search.unknown_type");
            return std::string(value);
        case Facet::GalaGoal: {
            auto digits = value.starts_with("doel-") ? value.substr(5) : value;
            if (digits.size() != 1 || !tax.gala_goal(digits[0] - '0')) return bad("search.unknown_goal");
            return std::string(digits);
        }
        case Facet::Track:
            if (!tax.track(value)) return bad("search.unknown_track");
            return std::string(value);
        case Facet::Theme:
            if (!tax.theme(value)) return bad("search.unknown_theme");
            return std::string(value);
        case Facet::Level:
            if (!domain::level_from_slug(value)) return bad("search.unknown_level");
            return std::string(value);
        case Facet::Province: {
            auto code = upper_ascii(value);
            if (code.size() != 4 || !code.starts_with("PV") || !all_digits(std::string_view(code).substr(2)))
                return bad("search.bad_province");
            return code;
        }
        case Facet::Municipality: {
            auto code = upper_ascii(value);
            if (!domain::is_municipality_code(code)) return bad("search.bad_municipality");
            return code;
        }
        case Facet::Year:
            if (value.size() != 4 || !all_digits(value)) return bad("search.bad_year");
            return std::string(value);
    }
    return std::nullopt;  // unreachable: the switch covers every Facet
}

// A whole number in [1, max]; adds a problem and returns nullopt otherwise.
std::optional<long> parse_bounded(std::string_view field, std::string_view value, long max, const char* bad_key,
                                  const char* too_large_key, Problems& problems) {
    if (!all_digits(value)) {
        problems.push_back({std::string(field), core::msg(bad_key, {quote(value)}), 0});
        return std::nullopt;
    }
    auto digits = value.substr(std::min(value.find_first_not_of('0'), value.size()));
    // Compare by length first so that 10^9 (or 10^100) never overflows a long.
    long n = digits.size() > 9 ? max + 1 : (digits.empty() ? 0 : std::stol(std::string(digits)));
    if (n < 1) {
        problems.push_back({std::string(field), core::msg(bad_key, {quote(value)}), 0});
        return std::nullopt;
    }
    if (n > max) {
        problems.push_back({std::string(field), core::msg(too_large_key, {std::to_string(max)}), 0});
        return std::nullopt;
    }
    return n;
}

void add_text(SearchQuery& query, std::string_view value, Problems& problems) {
    if (!core::is_valid_utf8(value)) {
        problems.push_back({"q", std::string(core::msg("search.not_utf8")), 0});
        return;
    }
    // Stop growing once over the limit (the caller reports it); repeated q values cannot make
    // us build a huge string.
    if (query.text.size() > SearchLimits::max_query_bytes) return;
    if (!query.text.empty() && !value.empty()) query.text.push_back(' ');
    query.text.append(value.substr(0, SearchLimits::max_query_bytes + 1));
}

}  // namespace

core::Result<SearchQuery> parse_search_params(const std::vector<std::pair<std::string, std::string>>& params,
                                              const domain::Taxonomy& taxonomy) {
    SearchQuery query;
    Problems problems;
    std::size_t filter_values = 0;
    for (const auto& [name, raw] : params) {
        auto value = core::trim(raw);
        if (name == "q") {
            add_text(query, value, problems);
        } else if (auto facet = facet_from_key(name)) {
            if (value.empty()) continue;
            auto normalised = normalise_filter(*facet, value, taxonomy, problems);
            if (!normalised) continue;
            auto& values = query.filters[*facet];
            if (std::find(values.begin(), values.end(), *normalised) != values.end()) continue;
            if (++filter_values > SearchLimits::max_filter_values) continue;
            values.push_back(std::move(*normalised));
        } else if (name == "sort") {
            if (value.empty() || value == "relevantie") query.sort = SortOrder::Relevance;
            else if (value == "datum") query.sort = SortOrder::Date;
            else problems.push_back({"sort", core::msg("search.bad_sort", {quote(value)}), 0});
        } else if (name == "pagina") {
            if (value.empty()) continue;
            if (auto n = parse_bounded(name, value, SearchLimits::max_page, "search.bad_page", "search.page_too_large", problems))
                query.page = *n;
        } else if (name == "per_pagina") {
            if (value.empty()) continue;
            if (auto n = parse_bounded(name, value, SearchLimits::max_page_size, "search.bad_page_size",
                                       "search.page_size_too_large", problems))
                query.page_size = *n;
        }
    }
    if (query.text.size() > SearchLimits::max_query_bytes)
        problems.push_back({"q", core::msg("search.query_too_long", {std::to_string(SearchLimits::max_query_bytes)}), 0});
    if (filter_values > SearchLimits::max_filter_values)
        problems.push_back({"filters", core::msg("search.too_many_filters", {std::to_string(SearchLimits::max_filter_values)}), 0});
    if (!problems.empty())
        return core::fail(core::Error::invalid_input(std::string(core::msg("search.bad_params")), std::move(problems)));
    return query;
}

}  // namespace gezondin::search
