#include "services/kennisbank.h"

#include <unordered_map>

#include "core/messages.h"
#include "services/item_jsonl.h"

namespace gezondin::services {

Kennisbank::Kennisbank(storage::Database& db, search::SearchIndex* index, const domain::Taxonomy& taxonomy)
    : m_db(db), m_index(index), m_taxonomy(taxonomy) {}

core::Result<ImportReport> Kennisbank::import_items_jsonl(std::string_view text) {
    // Validated whole first; then read again and written in batches inside one transaction,
    // so that a large file's items are never all in memory at once.
    if (auto valid = validate_items_jsonl(text, m_taxonomy); !valid) return core::fail(valid.error());
    constexpr std::size_t import_batch = 1000;
    ItemJsonlReader reader(text, m_taxonomy);
    std::vector<core::FieldProblem> problems;   // none: the text was validated
    auto outcomes = m_db.upsert_item_batches([&]() -> core::Result<std::vector<domain::Item>> {
        std::vector<domain::Item> batch;
        while (batch.size() < import_batch) {
            auto item = reader.next(problems);
            if (!item) break;
            batch.push_back(std::move(*item));
        }
        return batch;
    });
    if (!outcomes) return core::fail(outcomes.error());
    ImportReport report;
    for (const auto& o : *outcomes) {
        if (o.created) ++report.created;
        else if (o.changed) ++report.updated;
        else ++report.unchanged;
    }
    if (auto synced = sync_index(); !synced) return core::fail(synced.error());
    return report;
}

core::Status Kennisbank::export_items_jsonl(const std::function<void(std::string_view)>& out) {
    return m_db.for_each_item([&](const domain::Item& item) { out(to_jsonl(item)); });
}

core::Result<long> Kennisbank::import_municipalities_csv(std::string_view csv) {
    auto list = domain::parse_cbs_municipality_list(csv);
    if (!list) return core::fail(list.error());
    auto n = m_db.upsert_municipalities(*list);
    if (!n) return n;
    std::lock_guard lock(m_cache_mutex);
    m_municipalities.clear();
    return n;
}

core::Status Kennisbank::refresh_municipality_cache() {
    std::lock_guard lock(m_cache_mutex);
    if (!m_municipalities.empty()) return {};
    auto list = m_db.municipalities();
    if (!list) return core::fail(list.error());
    for (auto& m : *list) m_municipalities.emplace(m.code, m);
    return {};
}

search::IndexedItem Kennisbank::indexed(const domain::Item& item) {
    search::IndexedItem out{item, {}, m_attachment_text ? m_attachment_text(item) : std::string()};
    std::lock_guard lock(m_cache_mutex);
    if (auto it = m_municipalities.find(item.municipality_code); it != m_municipalities.end())
        out.province_code = it->second.province_code;
    return out;
}

core::Result<long> Kennisbank::sync_index() {
    if (!m_index) return 0;
    std::lock_guard lock(m_sync_mutex);
    if (auto r = refresh_municipality_cache(); !r) return core::fail(r.error());
    auto applied = m_index->applied_seq();
    if (!applied) return core::fail(applied.error());
    long count = 0;
    std::int64_t seq = *applied;
    // One commit at the end: into an empty index the puts are a bulk load, which a commit ends
    // (an import of 100,000 items into an empty index spent three quarters of its time writing
    // the rest one by one after the first batch's commit). Xapian flushes large batches itself.
    for (;;) {
        auto changes = m_db.changes_since(seq, 500);
        if (!changes) return core::fail(changes.error());
        if (changes->empty()) break;
        std::vector<domain::ItemId> ids;
        for (const auto& c : *changes) ids.push_back(c.item_id);
        auto items = m_db.items_by_ids(ids);   // one query for the batch; deleted items are missing
        if (!items) return core::fail(items.error());
        std::unordered_map<domain::ItemId, const domain::Item*> by_id;
        for (const auto& item : *items) by_id.emplace(item.id, &item);
        for (const auto& c : *changes) {
            auto found = by_id.find(c.item_id);
            auto s = found != by_id.end() ? m_index->put(indexed(*found->second)) : m_index->remove(c.item_id);
            if (!s) return core::fail(s.error());
            seq = c.seq;
            ++count;
        }
    }
    if (seq != *applied)
        if (auto s = m_index->commit(seq); !s) return core::fail(s.error());
    m_generation.store(seq, std::memory_order_release);
    return count;
}

core::Result<long> Kennisbank::rebuild_index(search::SearchIndex& fresh) {
    std::lock_guard lock(m_sync_mutex);
    if (auto r = refresh_municipality_cache(); !r) return core::fail(r.error());
    auto last = m_db.last_change_seq();   // read first: later changes are applied by the next sync
    if (!last) return core::fail(last.error());
    long count = 0;
    core::Status failure;
    auto s = m_db.for_each_item([&](const domain::Item& item) {
        if (!failure) return;
        failure = fresh.put(indexed(item));
        ++count;
    });
    if (!s) return core::fail(s.error());
    if (!failure) return core::fail(failure.error());
    if (auto c = fresh.commit(*last); !c) return core::fail(c.error());
    return count;
}

core::Result<domain::Item> Kennisbank::item(domain::ItemId id) { return m_db.item(id); }

core::Result<storage::ItemPage> Kennisbank::list(const storage::ItemFilter& filter, long offset, long limit) {
    return m_db.list_items(filter, storage::ItemOrder::DateDescending, offset, limit);
}

namespace {
core::Error no_index() { return core::Error::unavailable(std::string(core::msg("error.no_index"))); }
}  // namespace

core::Result<search::SearchResult> Kennisbank::search(const search::SearchQuery& query) {
    if (!m_index) return core::fail(no_index());
    return m_index->search(query);
}

core::Result<std::vector<search::SearchHit>> Kennisbank::similar(domain::ItemId id, int count) {
    if (!m_index) return core::fail(no_index());
    return m_index->similar(id, count);
}

core::Result<domain::Municipality> Kennisbank::municipality(const std::string& code) { return m_db.municipality(code); }

core::Result<std::vector<domain::Municipality>> Kennisbank::municipalities() { return m_db.municipalities(); }

std::string Kennisbank::municipality_name(const std::string& code) {
    if (code.empty()) return {};
    (void)refresh_municipality_cache();
    std::lock_guard lock(m_cache_mutex);
    auto it = m_municipalities.find(code);
    return it == m_municipalities.end() ? code : it->second.name;
}

}  // namespace gezondin::services
