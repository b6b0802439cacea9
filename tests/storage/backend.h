#pragma once
// Test backends for the storage contract tests: every contract test runs once per engine.
//   sqlite:     a fresh database file in a temporary directory
//   postgresql: a fresh schema in the test server named by GEZONDIN_TEST_PG_URL, or by the
//               file named in GEZONDIN_TEST_PG_URL_FILE (written by scripts/pg-test-server.sh,
//               which ctest runs as fixture storage_pg_start). Without either the PostgreSQL
//               tests are skipped, unless GEZONDIN_TEST_PG_REQUIRED=1 (set under ctest): then
//               they fail.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/item.h"
#include "storage/database.h"

namespace gezondin::storage::testing {

// A directory removed with everything in it when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// The URL of the PostgreSQL test server, or nullopt with the reason in `why`.
std::optional<std::string> postgresql_test_url(std::string& why);
bool postgresql_required();

// Base for contract tests: GetParam() is the engine name, SetUp opens a fresh migrated
// database in db().
class BackendTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override;
    void TearDown() override;
    Database& db() { return *m_db; }
    // Opens another Database on the same data (for example with a different pool size).
    std::unique_ptr<Database> open_again(int pool_size);

private:
    std::unique_ptr<TempDir> m_dir;
    std::string m_url;
    std::string m_schema;
    std::unique_ptr<Database> m_db;
};

std::vector<std::string> backends();
std::string backend_name(const ::testing::TestParamInfo<std::string>& info);

// A valid item with some of everything; `n` varies the content.
domain::Item sample_item(const std::string& external_id, int n = 0);

}  // namespace gezondin::storage::testing

#define GEZONDIN_CONTRACT_SUITE(Suite)                 \
    class Suite : public ::gezondin::storage::testing::BackendTest {}; \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::gezondin::storage::testing::backends()), \
                             ::gezondin::storage::testing::backend_name)
