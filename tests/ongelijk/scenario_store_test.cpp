// storage::ScenarioStore contract: one body per behaviour, run on SQLite and on the real
// PostgreSQL test server (fixture gezondin_pg), each in a fresh migrated database.

#include <unistd.h>

#include <atomic>

#include <soci/soci.h>

#include <gtest/gtest.h>

#include "../storage/backend.h"
#include "storage/scenarios.h"
#include "storage/soci/connection.h"
#include "storage/soci/connection_url.h"

namespace gezondin::testing {
namespace {

void run_sql(const std::string& url, const std::string& statement, long long* id = nullptr) {
    auto spec = storage::parse_database_url(url);
    ASSERT_TRUE(spec) << spec.error().message();
    soci::session sql;
    storage::open_connection(sql, *spec);  // as the stores do: foreign keys on in SQLite
    if (id) sql << statement, soci::into(*id);
    else sql << statement;
}

class ScenarioStoreContract : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
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
            m_base = *base;
            m_schema = "sc_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
            run_sql(m_base, "CREATE SCHEMA " + m_schema);
            m_url = m_base + (m_base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + m_schema;
        }
        auto db = storage::open_database(m_url, 1);
        ASSERT_TRUE(db) << db.error().message();
        m_db = std::move(*db);
        ASSERT_TRUE(m_db->migrate());
        auto store = storage::open_scenario_store(m_url, 2);
        ASSERT_TRUE(store) << store.error().message();
        m_store = std::move(*store);
        alice = add_user("alice@example.org");
        bob = add_user("bob@example.org");
    }
    void TearDown() override {
        m_store.reset();
        m_db.reset();
        if (!m_schema.empty()) run_sql(m_base, "DROP SCHEMA " + m_schema + " CASCADE");
        m_dir.reset();
    }

    long long add_user(const std::string& email) {
        long long id = 0;
        run_sql(m_url, "INSERT INTO users (name, email, role, status, created_at) VALUES ('x', '" + email +
                           "', 'lid', 'active', 1) RETURNING id", &id);
        return id;
    }

    storage::ScenarioStore& store() { return *m_store; }
    const std::string& url() const { return m_url; }
    long long alice = 0, bob = 0;

private:
    std::unique_ptr<storage::testing::TempDir> m_dir;
    std::string m_url, m_base, m_schema;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::ScenarioStore> m_store;
};

INSTANTIATE_TEST_SUITE_P(Backends, ScenarioStoreContract, ::testing::ValuesIn(storage::testing::backends()),
                         storage::testing::backend_name);

storage::Scenario scenario(long long user, std::string name, std::string query, long long at) {
    return {0, user, std::move(name), "GM0363", std::move(query), at, at};
}

TEST_P(ScenarioStoreContract, SavedScenariosComeBackNewestFirstForTheirOwnerOnly) {
    auto a = store().save(scenario(alice, "Veel universeel", "gemeente=GM0363&universeel=60", 100));
    auto b = store().save(scenario(alice, "Gericht", "gemeente=GM0363&universeel=20", 200));
    auto c = store().save(scenario(bob, "Gericht", "gemeente=GM0599&universeel=10", 300));
    ASSERT_TRUE(a && b && c);
    EXPECT_NE(*a, *b);
    auto list = store().list(alice).value();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].name, "Gericht");
    EXPECT_EQ(list[0].query, "gemeente=GM0363&universeel=20");
    EXPECT_EQ(list[1].name, "Veel universeel");
    EXPECT_EQ(store().count(alice).value(), 2);
    EXPECT_EQ(store().list(bob).value().size(), 1u);
    EXPECT_EQ(store().get(alice, *a).value().created_at, 100);
    EXPECT_EQ(store().get(bob, *a).error().code(), core::ErrorCode::NotFound);
}

TEST_P(ScenarioStoreContract, SavingUnderAnExistingNameReplacesTheSettingsAndKeepsTheId) {
    auto first = store().save(scenario(alice, "Plan", "universeel=40", 100)).value();
    auto again = store().save(scenario(alice, "Plan", "universeel=30", 500)).value();
    EXPECT_EQ(first, again);
    auto s = store().get(alice, first).value();
    EXPECT_EQ(s.query, "universeel=30");
    EXPECT_EQ(s.created_at, 100);
    EXPECT_EQ(s.updated_at, 500);
    EXPECT_EQ(store().count(alice).value(), 1);
}

TEST_P(ScenarioStoreContract, OnlyTheOwnerCanDelete) {
    auto id = store().save(scenario(alice, "Plan", "universeel=40", 100)).value();
    EXPECT_EQ(store().remove(bob, id).error().code(), core::ErrorCode::NotFound);
    EXPECT_TRUE(store().get(alice, id));
    EXPECT_TRUE(store().remove(alice, id));
    EXPECT_EQ(store().get(alice, id).error().code(), core::ErrorCode::NotFound);
    EXPECT_EQ(store().remove(alice, id).error().code(), core::ErrorCode::NotFound);
}

TEST_P(ScenarioStoreContract, HostileNamesAndQueriesAreStoredAsText) {
    std::string name = "'; DROP TABLE ongelijk_scenarios; -- \xE2\x82\xAC <b>\"";
    std::string query = "gemeente=GM0363&naam=%27%3B&x=' OR 1=1 --";
    auto id = store().save(scenario(alice, name, query, 1)).value();
    auto s = store().get(alice, id).value();
    EXPECT_EQ(s.name, name);
    EXPECT_EQ(s.query, query);
    EXPECT_EQ(store().count(alice).value(), 1);
}

TEST_P(ScenarioStoreContract, DeletingTheAccountRowDeletesItsScenarios) {
    store().save(scenario(bob, "Plan", "universeel=40", 1)).value();
    run_sql(url(), "DELETE FROM users WHERE id = " + std::to_string(bob));
    EXPECT_EQ(store().count(bob).value(), 0);
}

}  // namespace
}  // namespace gezondin::testing
