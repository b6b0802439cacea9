#include "store_backend.h"

#include <unistd.h>

#include <atomic>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "storage/soci/connection_url.h"

namespace gezondin::testing {

namespace {
void admin(const std::string& base, const std::string& statement) {
    auto spec = storage::parse_database_url(base);
    ASSERT_TRUE(spec) << spec.error().message();
    soci::session sql(soci::postgresql, spec->target);
    sql << "SET client_min_messages TO WARNING";
    sql << statement;
}
}  // namespace

void WijkStoreTest::SetUp() {
    if (GetParam() == "sqlite") {
        m_dir = std::make_unique<storage::testing::TempDir>();
        m_url = "sqlite://" + (m_dir->path() / "gezondin.db").string();
    } else {
        std::string why;
        auto base = storage::testing::postgresql_test_url(why);
        if (!base) {
            if (storage::testing::postgresql_required()) FAIL() << "PostgreSQL test server unavailable: " << why;
            GTEST_SKIP() << "PostgreSQL contract tests skipped: " << why;
        }
        static std::atomic<int> counter{0};
        m_schema = "w_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
        admin(*base, "CREATE SCHEMA " + m_schema);
        m_url = *base + (base->find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + m_schema;
    }
    auto db = storage::open_database(m_url, 1);
    ASSERT_TRUE(db) << db.error().message();
    m_db = std::move(*db);
    ASSERT_TRUE(m_db->migrate());
    auto store = storage::open_wijkdata_store(m_url, 2);
    ASSERT_TRUE(store) << store.error().message();
    m_store = std::move(*store);
}

void WijkStoreTest::TearDown() {
    m_store.reset();
    m_db.reset();
    if (!m_schema.empty()) {
        std::string why;
        if (auto base = storage::testing::postgresql_test_url(why)) admin(*base, "DROP SCHEMA " + m_schema + " CASCADE");
    }
    m_dir.reset();
}

}  // namespace gezondin::testing
