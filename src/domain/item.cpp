#include "domain/item.h"

#include "core/text.h"

namespace gezondin::domain {

bool Item::same_content(const Item& o) const {
    return external_id == o.external_id && type == o.type && title == o.title && summary == o.summary &&
           body == o.body && date == o.date && themes == o.themes && gala_goals == o.gala_goals &&
           tracks == o.tracks && level == o.level && municipality_code == o.municipality_code &&
           links == o.links;
}

std::string item_path(const Item& item) {
    return "/kennisbank/" + std::to_string(item.id) + "-" + core::slugify(item.title, 60);
}

}  // namespace gezondin::domain
