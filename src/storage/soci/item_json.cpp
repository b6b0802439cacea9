#include "storage/soci/item_json.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "domain/taxonomy.h"

namespace gezondin::storage {

using nlohmann::json;

std::string item_content_to_json(const domain::Item& item) {
    json links = json::array();
    for (const auto& l : item.links) links.push_back({{"url", l.url}, {"title", l.title}});
    json j = {
        {"type", domain::to_slug(item.type)},
        {"title", item.title},
        {"summary", item.summary},
        {"body", item.body},
        {"date", item.date.to_string()},
        {"themes", item.themes},
        {"gala_goals", item.gala_goals},
        {"tracks", item.tracks},
        {"level", domain::to_slug(item.level)},
        {"municipality_code", item.municipality_code},
        {"links", links},
    };
    // The services only store valid UTF-8; strict dumping keeps it that way.
    return j.dump(-1, ' ', false, json::error_handler_t::strict);
}

domain::Item item_content_from_json(std::string_view text) {
    try {
        const json j = json::parse(text);
        domain::Item item;
        auto type = domain::item_type_from_slug(j.at("type").get<std::string>());
        auto level = domain::level_from_slug(j.at("level").get<std::string>());
        auto date = core::Date::parse(j.at("date").get<std::string>());
        if (!type || !level || !date) throw std::runtime_error("unknown type, level or date");
        item.type = *type;
        item.level = *level;
        item.date = *date;
        item.title = j.at("title").get<std::string>();
        item.summary = j.at("summary").get<std::string>();
        item.body = j.at("body").get<std::string>();
        item.themes = j.at("themes").get<std::vector<std::string>>();
        item.gala_goals = j.at("gala_goals").get<std::vector<int>>();
        item.tracks = j.at("tracks").get<std::vector<std::string>>();
        item.municipality_code = j.at("municipality_code").get<std::string>();
        for (const auto& l : j.at("links")) item.links.push_back({l.at("url").get<std::string>(), l.at("title").get<std::string>()});
        return item;
    } catch (const json::exception& e) {
        throw std::runtime_error(std::string("stored contribution content is not valid: ") + e.what());
    }
}

}  // namespace gezondin::storage
