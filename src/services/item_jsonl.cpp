#include "services/item_jsonl.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <set>

#include "core/messages.h"
#include "core/text.h"

namespace gezondin::services {

using nlohmann::json;

namespace {

struct LineParser {
    const json& obj;
    long line;
    std::vector<core::FieldProblem>& problems;

    void problem(const char* field, std::string reason) { problems.push_back({field, std::move(reason), line}); }

    std::string text(const char* field, bool required) {
        auto it = obj.find(field);
        if (it == obj.end() || it->is_null()) {
            if (required) problem(field, std::string(core::msg("jsonl.field_missing")));
            return {};
        }
        if (!it->is_string()) {
            problem(field, std::string(core::msg("jsonl.not_text")));
            return {};
        }
        return it->get<std::string>();
    }

    std::vector<std::string> texts(const char* field) {
        std::vector<std::string> out;
        auto it = obj.find(field);
        if (it == obj.end() || it->is_null()) return out;
        if (!it->is_array()) { problem(field, std::string(core::msg("jsonl.not_list"))); return out; }
        for (const auto& v : *it) {
            if (v.is_string()) out.push_back(v.get<std::string>());
            else problem(field, std::string(core::msg("jsonl.not_text")));
        }
        return out;
    }

    std::vector<int> numbers(const char* field) {
        std::vector<int> out;
        auto it = obj.find(field);
        if (it == obj.end() || it->is_null()) return out;
        if (!it->is_array()) { problem(field, std::string(core::msg("jsonl.not_list"))); return out; }
        for (const auto& v : *it) {
            if (v.is_number_integer()) out.push_back(v.get<int>());
            else problem(field, std::string(core::msg("jsonl.not_number")));
        }
        return out;
    }

    std::vector<domain::Link> links() {
        std::vector<domain::Link> out;
        auto it = obj.find("links");
        if (it == obj.end() || it->is_null()) return out;
        if (!it->is_array()) { problem("links", std::string(core::msg("jsonl.not_list"))); return out; }
        for (const auto& v : *it) {
            if (v.is_object() && v.contains("url") && v["url"].is_string()) {
                domain::Link l{v["url"].get<std::string>(), v.value("title", std::string())};
                out.push_back(std::move(l));
            } else if (v.is_string()) {
                out.push_back({v.get<std::string>(), ""});
            } else {
                problem("links", std::string(core::msg("jsonl.bad_link")));
            }
        }
        return out;
    }
};

std::optional<domain::Item> parse_line(const json& obj, long line, const domain::Taxonomy& tax,
                                       std::vector<core::FieldProblem>& problems) {
    std::size_t before = problems.size();
    LineParser p{obj, line, problems};
    domain::Item item;
    item.external_id = p.text("external_id", true);
    auto type = p.text("type", true);
    if (!type.empty()) {
        if (auto t = domain::item_type_from_slug(type)) item.type = *t;
        else p.problem("type", core::msg("jsonl.unknown_type", {type}));
    }
    item.title = p.text("title", true);
    item.summary = p.text("summary", false);
    item.body = p.text("body", false);
    auto date = p.text("date", true);
    if (!date.empty()) {
        if (auto d = core::Date::parse(date)) item.date = *d;
        else p.problem("date", core::msg("jsonl.bad_date", {date}));
    }
    item.themes = p.texts("themes");
    item.gala_goals = p.numbers("gala_goals");
    item.tracks = p.texts("tracks");
    auto level = p.text("level", true);
    if (!level.empty()) {
        if (auto l = domain::level_from_slug(level)) item.level = *l;
        else p.problem("level", core::msg("jsonl.unknown_level", {level}));
    }
    item.municipality_code = p.text("municipality", false);
    item.links = p.links();
    for (auto& fp : domain::validate(item, tax)) {
        bool reported_missing = (fp.field == "external_id" || fp.field == "title") && !obj.contains(fp.field);
        if (reported_missing) continue;
        fp.line = line;
        problems.push_back(std::move(fp));
    }
    if (problems.size() != before) return std::nullopt;
    return item;
}

}  // namespace

ItemJsonlReader::ItemJsonlReader(std::string_view text, const domain::Taxonomy& taxonomy) : m_rest(text), m_taxonomy(taxonomy) {
    if (m_rest.substr(0, 3) == "\xEF\xBB\xBF") m_rest.remove_prefix(3);
}

std::optional<domain::Item> ItemJsonlReader::next(std::vector<core::FieldProblem>& problems) {
    while (!m_done) {
        const auto end = m_rest.find('\n');
        std::string_view line = m_rest.substr(0, end);
        if (end == std::string_view::npos) m_done = true;
        else m_rest.remove_prefix(end + 1);
        ++m_line;
        line = core::trim(line);
        if (line.empty()) continue;
        if (!core::is_valid_utf8(line)) {
            problems.push_back({"regel", std::string(core::msg("item.not_utf8")), m_line});
            continue;
        }
        json obj = json::parse(line, nullptr, false);
        if (obj.is_discarded() || !obj.is_object()) {
            problems.push_back({"regel", std::string(core::msg("jsonl.not_json")), m_line});
            continue;
        }
        auto item = parse_line(obj, m_line, m_taxonomy, problems);
        if (item) return item;
    }
    return std::nullopt;
}

namespace {

// Validates the whole text; hands each valid item to `keep` (which may be empty).
core::Result<long> scan_items(std::string_view text, const domain::Taxonomy& taxonomy,
                              const std::function<void(domain::Item&&)>& keep) {
    ItemJsonlReader reader(text, taxonomy);
    std::vector<core::FieldProblem> problems;
    std::set<std::string> seen;
    long count = 0;
    while (auto item = reader.next(problems)) {
        if (!seen.insert(item->external_id).second) {
            problems.push_back({"external_id", core::msg("jsonl.duplicate_id", {item->external_id}), reader.line()});
            continue;
        }
        ++count;
        if (keep) keep(std::move(*item));
    }
    if (!problems.empty())
        return core::fail(core::Error::invalid_input(std::string(core::msg("import.file_has_errors")), std::move(problems)));
    if (count == 0) return core::fail(core::Error::invalid_input(std::string(core::msg("import.empty_file"))));
    return count;
}

}  // namespace

core::Result<long> validate_items_jsonl(std::string_view text, const domain::Taxonomy& taxonomy) {
    return scan_items(text, taxonomy, {});
}

core::Result<std::vector<domain::Item>> parse_items_jsonl(std::string_view text, const domain::Taxonomy& taxonomy) {
    std::vector<domain::Item> items;
    auto valid = scan_items(text, taxonomy, [&](domain::Item&& item) { items.push_back(std::move(item)); });
    if (!valid) return core::fail(valid.error());
    return items;
}

std::string to_jsonl(const domain::Item& item) {
    json links = json::array();
    for (const auto& l : item.links) links.push_back({{"url", l.url}, {"title", l.title}});
    json obj = {{"external_id", item.external_id},
                {"type", std::string(domain::to_slug(item.type))},
                {"title", item.title},
                {"summary", item.summary},
                {"body", item.body},
                {"date", item.date.to_string()},
                {"themes", item.themes},
                {"gala_goals", item.gala_goals},
                {"tracks", item.tracks},
                {"level", std::string(domain::to_slug(item.level))},
                {"municipality", item.municipality_code},
                {"links", links}};
    return obj.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace gezondin::services
