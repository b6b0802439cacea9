#include "storage/soci/item_rows.h"

#include <stdexcept>
#include <unordered_map>

#include "domain/taxonomy.h"

namespace gezondin::storage {

namespace {

using domain::Item;
using domain::ItemId;
using Where = std::function<void(SqlBuilder&)>;

struct ItemRow {
    long long id = 0;
    std::string external_id, type, title, summary, body, date, level, municipality_code, created_at, updated_at;

    Item to_item() const {
        auto parsed_type = domain::item_type_from_slug(type);
        auto parsed_level = domain::level_from_slug(level);
        auto parsed_date = core::Date::parse(date);
        // Only this code writes these columns, from the same vocabularies.
        if (!parsed_type || !parsed_level || !parsed_date)
            throw std::runtime_error("item " + std::to_string(id) + " has an unknown type, level or date");
        Item item;
        item.id = id;
        item.external_id = external_id;
        item.type = *parsed_type;
        item.title = title;
        item.summary = summary;
        item.body = body;
        item.date = *parsed_date;
        item.level = *parsed_level;
        item.municipality_code = municipality_code;
        item.created_at = created_at;
        item.updated_at = updated_at;
        return item;
    }
};

// Reads the child rows of `items` (at most batch_size) in one query: kind 0 themes, 1 goals,
// 2 tracks, 3 links, each in stored order. Selecting by the ids already read, not by the
// caller's condition again, keeps a sorted page from being sorted twice.
void load_children(soci::session& sql, const std::vector<long long>& ids, std::unordered_map<ItemId, Item*>& by_id) {
    SqlBuilder q;
    q.text("WITH sel AS (SELECT id FROM items WHERE id IN ").value_list(ids);
    q.text(") SELECT item_id, 0, position, theme, '', 0 FROM item_themes WHERE item_id IN (SELECT id FROM sel) "
           "UNION ALL SELECT item_id, 1, position, '', '', goal FROM item_goals WHERE item_id IN (SELECT id FROM sel) "
           "UNION ALL SELECT item_id, 2, position, track, '', 0 FROM item_tracks WHERE item_id IN (SELECT id FROM sel) "
           "UNION ALL SELECT item_id, 3, position, url, title, 0 FROM item_links WHERE item_id IN (SELECT id FROM sel) "
           "ORDER BY 1, 2, 3");
    long long item_id = 0;
    int kind = 0, position = 0, goal = 0;
    std::string text, title;
    soci::statement st(sql);
    st.exchange(soci::into(item_id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(position));
    st.exchange(soci::into(text));
    st.exchange(soci::into(title));
    st.exchange(soci::into(goal));
    q.prepare(st);
    st.execute();
    while (st.fetch()) {
        auto it = by_id.find(item_id);
        if (it == by_id.end()) continue;   // only ids from `items` were asked for
        Item& item = *it->second;
        switch (kind) {
        case 0: item.themes.push_back(text); break;
        case 1: item.gala_goals.push_back(goal); break;
        case 2: item.tracks.push_back(text); break;
        default: item.links.push_back({text, title}); break;
        }
    }
}

template <typename T>
std::vector<std::vector<T>> chunks(const std::vector<T>& values) {
    std::vector<std::vector<T>> out;
    for (std::size_t i = 0; i < values.size(); i += batch_size)
        out.emplace_back(values.begin() + i, values.begin() + std::min(values.size(), i + batch_size));
    return out;
}

template <typename T>
void insert_children(soci::session& sql, const char* insert, ItemId id, const std::vector<T>& values) {
    if (values.empty()) return;   // SOCI refuses empty bulk vectors
    std::vector<long long> ids(values.size(), id);
    std::vector<int> positions(values.size());
    for (std::size_t i = 0; i < positions.size(); ++i) positions[i] = static_cast<int>(i);
    sql << insert, soci::use(ids), soci::use(positions), soci::use(values);
}

void insert_links(soci::session& sql, ItemId id, const std::vector<domain::Link>& links) {
    std::vector<std::string> urls, titles;
    for (const auto& link : links) {
        urls.push_back(link.url);
        titles.push_back(link.title);
    }
    if (links.empty()) return;
    std::vector<long long> ids(links.size(), id);
    std::vector<int> positions(links.size());
    for (std::size_t i = 0; i < positions.size(); ++i) positions[i] = static_cast<int>(i);
    sql << "INSERT INTO item_links (item_id, position, url, title) VALUES (:i, :p, :u, :t)", soci::use(ids),
        soci::use(positions), soci::use(urls), soci::use(titles);
}

}  // namespace

std::vector<Item> load_items(soci::session& sql, const Where& tail) {
    std::vector<Item> items;
    {
        SqlBuilder q;
        q.text("SELECT id, external_id, type, title, summary, body, date, level, municipality_code, created_at, "
               "updated_at FROM items ");
        tail(q);
        ItemRow r;
        soci::statement st(sql);
        st.exchange(soci::into(r.id));
        for (auto* field : {&r.external_id, &r.type, &r.title, &r.summary, &r.body, &r.date, &r.level,
                            &r.municipality_code, &r.created_at, &r.updated_at})
            st.exchange(soci::into(*field));
        q.prepare(st);
        st.execute();
        while (st.fetch()) items.push_back(r.to_item());
    }
    std::unordered_map<ItemId, Item*> by_id;
    for (auto& item : items) by_id[item.id] = &item;
    for (std::size_t i = 0; i < items.size(); i += batch_size) {
        std::vector<long long> ids;
        for (std::size_t j = i; j < std::min(items.size(), i + batch_size); ++j) ids.push_back(items[j].id);
        load_children(sql, ids, by_id);
    }
    return items;
}

std::map<ItemId, Item> load_items_by_ids(soci::session& sql, const std::vector<ItemId>& ids) {
    std::map<ItemId, Item> out;
    for (const auto& chunk : chunks(std::vector<long long>(ids.begin(), ids.end())))
        for (auto& item : load_items(sql, [&](SqlBuilder& q) { q.text("WHERE id IN ").value_list(chunk); }))
            out.emplace(item.id, std::move(item));
    return out;
}

std::map<std::string, Item> load_items_by_external_ids(soci::session& sql, const std::vector<std::string>& external_ids) {
    std::map<std::string, Item> out;
    for (const auto& chunk : chunks(external_ids))
        for (auto& item : load_items(sql, [&](SqlBuilder& q) { q.text("WHERE external_id IN ").value_list(chunk); }))
            out.emplace(item.external_id, std::move(item));
    return out;
}

void lock_item_writes(soci::session& sql) {
    sql << "UPDATE write_locks SET taken = taken + 1 WHERE name = 'items'";
}

ItemId write_item(soci::session& sql, const Item& item, bool existed, const std::string& now) {
    const std::string type(domain::to_slug(item.type));
    const std::string level(domain::to_slug(item.level));
    const std::string date = item.date.to_string();
    long long id = 0;
    sql << "INSERT INTO items (external_id, type, title, summary, body, date, level, municipality_code, created_at, "
           "updated_at) VALUES (:e, :ty, :ti, :s, :b, :d, :l, :m, :c, :u) "
           "ON CONFLICT (external_id) DO UPDATE SET type = excluded.type, title = excluded.title, "
           "summary = excluded.summary, body = excluded.body, date = excluded.date, level = excluded.level, "
           "municipality_code = excluded.municipality_code, updated_at = excluded.updated_at RETURNING id",
        soci::into(id), soci::use(item.external_id), soci::use(type), soci::use(item.title), soci::use(item.summary),
        soci::use(item.body), soci::use(date), soci::use(level), soci::use(item.municipality_code), soci::use(now),
        soci::use(now);
    if (existed) {
        for (const char* table : {"item_themes", "item_goals", "item_tracks", "item_links"})
            sql << "DELETE FROM " << table << " WHERE item_id = :id", soci::use(id);
    }
    insert_children(sql, "INSERT INTO item_themes (item_id, position, theme) VALUES (:i, :p, :v)", id, item.themes);
    insert_children(sql, "INSERT INTO item_goals (item_id, position, goal) VALUES (:i, :p, :v)", id, item.gala_goals);
    insert_children(sql, "INSERT INTO item_tracks (item_id, position, track) VALUES (:i, :p, :v)", id, item.tracks);
    insert_links(sql, id, item.links);
    return id;
}

bool erase_item(soci::session& sql, ItemId id) {
    const long long key = id;
    soci::statement st = (sql.prepare << "DELETE FROM items WHERE id = :id", soci::use(key));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

void log_changes(soci::session& sql, const std::vector<ItemId>& ids, ChangeKind kind, const std::string& now) {
    if (ids.empty()) return;
    std::vector<long long> keys(ids.begin(), ids.end());
    std::vector<std::string> kinds(ids.size(), kind == ChangeKind::Upsert ? "upsert" : "delete");
    std::vector<std::string> ats(ids.size(), now);
    sql << "INSERT INTO changes (item_id, kind, at) VALUES (:i, :k, :a)", soci::use(keys), soci::use(kinds),
        soci::use(ats);
}

}  // namespace gezondin::storage
