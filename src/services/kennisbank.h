#pragma once
// The knowledge-base use cases: import and export items, keep the search index in step with
// the database, and read items, listings and search results. Sees storage and search only
// through their interfaces. Thread-safe: several request threads may call it at once.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/item.h"
#include "domain/municipality.h"
#include "domain/taxonomy.h"
#include "search/search_index.h"
#include "storage/database.h"

namespace gezondin::services {

struct ImportReport {
    long created = 0;
    long updated = 0;
    long unchanged = 0;
};

class Kennisbank {
public:
    // `index` may be null (another process holds it): writes then only reach the database and
    // its change log, which that process follows; searches answer Unavailable.
    Kennisbank(storage::Database& db, search::SearchIndex* index, const domain::Taxonomy& taxonomy);
    bool has_index() const { return m_index != nullptr; }

    const domain::Taxonomy& taxonomy() const { return m_taxonomy; }

    // Where the index gets the searchable text of an item's attachments (the community's
    // Attachments service). Set once, before the first sync or rebuild; may stay unset.
    void set_attachment_text(std::function<std::string(const domain::Item&)> source) {
        m_attachment_text = std::move(source);
    }

    // Validates the whole JSON-lines text first; writes nothing if any line is invalid.
    // Idempotent on external_id. Brings the search index up to date afterwards.
    core::Result<ImportReport> import_items_jsonl(std::string_view text);
    // Writes every item as one JSON line to `out`, in id order.
    core::Status export_items_jsonl(const std::function<void(std::string_view line)>& out);

    // Imports the CBS "Gemeenten alfabetisch" CSV; returns how many rows were new or changed.
    core::Result<long> import_municipalities_csv(std::string_view csv);

    // Applies change-log entries the index has not seen yet. Returns how many were applied.
    core::Result<long> sync_index();
    // Changes whenever the index takes in changes: a validator for anything derived from
    // the index (rendered pages, facet counts).
    std::int64_t generation() const { return m_generation.load(std::memory_order_acquire); }
    // Puts every item into `fresh` (an empty index) and marks it current with the log.
    core::Result<long> rebuild_index(search::SearchIndex& fresh);

    core::Result<domain::Item> item(domain::ItemId id);
    core::Result<storage::ItemPage> list(const storage::ItemFilter& filter, long offset, long limit);
    core::Result<search::SearchResult> search(const search::SearchQuery& query);
    core::Result<std::vector<search::SearchHit>> similar(domain::ItemId id, int count);

    core::Result<domain::Municipality> municipality(const std::string& code);
    core::Result<std::vector<domain::Municipality>> municipalities();
    // Name of a municipality for display, or the code when it is unknown.
    std::string municipality_name(const std::string& code);

private:
    search::IndexedItem indexed(const domain::Item& item);
    core::Status refresh_municipality_cache();

    storage::Database& m_db;
    search::SearchIndex* m_index;
    const domain::Taxonomy& m_taxonomy;
    std::mutex m_sync_mutex;                                  // one index writer at a time
    std::mutex m_cache_mutex;
    std::atomic<std::int64_t> m_generation{-1};
    std::map<std::string, domain::Municipality> m_municipalities;
    std::function<std::string(const domain::Item&)> m_attachment_text;
};

}  // namespace gezondin::services
