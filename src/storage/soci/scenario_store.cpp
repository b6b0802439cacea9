// storage::ScenarioStore on SOCI: one code path for SQLite and PostgreSQL, its own pool on
// the database that storage::Database migrates. Each call leases one session (with_session).

#include "storage/scenarios.h"

#include <soci/soci.h>

#include "core/messages.h"
#include "storage/soci/connection.h"
#include "storage/soci/connection_url.h"
#include "storage/soci/errors.h"

namespace gezondin::storage {

namespace {

constexpr const char* columns =
    "SELECT id, user_id, name, gemeente_code, query, created_at, updated_at FROM ongelijk_scenarios";

struct Row {
    long long id = 0, user_id = 0, created_at = 0, updated_at = 0;
    std::string name, gemeente, query;
    void exchange(soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(user_id));
        st.exchange(soci::into(name));
        st.exchange(soci::into(gemeente));
        st.exchange(soci::into(query));
        st.exchange(soci::into(created_at));
        st.exchange(soci::into(updated_at));
    }
    Scenario get() const { return {id, user_id, name, gemeente, query, created_at, updated_at}; }
};

core::Error not_found(std::int64_t id) {
    return core::Error::not_found(std::string(core::msg("ongelijk.scenario.thing")), std::to_string(id));
}

class SociScenarioStore final : public ScenarioStore {
public:
    explicit SociScenarioStore(std::size_t pool_size) : m_size(pool_size), m_pool(pool_size) {}

    void open(const ConnectionSpec& spec) {
        for (std::size_t i = 0; i < m_size; ++i) open_connection(m_pool.at(i), spec);
    }

    core::Result<std::int64_t> save(const Scenario& s) override {
        return with_session(m_pool, [&](soci::session& sql) -> core::Result<std::int64_t> {
            long long id = 0;
            long long user = s.user_id, created = s.created_at, updated = s.updated_at;
            sql << "INSERT INTO ongelijk_scenarios (user_id, name, gemeente_code, query, created_at, updated_at) "
                   "VALUES (:u, :n, :g, :q, :c, :t) ON CONFLICT (user_id, name) DO UPDATE SET "
                   "gemeente_code = excluded.gemeente_code, query = excluded.query, updated_at = excluded.updated_at "
                   "RETURNING id",
                soci::into(id), soci::use(user), soci::use(s.name), soci::use(s.gemeente), soci::use(s.query),
                soci::use(created), soci::use(updated);
            return static_cast<std::int64_t>(id);
        });
    }

    core::Result<std::vector<Scenario>> list(std::int64_t user_id) override {
        return with_session(m_pool, [&](soci::session& sql) -> core::Result<std::vector<Scenario>> {
            long long user = user_id;
            Row row;
            soci::statement st(sql);
            row.exchange(st);
            st.exchange(soci::use(user));
            st.alloc();
            st.prepare(std::string(columns) + " WHERE user_id = :u ORDER BY updated_at DESC, id DESC");
            st.define_and_bind();
            st.execute();
            std::vector<Scenario> out;
            while (st.fetch()) out.push_back(row.get());
            return out;
        });
    }

    core::Result<Scenario> get(std::int64_t user_id, std::int64_t id) override {
        return with_session(m_pool, [&](soci::session& sql) -> core::Result<Scenario> {
            long long user = user_id, key = id;
            Row row;
            soci::statement st(sql);
            row.exchange(st);
            st.exchange(soci::use(key));
            st.exchange(soci::use(user));
            st.alloc();
            st.prepare(std::string(columns) + " WHERE id = :i AND user_id = :u");
            st.define_and_bind();
            st.execute();
            if (!st.fetch()) return core::fail(not_found(id));
            return row.get();
        });
    }

    core::Status remove(std::int64_t user_id, std::int64_t id) override {
        return with_session(m_pool, [&](soci::session& sql) -> core::Status {
            long long user = user_id, key = id;
            soci::statement st = (sql.prepare << "DELETE FROM ongelijk_scenarios WHERE id = :i AND user_id = :u",
                                  soci::use(key), soci::use(user));
            st.execute(true);
            if (st.get_affected_rows() == 0) return core::fail(not_found(id));
            return {};
        });
    }

    core::Result<long> count(std::int64_t user_id) override {
        return with_session(m_pool, [&](soci::session& sql) -> core::Result<long> {
            long long user = user_id, n = 0;
            sql << "SELECT COUNT(*) FROM ongelijk_scenarios WHERE user_id = :u", soci::into(n), soci::use(user);
            return static_cast<long>(n);
        });
    }

private:
    std::size_t m_size;
    soci::connection_pool m_pool;
};

}  // namespace

core::Result<std::unique_ptr<ScenarioStore>> open_scenario_store(const std::string& url, int pool_size) {
    if (pool_size < 1) return core::fail(core::Error::invalid_input(std::string(core::msg("storage.pool_size"))));
    auto spec = parse_database_url(url);
    if (!spec) return core::fail(spec.error());
    auto store = std::make_unique<SociScenarioStore>(static_cast<std::size_t>(pool_size));
    try {
        store->open(*spec);
    } catch (...) {
        return core::fail(core::Error::unavailable(current_exception_to_error().message()));
    }
    return std::unique_ptr<ScenarioStore>(std::move(store));
}

}  // namespace gezondin::storage
