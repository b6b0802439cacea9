#include "community_backend.h"

#include <unistd.h>

#include <atomic>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "storage/soci/connection_url.h"

namespace gezondin::community_testing {

namespace {

void admin_sql(const std::string& base_url, const std::string& statement) {
    auto spec = storage::parse_database_url(base_url);
    ASSERT_TRUE(spec) << spec.error().message();
    soci::session sql(soci::postgresql, spec->target);
    sql << "SET client_min_messages TO WARNING";
    sql << statement;
}

std::string unique_schema() {
    static std::atomic<int> counter{0};
    return "c_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

constexpr const char* themes_text =
    "armoede-en-schulden = Armoede en schulden\nwonen = Wonen\neenzaamheid = Eenzaamheid\n"
    "bewegen-en-sport = Bewegen en sport\n";

}  // namespace

void CommunityTest::SetUp() {
    if (GetParam() == "sqlite") {
        m_dir = std::make_unique<storage::testing::TempDir>();
        m_url = "sqlite://" + (m_dir->path() / "var" / "gezondin.db").string();
    } else {
        std::string why;
        auto base = storage::testing::postgresql_test_url(why);
        if (!base) {
            if (storage::testing::postgresql_required()) FAIL() << "PostgreSQL test server unavailable: " << why;
            GTEST_SKIP() << "PostgreSQL contract tests skipped: " << why;
        }
        m_schema = unique_schema();
        admin_sql(*base, "CREATE SCHEMA " + m_schema);
        m_url = *base + (base->find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + m_schema;
    }
    auto opened = storage::open_database(m_url, 2);
    ASSERT_TRUE(opened) << opened.error().message();
    m_db = std::move(*opened);
    auto migrated = m_db->migrate();
    ASSERT_TRUE(migrated) << migrated.error().message();
    m_store = open_store_again();
    ASSERT_TRUE(m_store);

    taxonomy = std::make_unique<domain::Taxonomy>(domain::Taxonomy::from_themes_text(themes_text).value());
    hasher = std::make_unique<services::PasswordHasher>(services::HashLimits::minimum());
    pool = std::make_unique<services::WorkerPool>(0, 0);
    hashing = std::make_unique<services::HashWorkerPool>(*hasher, *pool);
    accounts = std::make_unique<services::Accounts>(*m_store, *hashing, services::CommonPasswords::builtin(), clock);
    organisations = std::make_unique<services::Organisations>(*m_store, clock);
    contributions = std::make_unique<services::Contributions>(*m_store, *m_db, *taxonomy, clock, [this] { ++index_syncs; });
    comments = std::make_unique<services::Comments>(*m_store, clock);
    library = std::make_unique<services::Library>(*m_store, *m_db, *taxonomy, clock);
    privacy = std::make_unique<services::Privacy>(*m_store, *m_db, clock, [this] { ++index_syncs; });
    administration = std::make_unique<services::Administration>(*m_store, clock);
}

void CommunityTest::TearDown() {
    administration.reset();
    privacy.reset();
    library.reset();
    comments.reset();
    contributions.reset();
    organisations.reset();
    accounts.reset();
    hashing.reset();
    pool.reset();
    m_store.reset();
    m_db.reset();
    if (!m_schema.empty()) {
        std::string why;
        if (auto base = storage::testing::postgresql_test_url(why)) admin_sql(*base, "DROP SCHEMA " + m_schema + " CASCADE");
    }
    m_dir.reset();
}

std::unique_ptr<storage::CommunityDatabase> CommunityTest::open_store_again() {
    auto opened = storage::open_community_database(m_url, 2);
    if (!opened) ADD_FAILURE() << opened.error().message();
    return opened ? std::move(*opened) : nullptr;
}

domain::UserId CommunityTest::make_user(const std::string& name, const std::string& email, domain::Role role) {
    storage::NewAccount a;
    a.user = domain::User{0, name, email, role, domain::UserStatus::Active, false, clock.now()};
    a.password_hash = "x";
    auto id = m_store->create_user(a, clock.now());
    EXPECT_TRUE(id) << id.error().message();
    return id.value_or(0);
}

domain::ItemId CommunityTest::make_item(const std::string& external_id, const std::string& theme, int goal) {
    domain::Item item = content("Item " + external_id);
    item.type = domain::ItemType::Publicatie;
    item.external_id = external_id;
    item.themes = {theme};
    item.gala_goals = {goal};
    auto out = m_db->upsert_items({item});
    EXPECT_TRUE(out) << out.error().message();
    return out ? out->at(0).id : 0;
}

domain::Item CommunityTest::content(const std::string& title, const std::string& body) {
    domain::Item item;
    item.type = domain::ItemType::Praktijkvoorbeeld;
    item.title = title;
    item.summary = "Een korte samenvatting.";
    item.body = body;
    item.date = core::Date{2026, 3, 1};
    item.themes = {"wonen"};
    item.gala_goals = {1, 3};
    item.tracks = {"participatie"};
    item.level = domain::Level::Lokaal;
    item.municipality_code = "GM0363";
    item.links = {{"https://example.org/wijk", "Meer lezen"}};
    return item;
}

std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

core::Status register_now(services::Accounts& a, services::Registration r) {
    std::optional<core::Status> out;
    a.register_user(std::move(r), [&](core::Status s) { out = std::move(s); });
    EXPECT_TRUE(out.has_value()) << "register_user did not call done inline";
    return out.value_or(core::fail(core::Error::internal("no result")));
}

services::LoginResult login_now(services::Accounts& a, services::LoginAttempt attempt) {
    std::optional<services::LoginResult> out;
    a.login(std::move(attempt), [&](services::LoginResult r) { out = std::move(r); });
    EXPECT_TRUE(out.has_value()) << "login did not call done inline";
    return out ? std::move(*out) : services::LoginResult{core::fail(core::Error::internal("no result")), 0};
}

std::string last_code_sent_to(storage::CommunityDatabase& store, const std::string& to) {
    auto all = store.messages(0, 1000);
    EXPECT_TRUE(all);
    if (!all) return "";
    for (const auto& m : *all) {   // newest first
        if (m.to != to) continue;
        auto at = m.body.find("code=");
        if (at == std::string::npos) continue;
        return m.body.substr(at + 5, 43);
    }
    return "";
}

}  // namespace gezondin::community_testing
