#include "backend.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "core/date.h"
#include "core/text.h"
#include "domain/taxonomy.h"
#include "storage/soci/connection_url.h"

namespace gezondin::storage::testing {

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

std::string unique_suffix() {
    static std::atomic<int> counter{0};
    return std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

void admin_sql(const std::string& base_url, const std::string& statement) {
    auto spec = parse_database_url(base_url);
    ASSERT_TRUE(spec) << spec.error().message();
    soci::session sql(soci::postgresql, spec->target);
    sql << "SET client_min_messages TO WARNING";   // no NOTICE per dropped table on stderr
    sql << statement;
}

}  // namespace

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "gezondin-storage-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::optional<std::string> postgresql_test_url(std::string& why) {
    if (auto url = env("GEZONDIN_TEST_PG_URL"); !url.empty()) return url;
    auto file = env("GEZONDIN_TEST_PG_URL_FILE");
    if (file.empty()) {
        why = "GEZONDIN_TEST_PG_URL and GEZONDIN_TEST_PG_URL_FILE are not set";
        return std::nullopt;
    }
    std::ifstream in(file);
    std::string url;
    if (!std::getline(in, url) || core::trim(url).empty()) {
        why = "no URL in " + file + " (did scripts/pg-test-server.sh start succeed? see postgres.log beside it)";
        return std::nullopt;
    }
    return std::string(core::trim(url));
}

bool postgresql_required() { return env("GEZONDIN_TEST_PG_REQUIRED") == "1"; }

void BackendTest::SetUp() {
    if (GetParam() == "sqlite") {
        m_dir = std::make_unique<TempDir>();
        m_url = "sqlite://" + (m_dir->path() / "var" / "gezondin.db").string();
    } else {
        std::string why;
        auto base = postgresql_test_url(why);
        if (!base) {
            if (postgresql_required()) FAIL() << "PostgreSQL test server unavailable: " << why;
            GTEST_SKIP() << "PostgreSQL contract tests skipped: " << why;
        }
        m_schema = "t_" + unique_suffix();
        admin_sql(*base, "CREATE SCHEMA " + m_schema);
        m_url = *base + (base->find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + m_schema;
    }
    auto opened = open_database(m_url, 4);
    ASSERT_TRUE(opened) << opened.error().message();
    m_db = std::move(*opened);
    auto migrated = m_db->migrate();
    ASSERT_TRUE(migrated) << migrated.error().message();
}

void BackendTest::TearDown() {
    m_db.reset();
    if (!m_schema.empty()) {
        std::string why;
        if (auto base = postgresql_test_url(why)) admin_sql(*base, "DROP SCHEMA " + m_schema + " CASCADE");
    }
    m_dir.reset();
}

std::unique_ptr<Database> BackendTest::open_again(int pool_size) {
    auto opened = open_database(m_url, pool_size);
    if (!opened) ADD_FAILURE() << opened.error().message();
    return opened ? std::move(*opened) : nullptr;
}

std::vector<std::string> backends() { return {"sqlite", "postgresql"}; }

std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

domain::Item sample_item(const std::string& external_id, int n) {
    static const std::vector<std::string> themes = {"armoede-en-schulden", "bestaanszekerheid", "wonen",
                                                    "bewegen", "eenzaamheid"};
    static const std::vector<std::string> tracks = {"fysieke-omgeving", "gedrag-en-vaardigheden", "participatie"};
    const auto& types = domain::all_item_types();
    const auto& levels = domain::all_levels();
    domain::Item item;
    item.external_id = external_id;
    item.type = types[static_cast<std::size_t>(n) % types.size()];
    item.title = "Gezond in de wijk " + std::to_string(n);
    item.summary = "Een korte samenvatting van voorbeeld " + std::to_string(n) + ".";
    item.body = "## Aanpak\n\nDe gemeente werkt samen met de GGD. Versie " + std::to_string(n) + ".";
    item.date = core::Date{2020 + n % 5, 1 + n % 12, 1 + n % 28};
    item.themes = {themes[static_cast<std::size_t>(n) % themes.size()], themes[static_cast<std::size_t>(n + 2) % themes.size()]};
    item.gala_goals = {1 + n % 7};
    item.tracks = {tracks[static_cast<std::size_t>(n) % tracks.size()]};
    item.level = levels[static_cast<std::size_t>(n) % levels.size()];
    item.municipality_code = n % 2 == 0 ? "GM0363" : "";
    item.links = {{"https://example.org/" + std::to_string(n), "Meer lezen"}};
    return item;
}

}  // namespace gezondin::storage::testing
