#pragma once
// BulkLoad: fills an empty index on several threads. Internal to the Xapian adapter.
//
// Xapian has one writer per database, and a single writer spends most of a full reindex in
// its inverter (one std::map insert per term of every document). So a load into an empty
// index gives each worker thread a shard database of its own (in a sub-folder of the index
// folder) and compacts the shards into one database at the end. Documents go to a shard by
// item id, so a second put() or a remove() of the same id reaches the document it changes.
// Shards are temporary: written without fsync and in place (DB_NO_SYNC | DB_DANGEROUS), and
// committed every `docs_per_flush` documents, which keeps the inverter's maps small.

#include <filesystem>
#include <memory>
#include <string>

#include "core/error.h"
#include "search/search_index.h"
#include "search/xapian/index_impl.h"

namespace gezondin::search {

class BulkLoad {
public:
    // Starts `workers` threads with shards under `work_dir` (created; removed again by the
    // destructor). Xapian errors while creating the shards become Unavailable/Internal.
    static core::Result<std::unique_ptr<BulkLoad>> start(const XapianIndex::Impl& impl, std::filesystem::path work_dir,
                                                         unsigned workers);
    ~BulkLoad();   // stops and joins the workers; removes work_dir
    BulkLoad(const BulkLoad&) = delete;
    BulkLoad& operator=(const BulkLoad&) = delete;

    // Queue a change for the shard of the item id. Blocks while that shard's queue is full.
    // A failure of an earlier queued change is reported by the next call.
    core::Status put(const IndexedItem& item);
    core::Status remove(domain::ItemId id);

    // Waits for every queued change and compacts all shards into a new database at `out_dir`
    // (which must not exist). The BulkLoad is spent afterwards.
    core::Status finish(const std::filesystem::path& out_dir);

    struct Worker;

private:
    BulkLoad(std::filesystem::path work_dir);
    Worker& shard_of(domain::ItemId id);
    core::Status first_error() const;

    std::filesystem::path m_work_dir;
    std::vector<std::unique_ptr<Worker>> m_workers;
};

}  // namespace gezondin::search
