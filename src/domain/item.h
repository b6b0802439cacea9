#pragma once
// A knowledge-base item (kennisbank-item): a practice example (praktijkvoorbeeld), instrument,
// publication, news item, webinar recording, interview or meeting report (verslag).

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"

namespace gezondin::domain {

using ItemId = std::int64_t;

enum class ItemType { Praktijkvoorbeeld, Instrument, Publicatie, Nieuws, Webinar, Interview, Verslag };

// The level at which the work happens: a municipality or neighbourhood, a region (GGD or IZA
// region), or the whole country.
enum class Level { Lokaal, Regionaal, Landelijk };

struct Link {
    std::string url;
    std::string title;
    friend bool operator==(const Link&, const Link&) = default;
};

struct Item {
    ItemId id = 0;                        // 0 until stored
    std::string external_id;              // the key of the source system; unique
    ItemType type = ItemType::Praktijkvoorbeeld;
    std::string title;
    std::string summary;                  // plain text, one or two sentences
    std::string body;                     // Markdown
    core::Date date;
    std::vector<std::string> themes;      // theme slugs, see Taxonomy
    std::vector<int> gala_goals;          // 1..7
    std::vector<std::string> tracks;      // track (spoor) slugs
    Level level = Level::Lokaal;
    std::string municipality_code;        // CBS code "GM0363", or empty
    std::vector<Link> links;
    std::string created_at;               // ISO 8601 UTC, set by the store
    std::string updated_at;               // ISO 8601 UTC, set by the store

    // True when the content fields equal (ids and timestamps are ignored).
    bool same_content(const Item& other) const;
};

// The URL path of an item page: "/kennisbank/<id>-<slug>".
std::string item_path(const Item& item);

}  // namespace gezondin::domain
