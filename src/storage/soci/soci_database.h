#pragma once
// The SOCI implementation of storage::Database, one code path for SQLite and PostgreSQL.
// Each call leases one session from a soci::connection_pool for its duration, so the object
// is thread-safe and at most `pool_size` calls touch the database at once; the rest wait.

#include <memory>
#include <string>

#include <soci/soci.h>

#include "storage/database.h"
#include "storage/soci/connection_url.h"
#include "storage/soci/errors.h"

namespace gezondin::storage {

class SociDatabase final : public Database {
public:
    // Opens `pool_size` connections. SQLite: creates the parent directory and sets WAL,
    // synchronous=FULL, foreign keys and a busy timeout on every connection.
    static core::Result<std::unique_ptr<Database>> open(const ConnectionSpec& spec, int pool_size);

    SociDatabase(Engine engine, std::size_t pool_size) : m_engine(engine), m_pool(pool_size) {}

    core::Status migrate() override;
    std::string engine() const override { return engine_name(m_engine); }
    core::Status ping() override;

    core::Result<std::vector<UpsertOutcome>> upsert_items(const std::vector<domain::Item>& items) override;
    core::Result<std::vector<UpsertOutcome>> upsert_item_batches(const ItemBatches& next_batch) override;
    core::Result<domain::Item> item(domain::ItemId id) override;
    core::Result<std::vector<domain::Item>> items_by_ids(const std::vector<domain::ItemId>& ids) override;
    core::Result<ItemPage> list_items(const ItemFilter& filter, ItemOrder order, long offset, long limit) override;
    core::Status for_each_item(const std::function<void(const domain::Item&)>& visit) override;
    core::Result<long> count_items() override;
    core::Status delete_item(domain::ItemId id) override;
    core::Result<std::vector<Change>> changes_since(std::int64_t after, long limit) override;
    core::Result<std::int64_t> last_change_seq() override;

    core::Result<long> upsert_municipalities(const std::vector<domain::Municipality>& list) override;
    core::Result<domain::Municipality> municipality(const std::string& code) override;
    core::Result<std::vector<domain::Municipality>> municipalities() override;

private:
    template <typename F>
    auto run(F&& body) {
        return with_session(m_pool, std::forward<F>(body));
    }

    Engine m_engine;
    soci::connection_pool m_pool;
};

}  // namespace gezondin::storage
