#pragma once
// Facets in the Xapian index (internal to the adapter): one boolean filter term per facet value,
// and one value slot holding every facet value of a document, packed so that FacetSpy can
// count them without reading the document.
//
// Packed layout (slot `facets_slot`):
//   [0] item type index  [1] level index  [2] province number (255: none)
//   [3..4] municipality number, big-endian (0xFFFF: none)  [5..6] year, big-endian
//   [7] GALA goals as a bit mask (bit g for goal g)
//   then per track and theme: 'S' (track) or 'T' (theme), a length byte, the slug bytes.

#include <array>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search/search_index.h"

namespace gezondin::search {

constexpr Xapian::valueno facets_slot = 0;
constexpr Xapian::valueno date_slot = 1;   // "YYYYMMDD", sorts as a string

// The boolean term for a facet value ("XTinstrument", "XG3", "XMGM0363", ...).
std::string facet_term(Facet facet, std::string_view value);
// Every facet term of an item.
std::vector<std::string> facet_terms(const IndexedItem& item);
std::string pack_facets(const IndexedItem& item);

// Counts facet values over the matching documents of one get_mset() call.
// Not thread-safe; make one per search.
class FacetSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& doc, double weight) override;
    Xapian::MatchSpy* clone() const override { return new FacetSpy(); }
    std::string name() const override { return "gezondin.FacetSpy"; }

    // Non-zero counts per facet, ordered for display: goals and levels in their natural order,
    // years newest first, the others by count (then value).
    std::map<Facet, std::vector<FacetCount>> counts() const;

private:
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using StringCounts = std::unordered_map<std::string, long, StringHash, std::equal_to<>>;

    void count_string(StringCounts& counts, std::string_view value);

    std::array<long, 8> m_types{};
    std::array<long, 4> m_levels{};
    std::array<long, 100> m_provinces{};
    std::vector<long> m_municipalities;   // sized on first use (10,000 codes)
    std::map<int, long> m_years;
    std::array<long, 8> m_goals{};
    StringCounts m_tracks;
    StringCounts m_themes;
};

}  // namespace gezondin::search
