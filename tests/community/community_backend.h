#pragma once
// The fixture of the community contract and service tests: GetParam() is the engine
// ("sqlite" or "postgresql"); SetUp opens a fresh migrated database (as tests/storage does,
// reusing its TempDir and PostgreSQL test-server helpers), the community stores on the same
// URL, a fake clock and the community services with MIN argon2id limits and an inline pool.

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "backend.h"
#include "domain/taxonomy.h"
#include "services/community/accounts.h"
#include "services/community/administration.h"
#include "services/community/clock.h"
#include "services/community/comments.h"
#include "services/community/contributions.h"
#include "services/community/email.h"
#include "services/community/library.h"
#include "services/community/organisations.h"
#include "services/community/privacy.h"
#include "storage/community.h"
#include "storage/database.h"

namespace gezondin::community_testing {

class CommunityTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override;
    void TearDown() override;

    storage::Database& items() { return *m_db; }
    storage::CommunityDatabase& store() { return *m_store; }
    std::unique_ptr<storage::CommunityDatabase> open_store_again();

    // An active account made through the store (no hashing), with password hash "x".
    domain::UserId make_user(const std::string& name, const std::string& email,
                             domain::Role role = domain::Role::Lid);
    // A kennisbank item; returns its id.
    domain::ItemId make_item(const std::string& external_id, const std::string& theme = "wonen", int goal = 2);
    // Valid contribution content.
    static domain::Item content(const std::string& title, const std::string& body = "Eerste regel\nTweede regel");

    services::FakeClock clock;
    std::unique_ptr<domain::Taxonomy> taxonomy;
    std::unique_ptr<services::PasswordHasher> hasher;
    std::unique_ptr<services::WorkerPool> pool;
    std::unique_ptr<services::HashWorkerPool> hashing;
    std::unique_ptr<services::Accounts> accounts;
    std::unique_ptr<services::Organisations> organisations;
    std::unique_ptr<services::Contributions> contributions;
    std::unique_ptr<services::Comments> comments;
    std::unique_ptr<services::Library> library;
    std::unique_ptr<services::Privacy> privacy;
    std::unique_ptr<services::Administration> administration;
    int index_syncs = 0;   // times after_publish ran

private:
    std::unique_ptr<storage::testing::TempDir> m_dir;
    std::string m_url, m_schema;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::CommunityDatabase> m_store;
};

std::string backend_name(const ::testing::TestParamInfo<std::string>& info);

// Synchronous wrappers for the callback APIs (the pool in the fixture is inline anyway).
core::Status register_now(services::Accounts& a, services::Registration r);
services::LoginResult login_now(services::Accounts& a, services::LoginAttempt attempt);

// The code in the last e-mail to `to` in the outbox ("...?code=<code>").
std::string last_code_sent_to(storage::CommunityDatabase& store, const std::string& to);

}  // namespace gezondin::community_testing

#define GEZONDIN_COMMUNITY_SUITE(Suite)                                                                      \
    class Suite : public ::gezondin::community_testing::CommunityTest {};                                   \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values(std::string("sqlite"), std::string("postgresql")), \
                             ::gezondin::community_testing::backend_name)
