// /api/v1/areas, /api/v1/indicators and /api/v1/values: wijkdata for machines, JSON (paged) or
// CSV. Values come from services::Wijkdata after disclosure control: a hidden value is the
// string "geheim" with no number. Large answers are written by hand: the values of all buurten
// of the country are tens of thousands of rows.

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <cstdio>

#include "core/messages.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/pages/wijkdata_format.h"
#include "web/pages/wijkdata_pages.h"

namespace gezondin::web {

namespace {

constexpr long max_per_page = 20000;

struct Paging {
    long page = 1;
    long per_page = 1000;
};

Response problem(const core::Error& e) {
    auto r = problem_response(e, http_status(e.code()));
    r.set_header("API-Version", "1.0.0");
    return r;
}

Response json_text(std::string body) {
    auto r = Response::json(std::move(body));
    r.set_header("API-Version", "1.0.0");
    return r;
}

// True when one of the eight bytes of `w` is below 0x20, '"' or '\\' (the bytes JSON must
// escape). Bytes from 0x80 up (UTF-8) never match. Classic SWAR zero-byte tests.
bool word_needs_escape(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    auto has_zero = [&](std::uint64_t x) { return (x - ones) & ~x & highs; };
    std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;
    return (below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'))) != 0;
}

// Appends `s` as a JSON string. Runs of characters that need no escape are copied in one go,
// eight bytes are checked at a time: the values API writes tens of thousands of names per answer.
void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    std::size_t run = 0, i = 0;
    while (i < s.size()) {
        if (i + 8 <= s.size()) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (!word_needs_escape(w)) {
                i += 8;
                continue;
            }
        }
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        out.append(s.data() + run, i - run);
        run = ++i;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        }
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

// Appends `s` as one CSV field (quoted when it holds ';', '"' or a line end).
void append_csv_field(std::string& out, std::string_view s) {
    // A plain loop: string_view::find_first_of searches the set once per character.
    bool plain = true;
    for (char c : s) plain = plain && c != ';' && c != '"' && c != '\n' && c != '\r';
    if (plain) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string csv_field(std::string_view s) {
    if (s.find_first_of(";\"\n\r") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

bool parse_long(std::string_view s, long& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

// Common filters: jaar, niveau, ouder, pagina, per_pagina. InvalidInput names each bad field.
struct Filters {
    std::optional<int> year;
    std::optional<stats::AreaLevel> level;
    std::string parent;
    Paging paging;
    bool csv = false;
};

core::Result<Filters> parse_filters(const Request& req) {
    Filters f;
    std::vector<core::FieldProblem> problems;
    if (auto y = wijk::year_param(req)) f.year = *y;
    else problems.push_back({"jaar", y.error().message(), 0});
    if (auto n = req.param("niveau"); !n.empty()) {
        f.level = services::level_from_slug(n);
        if (!f.level) problems.push_back({"niveau", core::msg("wijkdata.bad_level", {std::string(n)}), 0});
    }
    f.parent = std::string(req.param("ouder"));
    if (auto p = req.param("pagina"); !p.empty() && (!parse_long(p, f.paging.page) || f.paging.page < 1))
        problems.push_back({"pagina", std::string(core::msg("api.bad_page")), 0});
    if (auto p = req.param("per_pagina");
        !p.empty() && (!parse_long(p, f.paging.per_page) || f.paging.per_page < 1 || f.paging.per_page > max_per_page))
        problems.push_back({"per_pagina", core::msg("wijkdata.bad_per_page", {std::to_string(max_per_page)}), 0});
    auto format = req.param("format");
    if (format == "csv") f.csv = true;
    else if (!format.empty() && format != "json") problems.push_back({"format", std::string(core::msg("wijkdata.bad_format")), 0});
    if (!problems.empty()) return core::fail(core::Error::invalid_input(std::string(core::msg("api.bad_request")), problems));
    return f;
}

std::string page_links(const Context& ctx, const std::string& path, const Paging& p, long total) {
    auto query = [&](long page) {
        std::string q;
        for (const auto& [k, v] : ctx.request.query)
            if (k != "pagina") q += (q.empty() ? "?" : "&") + wijk::url_encode(k) + "=" + wijk::url_encode(v);
        return ctx.config.base_url + path + q + (q.empty() ? "?" : "&") + "pagina=" + std::to_string(page);
    };
    long pages = std::max(1L, (total + p.per_page - 1) / p.per_page);
    std::string out = "{\"self\":{\"href\":";
    append_json_string(out, query(p.page));
    out += "},\"first\":{\"href\":";
    append_json_string(out, query(1));
    out += "},\"last\":{\"href\":";
    append_json_string(out, query(pages));
    out += "}";
    if (p.page < pages) {
        out += ",\"next\":{\"href\":";
        append_json_string(out, query(p.page + 1));
        out += "}";
    }
    if (p.page > 1) {
        out += ",\"prev\":{\"href\":";
        append_json_string(out, query(std::min(p.page - 1, pages)));
        out += "}";
    }
    return out + "}";
}

void append_number(std::string& out, double v) {
    char buf[40];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, ec == std::errc() ? p : buf);
}

// As wijk::shown_plain (a number as %.10g, "geheim" or empty), appended without a temporary.
void append_plain(std::string& out, const services::Shown& v) {
    if (v.status == stats::ValueStatus::Secret) {
        out += "geheim";
    } else if (v.status == stats::ValueStatus::Value) {
        char buf[40];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v.value, std::chars_format::general, 10);
        out.append(buf, ec == std::errc() ? p : buf);
    }
}

Response csv_response(std::string body, const std::string& name) {
    auto r = Response::text(std::move(body), "text/csv; charset=utf-8");
    r.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    r.set_header("API-Version", "1.0.0");
    return r;
}

}  // namespace

Response api_wijk_areas(const WijkdataContext& ctx) {
    auto f = parse_filters(ctx.base.request);
    if (!f) return problem(f.error());
    auto listing = ctx.wd.areas(f->year, f->level, f->parent);
    if (!listing) return problem(listing.error());
    const auto& all = listing->areas;
    if (f->csv) {
        std::string out = "jaar;code;naam;niveau;ouder\r\n";
        for (const auto& [a, parent] : all)
            out += std::to_string(listing->year) + ";" + csv_field(a.code) + ";" + csv_field(a.name) + ";" +
                   services::level_slug(a.level) + ";" + csv_field(parent) + "\r\n";
        return csv_response(std::move(out), "gebieden-" + std::to_string(listing->year) + ".csv");
    }
    long total = static_cast<long>(all.size());
    std::string out = "{\"year\":" + std::to_string(listing->year) + ",\"total\":" + std::to_string(total) +
                      ",\"page\":" + std::to_string(f->paging.page) + ",\"per_page\":" + std::to_string(f->paging.per_page) +
                      ",\"areas\":[";
    long from = (f->paging.page - 1) * f->paging.per_page;
    for (long i = from; i < std::min(total, from + f->paging.per_page); ++i) {
        const auto& [a, parent] = all[static_cast<std::size_t>(i)];
        if (i > from) out += ',';
        out += "{\"code\":";
        append_json_string(out, a.code);
        out += ",\"name\":";
        append_json_string(out, a.name);
        out += ",\"level\":\"" + std::string(services::level_slug(a.level)) + "\",\"parent\":";
        if (parent.empty()) out += "null";
        else append_json_string(out, parent);
        out += "}";
    }
    out += "],\"_links\":" + page_links(ctx.base, "/api/v1/areas", f->paging, total) + "}";
    return json_text(std::move(out));
}

Response api_wijk_indicators(const WijkdataContext& ctx) {
    auto f = parse_filters(ctx.base.request);
    if (!f) return problem(f.error());
    auto year = ctx.wd.resolve_year(f->year);
    if (!year) return problem(year.error());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : ctx.wd.indicators(*year))
        list.push_back({{"key", m.key}, {"label", m.label}, {"unit", m.unit}, {"direction", storage::to_slug(m.direction)},
                        {"source", m.source}, {"table_id", m.table_id}});
    nlohmann::json body = {{"year", *year}, {"years", ctx.wd.years()}, {"fictitious", ctx.wd.fictitious(*year)},
                           {"indicators", list}};
    return json_text(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response api_wijk_values(const WijkdataContext& ctx) {
    auto f = parse_filters(ctx.base.request);
    if (!f) return problem(f.error());
    services::ValuesQuery q{f->year, f->level, f->parent, wijk::params(ctx.base.request, "indicator")};
    auto result = ctx.wd.values(q);
    if (!result) return problem(result.error());
    const auto& rows = result->rows;
    if (f->csv) {
        std::string out = "jaar;code;naam;niveau;ouder;indicator;waarde\r\n";
        out.reserve(rows.size() * 96);
        std::string year = std::to_string(result->year);
        for (const auto& r : rows) {
            out += year;
            out += ';';
            append_csv_field(out, r.area->code);
            out += ';';
            append_csv_field(out, r.area->name);
            out += ';';
            out += services::level_slug(r.area->level);
            out += ';';
            append_csv_field(out, r.parent_code);
            out += ';';
            append_csv_field(out, *r.indicator);
            out += ';';
            append_plain(out, r.value);
            out += "\r\n";
        }
        return csv_response(std::move(out), "waarden-" + year + ".csv");
    }
    long total = static_cast<long>(rows.size());
    std::string out = "{\"year\":" + std::to_string(result->year) + ",\"total\":" + std::to_string(total) +
                      ",\"page\":" + std::to_string(f->paging.page) + ",\"per_page\":" + std::to_string(f->paging.per_page) +
                      ",\"values\":[";
    long from = (f->paging.page - 1) * f->paging.per_page;
    long to = std::min(total, from + f->paging.per_page);
    out.reserve(static_cast<std::size_t>(std::max(0L, to - from)) * 160 + 512);
    const std::string* last_indicator = nullptr;   // rows come grouped by area; keys repeat
    std::string indicator_json;
    for (long i = from; i < to; ++i) {
        const auto& r = rows[static_cast<std::size_t>(i)];
        if (i > from) out += ',';
        out += "{\"code\":";
        append_json_string(out, r.area->code);
        out += ",\"name\":";
        append_json_string(out, r.area->name);
        out += ",\"level\":\"";
        out += services::level_slug(r.area->level);
        out += "\",\"indicator\":";
        if (r.indicator != last_indicator) {
            last_indicator = r.indicator;
            indicator_json.clear();
            append_json_string(indicator_json, *r.indicator);
        }
        out += indicator_json;
        if (r.value.status == stats::ValueStatus::Value) {
            out += ",\"status\":\"waarde\",\"value\":";
            append_number(out, r.value.value);
        } else {
            out += ",\"status\":\"geheim\",\"value\":null";
        }
        out += "}";
    }
    out += "],\"_links\":" + page_links(ctx.base, "/api/v1/values", f->paging, total) + "}";
    return json_text(std::move(out));
}

}  // namespace gezondin::web
