#pragma once
// The SOCI implementation of storage::WijkdataStore, one code path for SQLite and PostgreSQL,
// with its own connection pool on the database that storage::Database migrates. Each call
// leases one session for its duration (errors.h: with_session), so the object is thread-safe.

#include <memory>

#include <soci/soci.h>

#include "storage/soci/connection_url.h"
#include "storage/soci/errors.h"
#include "storage/wijkdata.h"

namespace gezondin::storage {

class SociWijkdataStore final : public WijkdataStore {
public:
    static core::Result<std::unique_ptr<WijkdataStore>> open(const ConnectionSpec& spec, int pool_size);
    explicit SociWijkdataStore(std::size_t pool_size) : m_pool(pool_size) {}

    core::Result<StoreResult> store_dataset(const NewDataset& dataset) override;
    core::Result<std::vector<DatasetRecord>> datasets() override;
    core::Result<std::vector<int>> years() override;
    core::Result<YearData> load_year(int year) override;
    core::Result<std::vector<IndicatorMeta>> indicators() override;
    core::Status update_indicator(const IndicatorMeta& meta) override;
    core::Result<StoreResult> store_boundaries(const BoundaryRecord& boundaries) override;
    core::Result<std::vector<BoundaryRecord>> boundaries() override;
    core::Result<BoundaryRecord> boundary(int year, const std::string& level) override;
    core::Result<std::int64_t> version() override;

private:
    template <typename F>
    auto run(F&& body) {
        return with_session(m_pool, std::forward<F>(body));
    }

    soci::connection_pool m_pool;
};

// Helpers of wijkdata_store.cpp and wijkdata_rows.cpp; they run inside the caller's session
// and throw SOCI exceptions.
namespace wijkdata_rows {
// Raises the version; the first statement of every write transaction (on SQLite it takes the
// write lock before anything is read).
void bump_version(soci::session& sql);
void upsert_areas(soci::session& sql, int year, const std::vector<WijkArea>& areas);
void upsert_indicators(soci::session& sql, const std::vector<IndicatorMeta>& indicators);
void insert_values(soci::session& sql, std::int64_t dataset_id, const std::vector<WijkValue>& values);
std::vector<WijkArea> read_areas(soci::session& sql, int year);
std::vector<WijkValue> read_values(soci::session& sql, int year);
std::vector<DatasetRecord> read_datasets(soci::session& sql, std::optional<int> year);
}  // namespace wijkdata_rows

}  // namespace gezondin::storage
