#pragma once
// The storage interfaces in plain C++ types. Implementations live in storage/soci/ (one SOCI
// implementation that runs on SQLite and on PostgreSQL). Every method is thread-safe; every
// write is one transaction.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/item.h"
#include "domain/municipality.h"

namespace gezondin::storage {

enum class ChangeKind { Upsert, Delete };

// One row of the change log: every write of an item appends one, with a monotonic sequence,
// so each search index (one per server instance) can follow the log.
struct Change {
    std::int64_t seq = 0;
    domain::ItemId item_id = 0;
    ChangeKind kind = ChangeKind::Upsert;
};

struct UpsertOutcome {
    domain::ItemId id = 0;
    bool created = false;   // a new external_id
    bool changed = false;   // created, or content differed from the stored item
};

enum class ItemOrder { DateDescending, IdAscending };

// Filters for plain listings (theme, goal, track and municipality pages); empty means "any".
struct ItemFilter {
    std::string theme;
    int gala_goal = 0;
    std::string track;
    std::string municipality_code;
};

struct ItemPage {
    std::vector<domain::Item> items;
    long total = 0;   // matching items, ignoring offset and limit
};

class ItemStore {
public:
    virtual ~ItemStore() = default;

    // Writes all items in one transaction, keyed on external_id: all or nothing. Items whose
    // content is unchanged are left alone (no new updated_at, no change-log row).
    virtual core::Result<std::vector<UpsertOutcome>> upsert_items(const std::vector<domain::Item>& items) = 0;
    // The same for the batches `next_batch` hands out until it returns an empty one, in one
    // transaction (a large import need not hold every item at once). An error from next_batch
    // rolls everything back and is returned.
    using ItemBatches = std::function<core::Result<std::vector<domain::Item>>()>;
    virtual core::Result<std::vector<UpsertOutcome>> upsert_item_batches(const ItemBatches& next_batch) = 0;
    // NotFound when there is no such item.
    virtual core::Result<domain::Item> item(domain::ItemId id) = 0;
    // The items that exist, in the order of `ids`; missing ids are skipped.
    virtual core::Result<std::vector<domain::Item>> items_by_ids(const std::vector<domain::ItemId>& ids) = 0;
    virtual core::Result<ItemPage> list_items(const ItemFilter& filter, ItemOrder order, long offset, long limit) = 0;
    // Calls `visit` for every item in id order, reading in batches (for export and reindex).
    virtual core::Status for_each_item(const std::function<void(const domain::Item&)>& visit) = 0;
    virtual core::Result<long> count_items() = 0;
    // Deletes the item and logs the change. NotFound when absent.
    virtual core::Status delete_item(domain::ItemId id) = 0;

    // Change-log rows with seq > `after`, oldest first, at most `limit`.
    virtual core::Result<std::vector<Change>> changes_since(std::int64_t after, long limit) = 0;
    virtual core::Result<std::int64_t> last_change_seq() = 0;
};

class MunicipalityStore {
public:
    virtual ~MunicipalityStore() = default;
    // Inserts or updates by code, in one transaction; returns how many rows were new or changed.
    virtual core::Result<long> upsert_municipalities(const std::vector<domain::Municipality>& list) = 0;
    virtual core::Result<domain::Municipality> municipality(const std::string& code) = 0;
    virtual core::Result<std::vector<domain::Municipality>> municipalities() = 0;   // by name
};

// One database: all stores over one connection pool.
class Database : public ItemStore, public MunicipalityStore {
public:
    // Applies the numbered migrations in migrations/ that are not applied yet. Idempotent.
    virtual core::Status migrate() = 0;
    // "sqlite" or "postgresql".
    virtual std::string engine() const = 0;
    // A cheap round trip, for /readyz.
    virtual core::Status ping() = 0;
};

// Opens a database from a URL: "postgresql://user@host:port/dbname" (libpq URL syntax, also
// "postgres://"), "sqlite:///abs/path.db", "sqlite:relative.db" or a plain file path (SQLite).
// SQLite runs with WAL, synchronous=FULL and foreign keys on. `pool_size` connections.
core::Result<std::unique_ptr<Database>> open_database(const std::string& url, int pool_size = 4);

}  // namespace gezondin::storage
