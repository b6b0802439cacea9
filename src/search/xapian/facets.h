#pragma once
// Facets in the Xapian index (internal to the adapter): one boolean filter term per facet value,
// and one value slot holding every facet value of a document, packed so that FacetSpy can
// count them without reading the document.
//
// Packed layout (slot `facets_slot`):
//   [0] item type index  [1] level index  [2] province number (255: none)
//   [3..4] municipality number, big-endian (0xFFFF: none)  [5..6] year, big-endian
//   [7] GALA goals as a bit mask (bit g for goal g)  [8] number of tracks
//   then a 4-byte slug_code per track, then one per theme.
// Codes instead of slugs keep the value at ~20 bytes: a search with many matches reads most
// of the value stream, so its size is search time. The codes are turned back into slugs with
// the facet terms of the index (FacetSlugs); the taxonomy has tens of slugs, so two sharing
// a 32-bit code is not a practical risk (they would be counted together).

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "search/search_index.h"
#include "search/xapian/doc_sets.h"

namespace gezondin::search {

constexpr Xapian::valueno facets_slot = 0;
constexpr Xapian::valueno date_slot = 1;   // "YYYYMMDD", sorts as a string

// The boolean term for a facet value ("XTinstrument", "XG3", "XMGM0363", ...).
std::string facet_term(Facet facet, std::string_view value);
// Every facet term of an item.
std::vector<std::string> facet_terms(const IndexedItem& item);
std::string pack_facets(const IndexedItem& item);
std::uint32_t slug_code(std::string_view slug);

// The track and theme slugs of an index by slug_code, read from its facet terms.
struct FacetSlugs {
    std::unordered_map<std::uint32_t, std::string> tracks;
    std::unordered_map<std::uint32_t, std::string> themes;
    static FacetSlugs read(const Xapian::Database& db);
};

// The packed facet values (slot facets_slot) of every document of one database revision, held
// in memory so that FacetSpy finds them by document id: asking Xapian for the value of each
// match reads the value stream from disk and was a quarter of a search's time. Also the length
// and date of each document. Immutable once read; the readers at the same revision share one.
class FacetTable {
public:
    static std::shared_ptr<const FacetTable> read(const Xapian::Database& db);
    // The packed value of `did`; empty when the table has no value for it.
    std::string_view packed(Xapian::docid did) const {
        if (did + 1 >= m_offsets.size()) return {};
        return std::string_view(m_blob).substr(m_offsets[did], m_offsets[did + 1] - m_offsets[did]);
    }
    std::size_t documents() const { return m_documents; }
    // For the fast matcher (fast_match.h): each document's length (sum of its wdf), its date
    // as YYYYMMDD (0 when it has none), and the database's average length.
    Xapian::termcount length(Xapian::docid did) const { return did < m_lengths.size() ? m_lengths[did] : 0; }
    std::uint32_t date(Xapian::docid did) const { return did < m_dates.size() ? m_dates[did] : 0; }
    double average_length() const { return m_average_length; }
    // bm25_length_norm() of each document.
    double length_norm(Xapian::docid did) const { return did < m_length_norms.size() ? m_length_norms[did] : 0.0; }
    // Every facet term of the index ("XTinstrument", "XMGM0363", ...).
    const std::vector<std::string>& facet_terms() const { return m_facet_terms; }

private:
    std::vector<std::uint32_t> m_offsets;   // the value of did is m_blob[m_offsets[did], m_offsets[did + 1])
    std::string m_blob;
    std::size_t m_documents = 0;
    std::vector<Xapian::termcount> m_lengths;   // by docid
    std::vector<std::uint32_t> m_dates;         // by docid
    double m_average_length = 0;
    std::vector<double> m_length_norms;         // by docid
    std::vector<std::string> m_facet_terms;
};

// The newest FacetTable of an index, shared by its readers; thread-safe.
class FacetTableCache {
public:
    // The table of revision `revision` of files generation `files` of `db`, read on first use.
    std::shared_ptr<const FacetTable> get(const Xapian::Database& db, std::uint64_t files, Xapian::rev revision) const;

private:
    mutable std::mutex m_mutex;
    mutable std::shared_ptr<const FacetTable> m_table;
    mutable std::uint64_t m_files = 0;
    mutable Xapian::rev m_revision = 0;
};

// Counts facet values over the matching documents of one get_mset() call.
// Not thread-safe; make one per search.
class FacetSpy : public Xapian::MatchSpy {
public:
    // `slugs` and `table` (which may be null: values are then read from the documents) must
    // outlive the spy; `table` must be of the revision the search runs on.
    FacetSpy(const FacetSlugs& slugs, const FacetTable* table) : m_slugs(slugs), m_table(table) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    // Counts document `did` from the table (which must not be null).
    void count(Xapian::docid did) { count_packed(m_table->packed(did)); }
    // Counts `n` documents with facet term `term` (one of FacetTable::facet_terms()).
    void count_term(std::string_view term, long n);
    Xapian::MatchSpy* clone() const override { return new FacetSpy(m_slugs, m_table); }
    std::string name() const override { return "gezondin.FacetSpy"; }

    // Non-zero counts per facet, ordered for display: goals and levels in their natural order,
    // years newest first, the others by count (then value).
    std::map<Facet, std::vector<FacetCount>> counts() const;

private:
    // Few distinct values (tracks, themes, years): a linear scan beats hashing, and the
    // values point into nothing the spy does not own.
    template <typename Key>
    using SmallCounts = std::vector<std::pair<Key, long>>;

    template <typename Key>
    static void count(SmallCounts<Key>& counts, Key key, long n = 1);
    static void add_slugs(std::vector<FacetCount>& out, const SmallCounts<std::uint32_t>& counts,
                          const std::unordered_map<std::uint32_t, std::string>& slugs);

    void count_packed(std::string_view packed);
    void count_value(Facet facet, std::string_view value, long n);

    const FacetSlugs& m_slugs;
    const FacetTable* m_table;
    std::array<long, 8> m_types{};
    std::array<long, 4> m_levels{};
    std::array<long, 100> m_provinces{};
    std::vector<long> m_municipalities;   // sized on first use (10,000 codes)
    SmallCounts<int> m_years;
    std::array<long, 8> m_goals{};
    SmallCounts<std::uint32_t> m_tracks;
    SmallCounts<std::uint32_t> m_themes;
};

// Totals and facet counts of searches without text (the landing page, browsing by facet),
// which are the same for every visitor until the index changes, keyed by `revision` (what
// identifies the database contents) and the filters. Thread-safe.
class FacetCountCache {
public:
    struct Counts {
        long total = 0;
        std::map<Facet, std::vector<FacetCount>> facets;
    };

    std::optional<Counts> find(const std::string& revision, const std::string& filters) const;
    // Forgets the counts of other revisions.
    void store(const std::string& revision, const std::string& filters, Counts counts);

private:
    static constexpr std::size_t max_entries = 512;
    mutable std::mutex m_mutex;
    std::string m_revision;
    std::unordered_map<std::string, Counts> m_entries;
};

// The filters of a query as a cache key.
std::string filters_key(const std::map<Facet, std::vector<std::string>>& filters);

}  // namespace gezondin::search
