#include "domain/taxonomy.h"

#include <algorithm>
#include <set>
#include <string>

#include "core/messages.h"
#include "core/text.h"

namespace gezondin::domain {

namespace {

constexpr std::string_view type_slugs[] = {"praktijkvoorbeeld", "instrument", "publicatie", "nieuws",
                                           "webinar", "interview", "verslag"};
constexpr std::string_view level_slugs[] = {"lokaal", "regionaal", "landelijk"};
constexpr std::string_view track_slugs[] = {"fysieke-omgeving", "gedrag-en-vaardigheden", "participatie",
                                            "preventie-en-zorg", "sociale-omgeving"};

bool valid_slug(std::string_view s) {
    if (s.empty() || s.size() > 60) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool valid_url(std::string_view url) {
    return (core::starts_with_ci(url, "https://") || core::starts_with_ci(url, "http://")) && url.size() <= 2000 &&
           url.find_first_of(" \t\r\n\"<>") == std::string_view::npos;
}

}  // namespace

std::string_view to_slug(ItemType t) { return type_slugs[static_cast<int>(t)]; }
std::string_view to_slug(Level l) { return level_slugs[static_cast<int>(l)]; }

std::optional<ItemType> item_type_from_slug(std::string_view s) {
    for (int i = 0; i < 7; ++i)
        if (type_slugs[i] == s) return static_cast<ItemType>(i);
    return std::nullopt;
}

std::optional<Level> level_from_slug(std::string_view s) {
    for (int i = 0; i < 3; ++i)
        if (level_slugs[i] == s) return static_cast<Level>(i);
    return std::nullopt;
}

std::string_view label(ItemType t) { return core::msg("type." + std::string(to_slug(t))); }
std::string_view plural_label(ItemType t) { return core::msg("type.plural." + std::string(to_slug(t))); }
std::string_view label(Level l) { return core::msg("level." + std::string(to_slug(l))); }

const std::vector<ItemType>& all_item_types() {
    static const std::vector<ItemType> all = {ItemType::Praktijkvoorbeeld, ItemType::Instrument, ItemType::Publicatie,
                                              ItemType::Nieuws, ItemType::Webinar, ItemType::Interview,
                                              ItemType::Verslag};
    return all;
}

const std::vector<Level>& all_levels() {
    static const std::vector<Level> all = {Level::Lokaal, Level::Regionaal, Level::Landelijk};
    return all;
}

core::Result<Taxonomy> Taxonomy::from_themes_text(std::string_view themes_text) {
    Taxonomy t;
    for (auto slug : track_slugs) t.m_tracks.push_back({std::string(slug), std::string(core::msg("track." + std::string(slug)))});
    for (int n = 1; n <= 7; ++n)
        t.m_goals.push_back({n, "doel-" + std::to_string(n), std::string(core::msg("gala." + std::to_string(n)))});
    long line_no = 0;
    std::vector<core::FieldProblem> problems;
    std::set<std::string, std::less<>> seen;
    for (auto line : core::split(themes_text, '\n')) {
        ++line_no;
        line = core::trim(line);
        if (line.empty() || line.front() == '#') continue;
        auto eq = line.find('=');
        auto slug = core::trim(line.substr(0, eq == std::string_view::npos ? line.size() : eq));
        auto lab = eq == std::string_view::npos ? std::string_view() : core::trim(line.substr(eq + 1));
        if (!valid_slug(slug) || lab.empty() || !seen.insert(std::string(slug)).second) {
            problems.push_back({"thema", std::string(core::msg("taxonomy.bad_theme_line")), line_no});
            continue;
        }
        t.m_themes.push_back({std::string(slug), std::string(lab)});
    }
    if (!problems.empty()) return core::fail(core::Error::invalid_input(std::string(core::msg("taxonomy.bad_themes")), problems));
    return t;
}

const Term* Taxonomy::track(std::string_view slug) const {
    for (const auto& t : m_tracks)
        if (t.slug == slug) return &t;
    return nullptr;
}

const Term* Taxonomy::theme(std::string_view slug) const {
    for (const auto& t : m_themes)
        if (t.slug == slug) return &t;
    return nullptr;
}

const GalaGoal* Taxonomy::gala_goal(int number) const {
    return number >= 1 && number <= 7 ? &m_goals[static_cast<std::size_t>(number - 1)] : nullptr;
}

bool is_municipality_code(std::string_view code) {
    return code.size() == 6 && code[0] == 'G' && code[1] == 'M' &&
           std::all_of(code.begin() + 2, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<core::FieldProblem> validate(const Item& item, const Taxonomy& tax) {
    std::vector<core::FieldProblem> p;
    auto add = [&](const char* field, std::string reason) { p.push_back({field, std::move(reason), 0}); };
    auto text_ok = [](const std::string& s) { return core::is_valid_utf8(s); };

    if (item.external_id.empty() || item.external_id.size() > 200 || !text_ok(item.external_id))
        add("external_id", std::string(core::msg("item.bad_external_id")));
    if (core::trim(item.title).empty()) add("title", std::string(core::msg("item.title_missing")));
    else if (item.title.size() > 300) add("title", std::string(core::msg("item.title_too_long")));
    if (!text_ok(item.title) || !text_ok(item.summary) || !text_ok(item.body))
        add("body", std::string(core::msg("item.not_utf8")));
    if (item.summary.size() > 2000) add("summary", std::string(core::msg("item.summary_too_long")));
    if (item.body.size() > 200000) add("body", std::string(core::msg("item.body_too_long")));
    for (const auto& th : item.themes)
        if (!tax.theme(th)) add("themes", core::msg("item.unknown_theme", {th}));
    for (int g : item.gala_goals)
        if (!tax.gala_goal(g)) add("gala_goals", core::msg("item.unknown_goal", {std::to_string(g)}));
    for (const auto& tr : item.tracks)
        if (!tax.track(tr)) add("tracks", core::msg("item.unknown_track", {tr}));
    if (!item.municipality_code.empty() && !is_municipality_code(item.municipality_code))
        add("municipality", core::msg("item.bad_municipality", {item.municipality_code}));
    for (const auto& l : item.links)
        if (!valid_url(l.url) || !text_ok(l.title)) add("links", core::msg("item.bad_link", {l.url}));
    return p;
}

}  // namespace gezondin::domain
