// The ItemStore half of SociDatabase.

#include <algorithm>

#include "core/date.h"
#include "core/messages.h"
#include "storage/soci/item_rows.h"
#include "storage/soci/soci_database.h"

namespace gezondin::storage {

namespace {

using domain::Item;
using domain::ItemId;

core::Error item_not_found(ItemId id) {
    return core::Error::not_found(std::string(core::msg("storage.item")), std::to_string(id));
}

// A SELECT of the ids of the items matching `filter`: an INTERSECT of one select per filter
// part, each answered from a (value, item_id) index without touching the wide items rows.
// Every value is bound.
void write_matching_ids(SqlBuilder& q, const ItemFilter& filter) {
    bool first = true;
    auto part = [&](const char* select) -> SqlBuilder& {
        q.text(first ? "" : " INTERSECT ").text(select);
        first = false;
        return q;
    };
    if (!filter.theme.empty()) part("SELECT item_id FROM item_themes WHERE theme = ").value(filter.theme);
    if (filter.gala_goal != 0)
        part("SELECT item_id FROM item_goals WHERE goal = ").value(static_cast<long long>(filter.gala_goal));
    if (!filter.track.empty()) part("SELECT item_id FROM item_tracks WHERE track = ").value(filter.track);
    if (!filter.municipality_code.empty())
        part("SELECT id FROM items WHERE municipality_code = ").value(filter.municipality_code);
    if (first) part("SELECT id FROM items");
}

// Runs a query whose only column is an integer and collects the values.
std::vector<long long> query_integers(soci::session& sql, const SqlBuilder& q) {
    std::vector<long long> out;
    long long value = 0;
    soci::statement st(sql);
    st.exchange(soci::into(value));
    q.prepare(st);
    st.execute();
    while (st.fetch()) out.push_back(value);
    return out;
}

// Writes one batch inside the caller's transaction and appends its outcomes. The stored
// version of each key is kept current, so a key repeated in the batch compares against its
// earlier occurrence (earlier batches of the same transaction are read back).
void upsert_batch(soci::session& sql, const std::vector<Item>& items, const std::string& now,
                  std::vector<UpsertOutcome>& outcomes) {
    std::vector<ItemId> changed_ids;
    std::vector<std::string> keys;
    for (const auto& item : items) keys.push_back(item.external_id);
    auto stored = load_items_by_external_ids(sql, keys);
    for (const auto& item : items) {
        auto it = stored.find(item.external_id);
        if (it != stored.end() && it->second.same_content(item)) {
            outcomes.push_back({it->second.id, false, false});
            continue;
        }
        const bool existed = it != stored.end();
        ItemId id = write_item(sql, item, existed, now);
        outcomes.push_back({id, !existed, true});
        changed_ids.push_back(id);
        stored[item.external_id] = item;
        stored[item.external_id].id = id;
    }
    log_changes(sql, changed_ids, ChangeKind::Upsert, now);
}

std::vector<Item> in_order(std::map<ItemId, Item>& found, const std::vector<ItemId>& ids) {
    std::vector<Item> out;
    out.reserve(ids.size());
    for (ItemId id : ids)
        if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
    return out;
}

}  // namespace

core::Result<std::vector<UpsertOutcome>> SociDatabase::upsert_items(const std::vector<Item>& items) {
    return run([&](soci::session& sql) -> core::Result<std::vector<UpsertOutcome>> {
        const std::string now = core::utc_now_iso8601();
        std::vector<UpsertOutcome> outcomes;
        soci::transaction tx(sql);
        lock_item_writes(sql);
        upsert_batch(sql, items, now, outcomes);
        tx.commit();
        return outcomes;
    });
}

core::Result<std::vector<UpsertOutcome>> SociDatabase::upsert_item_batches(const ItemBatches& next_batch) {
    return run([&](soci::session& sql) -> core::Result<std::vector<UpsertOutcome>> {
        const std::string now = core::utc_now_iso8601();
        std::vector<UpsertOutcome> outcomes;
        soci::transaction tx(sql);   // rolls back unless committed
        lock_item_writes(sql);
        for (;;) {
            auto items = next_batch();
            if (!items) return core::fail(items.error());
            if (items->empty()) break;
            upsert_batch(sql, *items, now, outcomes);
        }
        tx.commit();
        return outcomes;
    });
}

core::Result<Item> SociDatabase::item(ItemId id) {
    return run([&](soci::session& sql) -> core::Result<Item> {
        auto found = load_items_by_ids(sql, {id});
        if (found.empty()) return core::fail(item_not_found(id));
        return std::move(found.begin()->second);
    });
}

core::Result<std::vector<Item>> SociDatabase::items_by_ids(const std::vector<ItemId>& ids) {
    return run([&](soci::session& sql) -> core::Result<std::vector<Item>> {
        auto found = load_items_by_ids(sql, ids);
        return in_order(found, ids);
    });
}

core::Result<ItemPage> SociDatabase::list_items(const ItemFilter& filter, ItemOrder order, long offset, long limit) {
    return run([&](soci::session& sql) -> core::Result<ItemPage> {
        ItemPage page;
        SqlBuilder count;
        count.text("SELECT COUNT(*) FROM (");
        write_matching_ids(count, filter);
        count.text(") AS matching");
        page.total = static_cast<long>(query_integers(sql, count).at(0));
        if (limit <= 0 || offset >= page.total) return page;
        page.items = load_items(sql, [&](SqlBuilder& q) {
            q.text("WHERE id IN (");
            write_matching_ids(q, filter);
            q.text(")");
            q.text(order == ItemOrder::DateDescending ? " ORDER BY date DESC, id DESC" : " ORDER BY id");
            q.text(" LIMIT ").value(static_cast<long long>(limit));
            q.text(" OFFSET ").value(static_cast<long long>(std::max(0L, offset)));
        });
        return page;
    });
}

core::Status SociDatabase::for_each_item(const std::function<void(const Item&)>& visit) {
    long long after = 0;
    for (;;) {
        // The session goes back to the pool before `visit` runs, so visit may use the store.
        auto batch = run([&](soci::session& sql) -> core::Result<std::vector<Item>> {
            return load_items(sql, [&](SqlBuilder& q) {
                q.text("WHERE id > ").value(after).text(" ORDER BY id LIMIT ").value(static_cast<long long>(batch_size));
            });
        });
        if (!batch) return core::fail(batch.error());
        if (batch->empty()) return {};
        for (const auto& item : *batch) visit(item);
        after = batch->back().id;
    }
}

core::Result<long> SociDatabase::count_items() {
    return run([&](soci::session& sql) -> core::Result<long> {
        long long count = 0;
        sql << "SELECT COUNT(*) FROM items", soci::into(count);
        return static_cast<long>(count);
    });
}

core::Status SociDatabase::delete_item(ItemId id) {
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        lock_item_writes(sql);
        if (!erase_item(sql, id)) return core::fail(item_not_found(id));
        log_changes(sql, {id}, ChangeKind::Delete, core::utc_now_iso8601());
        tx.commit();
        return {};
    });
}

core::Result<std::vector<Change>> SociDatabase::changes_since(std::int64_t after, long limit) {
    return run([&](soci::session& sql) -> core::Result<std::vector<Change>> {
        std::vector<Change> out;
        if (limit <= 0) return out;
        long long seq = 0, item_id = 0;
        const long long from = after, max = limit;
        std::string kind;
        soci::statement st = (sql.prepare << "SELECT seq, item_id, kind FROM changes WHERE seq > :a ORDER BY seq LIMIT :l",
                              soci::into(seq), soci::into(item_id), soci::into(kind), soci::use(from), soci::use(max));
        st.execute();
        while (st.fetch()) out.push_back({seq, item_id, kind == "delete" ? ChangeKind::Delete : ChangeKind::Upsert});
        return out;
    });
}

core::Result<std::int64_t> SociDatabase::last_change_seq() {
    return run([&](soci::session& sql) -> core::Result<std::int64_t> {
        long long seq = 0;
        sql << "SELECT COALESCE(MAX(seq), 0) FROM changes", soci::into(seq);
        return seq;
    });
}

}  // namespace gezondin::storage
