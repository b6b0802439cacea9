#pragma once
// Saved scenarios of the ongelijk-investeren calculator (migrations/0011_scenarios.sql): a
// member's named choices, kept as the query string of the pages. Every call is about one
// user's own scenarios; the service (services/ongelijk/ongelijk_scenarios.h) decides who may
// ask. Implementations are thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"

namespace gezondin::storage {

struct Scenario {
    std::int64_t id = 0;        // set by the store
    std::int64_t user_id = 0;
    std::string name;
    std::string gemeente;       // CBS code, for the list
    std::string query;          // "gemeente=GM0363&jaar=2019&..."
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

class ScenarioStore {
public:
    virtual ~ScenarioStore() = default;

    // Stores the scenario under (user_id, name): a new one, or the user's scenario of that name
    // with its query, gemeente and updated_at replaced (created_at stays). Returns its id.
    virtual core::Result<std::int64_t> save(const Scenario& scenario) = 0;
    // The user's scenarios, most recently saved first.
    virtual core::Result<std::vector<Scenario>> list(std::int64_t user_id) = 0;
    // NotFound also when the scenario belongs to someone else.
    virtual core::Result<Scenario> get(std::int64_t user_id, std::int64_t id) = 0;
    // NotFound also when the scenario belongs to someone else.
    virtual core::Status remove(std::int64_t user_id, std::int64_t id) = 0;
    virtual core::Result<long> count(std::int64_t user_id) = 0;
};

// Opens the SOCI store on the database that storage::Database migrates (SQLite path or
// sqlite:// / postgresql:// URL), with its own pool of `pool_size` connections.
core::Result<std::unique_ptr<ScenarioStore>> open_scenario_store(const std::string& url, int pool_size = 1);

}  // namespace gezondin::storage
