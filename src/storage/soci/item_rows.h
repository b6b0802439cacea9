#pragma once
// Reading and writing item rows (items plus the ordered child tables item_themes, item_goals,
// item_tracks, item_links) within a session the caller leased; writes run inside the caller's
// transaction. Functions throw SOCI exceptions; the caller maps them (see errors.h).

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/item.h"
#include "storage/database.h"
#include "storage/soci/sql_builder.h"

namespace gezondin::storage {

// At most this many values go into one IN list or one batch of for_each_item.
inline constexpr std::size_t batch_size = 500;

// The items that `tail` selects from table items, in the order it gives, with their child
// lists in stored order. `tail` writes everything after "FROM items": "WHERE ...", optionally
// "ORDER BY ... LIMIT ...". Two queries, whatever the number of items.
std::vector<domain::Item> load_items(soci::session& sql, const std::function<void(SqlBuilder&)>& tail);

// The items with these ids (any number; queried in chunks), keyed by id.
std::map<domain::ItemId, domain::Item> load_items_by_ids(soci::session& sql, const std::vector<domain::ItemId>& ids);

// The items with these external ids (any number), keyed by external id.
std::map<std::string, domain::Item> load_items_by_external_ids(soci::session& sql,
                                                               const std::vector<std::string>& external_ids);

// Takes the item write lock (see migrations/0001_items.sql). The first statement of every
// transaction that writes items or the change log.
void lock_item_writes(soci::session& sql);

// Inserts or updates `item` by external_id (created_at kept on update), replaces its child
// rows, and returns its id. `existed` says whether child rows may need deleting first.
domain::ItemId write_item(soci::session& sql, const domain::Item& item, bool existed, const std::string& now);

// Deletes the item (child rows go by ON DELETE CASCADE); false when there was none.
bool erase_item(soci::session& sql, domain::ItemId id);

// Appends one change-log row per id.
void log_changes(soci::session& sql, const std::vector<domain::ItemId>& ids, ChangeKind kind, const std::string& now);

}  // namespace gezondin::storage
