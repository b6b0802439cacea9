#include "services/ongelijk/ongelijk_scenarios.h"

#include <cctype>

#include "core/messages.h"
#include "core/text.h"

namespace gezondin::services {
namespace {

std::size_t utf8_chars(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

bool control_free(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f) return false;
    return true;
}

// "GM" and four digits, as CBS writes gemeente codes (the demo's GM99xx too).
bool gemeente_code(std::string_view s) {
    if (s.size() != 6 || s.substr(0, 2) != "GM") return false;
    for (char c : s.substr(2))
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

core::Error invalid(std::string_view key) { return core::Error::invalid_input(std::string(core::msg(key))); }

}  // namespace

core::Status OngelijkScenarios::allowed(const Actor& actor) const {
    if (!actor.logged_in())
        return core::fail(core::Error(core::ErrorCode::Unauthenticated, std::string(core::msg("ongelijk.scenario.login"))));
    // A scenario is the member's own data, like the account itself.
    if (!can(actor, Action::ManageOwnAccount, Target::owned_by(*actor.user)))
        return core::fail(core::Error(core::ErrorCode::Forbidden, std::string(core::msg("ongelijk.scenario.login"))));
    return {};
}

core::Result<std::int64_t> OngelijkScenarios::save(const Actor& actor, const std::string& raw_name, const std::string& gemeente,
                                                   const std::string& query) {
    if (auto ok = allowed(actor); !ok) return core::fail(ok.error());
    std::string name(core::trim(raw_name));
    if (name.empty()) return core::fail(invalid("ongelijk.scenario.name_empty"));
    if (!core::is_valid_utf8(name) || !control_free(name) || utf8_chars(name) > max_name_chars)
        return core::fail(invalid("ongelijk.scenario.name_bad"));
    if (!gemeente_code(gemeente)) return core::fail(invalid("ongelijk.scenario.gemeente_bad"));
    if (query.empty() || query.size() > max_query_bytes || !core::is_valid_utf8(query) || !control_free(query))
        return core::fail(invalid("ongelijk.scenario.query_bad"));
    auto existing = m_store.list(*actor.user);
    if (!existing) return core::fail(existing.error());
    bool replaces = false;
    for (const auto& s : *existing) replaces = replaces || s.name == name;
    if (!replaces && static_cast<long>(existing->size()) >= max_per_user)
        return core::fail(core::Error::invalid_input(core::msg("ongelijk.scenario.too_many", {std::to_string(max_per_user)})));
    auto now = m_clock.now();
    return m_store.save({0, *actor.user, name, gemeente, query, now, now});
}

core::Result<std::vector<storage::Scenario>> OngelijkScenarios::list(const Actor& actor) {
    if (auto ok = allowed(actor); !ok) return core::fail(ok.error());
    return m_store.list(*actor.user);
}

core::Result<storage::Scenario> OngelijkScenarios::get(const Actor& actor, std::int64_t id) {
    if (auto ok = allowed(actor); !ok) return core::fail(ok.error());
    return m_store.get(*actor.user, id);
}

core::Status OngelijkScenarios::remove(const Actor& actor, std::int64_t id) {
    if (auto ok = allowed(actor); !ok) return core::fail(ok.error());
    return m_store.remove(*actor.user, id);
}

}  // namespace gezondin::services
