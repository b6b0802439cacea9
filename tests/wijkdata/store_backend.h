#pragma once
// A fresh, migrated database per test on each engine (SQLite file, PostgreSQL schema), with the
// wijkdata store opened on the same URL. Reuses the helpers of tests/storage/backend.h.

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "../storage/backend.h"
#include "storage/wijkdata.h"

namespace gezondin::testing {

class WijkStoreTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override;
    void TearDown() override;
    storage::WijkdataStore& store() { return *m_store; }
    const std::string& url() const { return m_url; }

private:
    std::unique_ptr<storage::testing::TempDir> m_dir;
    std::string m_url, m_schema;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::WijkdataStore> m_store;
};

}  // namespace gezondin::testing
