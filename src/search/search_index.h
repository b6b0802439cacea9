#pragma once
// The search interface: a query model and the SearchIndex contract. The only implementation
// is search/xapian/ (the only code that includes <xapian.h>). The index is derived data: it can
// be rebuilt from the database at any time.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/item.h"

namespace gezondin::search {

enum class Facet { Type, GalaGoal, Track, Theme, Level, Province, Municipality, Year };

// All facets in display order; `facet_key` is the URL parameter name ("type", "doel", "spoor",
// "thema", "niveau", "provincie", "gemeente", "jaar").
const std::vector<Facet>& all_facets();
const char* facet_key(Facet f);
std::optional<Facet> facet_from_key(std::string_view key);

enum class SortOrder { Relevance, Date };

struct SearchQuery {
    std::string text;                                   // what the user typed; may be empty
    std::map<Facet, std::vector<std::string>> filters;  // OR within a facet, AND across facets
    SortOrder sort = SortOrder::Relevance;
    long page = 1;                                      // 1-based
    long page_size = 20;
};

struct SearchHit {
    domain::ItemId id = 0;
    std::string external_id;
    std::string title;
    std::string type;               // item type slug
    std::string date;               // YYYY-MM-DD
    std::string municipality_code;
    std::string summary;
    std::string snippet_html;       // escaped text with <mark> around matches
    double score = 0;               // relevance, 0..1 (Xapian percentage / 100)
};

struct FacetCount {
    std::string value;   // the filter value (slug, goal number, code, year)
    long count = 0;
};

struct SearchResult {
    long total = 0;                                        // matching items (exact)
    std::vector<SearchHit> hits;                           // the requested page
    std::map<Facet, std::vector<FacetCount>> facets;       // counts under the current filters
    std::optional<std::string> suggestion;                 // corrected query text, if any word looks misspelt
};

// What the index needs of an item besides the item itself.
struct IndexedItem {
    domain::Item item;
    std::string province_code;   // "PV27", from the municipality reference data; may be empty
    std::string attachment_text; // text of the item's attachments (PDF), searchable; may be empty
};

class SearchIndex {
public:
    virtual ~SearchIndex() = default;

    // Adds or replaces the document of item.id. Visible to searches after commit().
    virtual core::Status put(const IndexedItem& item) = 0;
    virtual core::Status remove(domain::ItemId id) = 0;
    // Makes writes durable and visible, and records `applied_seq` as the last change-log
    // sequence the index reflects.
    virtual core::Status commit(std::int64_t applied_seq) = 0;
    virtual core::Result<std::int64_t> applied_seq() const = 0;
    virtual core::Result<long> document_count() const = 0;

    // Thread-safe for concurrent readers.
    virtual core::Result<SearchResult> search(const SearchQuery& query) const = 0;
    // Items most like `id`, best first, never `id` itself.
    virtual core::Result<std::vector<SearchHit>> similar(domain::ItemId id, int count) const = 0;
};

}  // namespace gezondin::search
