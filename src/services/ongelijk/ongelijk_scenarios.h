#pragma once
// Named scenarios of the ongelijk-investeren calculator for members: a logged-in user of any
// role saves the settings of the need index and the allocation under a name, lists, opens
// and deletes their own, and compares two. Only the owner ever sees a scenario. A scenario
// is the canonical query string of the pages (web/pages/ongelijk_params.h), so opening one
// is following a link; this class checks its size and characters, not its meaning.
// Thread-safe when the store is; the store and clock must outlive this object.

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "services/community/clock.h"
#include "services/community/permissions.h"
#include "storage/scenarios.h"

namespace gezondin::services {

class OngelijkScenarios {
public:
    static constexpr std::size_t max_name_chars = 80;
    static constexpr std::size_t max_query_bytes = 4000;
    static constexpr long max_per_user = 100;

    OngelijkScenarios(storage::ScenarioStore& store, const Clock& clock) : m_store(store), m_clock(clock) {}

    // Saves under the trimmed name (a second save with the same name replaces the settings).
    // Forbidden for anonymous visitors; InvalidInput (Dutch) for an empty or too long name, a
    // gemeente that is not a CBS code, a query that is too long or not UTF-8, or a user who
    // has max_per_user scenarios already. Returns the id.
    [[nodiscard]] core::Result<std::int64_t> save(const Actor& actor, const std::string& name, const std::string& gemeente,
                                                  const std::string& query);
    // The actor's own scenarios, most recently saved first.
    [[nodiscard]] core::Result<std::vector<storage::Scenario>> list(const Actor& actor);
    // NotFound for a scenario of someone else, as for one that does not exist.
    [[nodiscard]] core::Result<storage::Scenario> get(const Actor& actor, std::int64_t id);
    [[nodiscard]] core::Status remove(const Actor& actor, std::int64_t id);

private:
    core::Status allowed(const Actor& actor) const;

    storage::ScenarioStore& m_store;
    const Clock& m_clock;
};

}  // namespace gezondin::services
