#include "search/xapian/bulk_load.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "search/xapian/document_builder.h"

namespace gezondin::search {

namespace {

constexpr std::size_t queue_capacity = 256;
constexpr unsigned docs_per_flush = 1000;

struct Change {
    std::optional<IndexedItem> item;   // empty: remove `id`
    domain::ItemId id = 0;
};

}  // namespace

struct BulkLoad::Worker {
    Worker(const XapianIndex::Impl& impl, const std::filesystem::path& dir)
        : path(dir),
          db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS),
          builder(impl) {}

    std::filesystem::path path;
    Xapian::WritableDatabase db;
    DocumentBuilder builder;

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Change> queue;
    bool closing = false;
    std::optional<core::Error> error;   // the first failure; later changes are dropped
    std::thread thread;
    std::unordered_set<domain::ItemId> added;   // ids in this shard, which started empty

    void push(Change c) {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return queue.size() < queue_capacity || error; });
        if (error) return;
        queue.push_back(std::move(c));
        changed.notify_all();
    }

    void run() {
        unsigned since_flush = 0;
        for (;;) {
            Change c;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return !queue.empty() || closing; });
                if (queue.empty()) break;
                c = std::move(queue.front());
                queue.pop_front();
                changed.notify_all();
                if (error) continue;
            }
            try {
                apply(c);
                if (++since_flush == docs_per_flush) {
                    db.commit();
                    since_flush = 0;
                }
            } catch (...) {
                fail(current_xapian_error());
            }
        }
        try {
            flush();
            db.close();
        } catch (...) {
            fail(current_xapian_error());
        }
    }

    // A new id needs no look-up of its id term (replace_document opens its posting list).
    void apply(const Change& c) {
        if (!c.item) {
            if (added.erase(c.id)) db.delete_document(id_term(c.id));
        } else if (added.insert(c.id).second) {
            db.add_document(builder.build(*c.item));
        } else {
            db.replace_document(id_term(c.id), builder.build(*c.item));
        }
    }

    // The spelling data only once, at the end: the stemmer keeps the counts, so each distinct
    // word is added once per shard instead of once per batch of documents it occurs in.
    void flush() {
        builder.flush_spelling(db);
        db.commit();
    }

    void fail(core::Error e) {
        std::lock_guard lock(mutex);
        if (!error) error = std::move(e);
        changed.notify_all();
    }

    void stop() {
        {
            std::lock_guard lock(mutex);
            closing = true;
            changed.notify_all();
        }
        if (thread.joinable()) thread.join();
    }
};

BulkLoad::BulkLoad(std::filesystem::path work_dir) : m_work_dir(std::move(work_dir)) {}

core::Result<std::unique_ptr<BulkLoad>> BulkLoad::start(const XapianIndex::Impl& impl, std::filesystem::path work_dir,
                                                        unsigned workers) {
    std::unique_ptr<BulkLoad> load(new BulkLoad(std::move(work_dir)));
    try {
        std::filesystem::remove_all(load->m_work_dir);
        std::filesystem::create_directories(load->m_work_dir);
        for (unsigned i = 0; i < std::max(workers, 1u); ++i)
            load->m_workers.push_back(std::make_unique<Worker>(impl, load->m_work_dir / ("shard-" + std::to_string(i))));
    } catch (...) {
        return core::fail(current_xapian_error());
    }
    for (auto& w : load->m_workers) w->thread = std::thread([w = w.get()] { w->run(); });
    return load;
}

BulkLoad::~BulkLoad() {
    for (auto& w : m_workers) w->stop();
    m_workers.clear();
    std::error_code ec;
    std::filesystem::remove_all(m_work_dir, ec);
}

BulkLoad::Worker& BulkLoad::shard_of(domain::ItemId id) {
    auto n = static_cast<std::uint64_t>(id);
    return *m_workers[n % m_workers.size()];
}

core::Status BulkLoad::first_error() const {
    for (const auto& w : m_workers) {
        std::lock_guard lock(w->mutex);
        if (w->error) return core::fail(*w->error);
    }
    return {};
}

core::Status BulkLoad::put(const IndexedItem& item) {
    if (auto e = first_error(); !e) return e;
    shard_of(item.item.id).push(Change{item, item.item.id});
    return {};
}

core::Status BulkLoad::remove(domain::ItemId id) {
    if (auto e = first_error(); !e) return e;
    shard_of(id).push(Change{std::nullopt, id});
    return {};
}

core::Status BulkLoad::finish(const std::filesystem::path& out_dir) {
    for (auto& w : m_workers) w->stop();
    if (auto e = first_error(); !e) return e;
    try {
        Xapian::Database shards;
        for (auto& w : m_workers) shards.add_database(Xapian::Database(w->path.string()));
        shards.compact(out_dir.string(), Xapian::Compactor::FULLER);
    } catch (...) {
        return core::fail(current_xapian_error());
    }
    return {};
}

}  // namespace gezondin::search
