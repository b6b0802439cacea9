#pragma once
// The controlled vocabularies users already know (see DOMAIN.md): item types, levels, the five
// tracks (sporen), the seven GALA goals and the themes. Types, levels, tracks and goals are
// fixed by the field; themes are editable data (data/themes.txt, or a file in the data folder).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/item.h"

namespace gezondin::domain {

struct Term {
    std::string slug;    // stable key used in URLs, filters and files
    std::string label;   // Dutch label for people
};

struct GalaGoal {
    int number;          // 1..7
    std::string slug;    // "doel-1"
    std::string label;
};

// Slugs and labels of the fixed vocabularies.
std::string_view to_slug(ItemType t);
std::string_view to_slug(Level l);
std::optional<ItemType> item_type_from_slug(std::string_view s);
std::optional<Level> level_from_slug(std::string_view s);
std::string_view label(ItemType t);          // "Praktijkvoorbeeld"
std::string_view plural_label(ItemType t);   // "Praktijkvoorbeelden"
std::string_view label(Level l);             // "Lokaal"
const std::vector<ItemType>& all_item_types();
const std::vector<Level>& all_levels();

class Taxonomy {
public:
    // The built-in tracks and GALA goals plus the themes in `themes_text` (lines `slug = label`).
    static core::Result<Taxonomy> from_themes_text(std::string_view themes_text);

    const std::vector<Term>& tracks() const { return m_tracks; }
    const std::vector<GalaGoal>& gala_goals() const { return m_goals; }
    const std::vector<Term>& themes() const { return m_themes; }

    const Term* track(std::string_view slug) const;
    const Term* theme(std::string_view slug) const;
    const GalaGoal* gala_goal(int number) const;

private:
    std::vector<Term> m_tracks;
    std::vector<GalaGoal> m_goals;
    std::vector<Term> m_themes;
};

// Checks an item against the vocabularies and the field rules; lists every problem (Dutch).
std::vector<core::FieldProblem> validate(const Item& item, const Taxonomy& taxonomy);

// True for a CBS municipality code: "GM" and four digits.
bool is_municipality_code(std::string_view code);

}  // namespace gezondin::domain
