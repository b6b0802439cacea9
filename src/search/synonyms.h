#pragma once
// Synonym groups for the field's abbreviations (GALA = Gezond en Actief Leven Akkoord, ...),
// kept as editable data (data/synonyms.txt), and a matcher that finds the groups whose
// variants occur in a text.
//
// File format: one group per line, variants separated by " | ", e.g.
//   GALA | Gezond en Actief Leven Akkoord
// Blank lines and everything after '#' are ignored. The first variant names the group.
// Variants are matched case- and diacritic-insensitively on whole words; punctuation between
// words is ignored ("G-40" is the two words "g 40").

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace gezondin::search {

struct SynonymGroup {
    std::vector<std::string> variants;   // at least two; the first names the group
    friend bool operator==(const SynonymGroup&, const SynonymGroup&) = default;
};

// Parses the synonyms file. Every bad line (fewer than two variants, an empty or over-long
// variant, invalid UTF-8, a variant already in another group) is reported with its line
// number; nothing is returned then. Pure: no I/O.
core::Result<std::vector<SynonymGroup>> parse_synonyms(std::string_view text);

// The words of `text`, lower-cased with diacritics removed; separators are ASCII characters
// other than letters and digits, and typographic quotes, dashes, ellipsis and no-break space.
// Expects valid UTF-8.
std::vector<std::string> folded_words(std::string_view text);

// Finds which groups occur in a text. Immutable after construction; safe to share between threads.
class SynonymMatcher {
public:
    explicit SynonymMatcher(const std::vector<SynonymGroup>& groups);

    // Indexes (into the constructor's `groups`) of the groups with at least one variant in
    // `words` (from folded_words), each once, ascending.
    std::vector<std::size_t> groups_in(const std::vector<std::string>& words) const;
    // The same for a whole text, without making a string per word (the indexer's path).
    std::vector<std::size_t> groups_in_text(std::string_view text) const;

private:
    struct Variant {
        std::vector<std::string> words;
        std::size_t group;
    };
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    template <typename Word>
    std::vector<std::size_t> match(const std::vector<Word>& words) const;

    std::unordered_map<std::string, std::vector<Variant>, Hash, std::equal_to<>> m_by_first_word;
    std::size_t m_group_count = 0;
};

}  // namespace gezondin::search
