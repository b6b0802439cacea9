#include "services/community/administration.h"

#include "services/community/input_rules.h"

namespace gezondin::services {

namespace {

core::Status allowed(const Actor& actor, Action action, const Target& target) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, action, target)) return core::fail(forbidden());
    return {};
}

}  // namespace

core::Result<std::vector<domain::User>> Administration::users(const Actor& actor, long offset, long limit) {
    if (auto ok = allowed(actor, Action::ManageUsers, Target::none()); !ok) return core::fail(ok.error());
    return m_db.users(offset, limit);
}

core::Status Administration::set_role(const Actor& actor, domain::UserId user, domain::Role role) {
    if (auto ok = allowed(actor, Action::ManageUsers, Target::owned_by(user)); !ok) return ok;
    auto current = m_db.user(user);
    if (!current) return core::fail(current.error());
    const std::string detail = std::string(domain::to_slug(current->role)) + " -> " + std::string(domain::to_slug(role));
    return m_db.set_role(user, role,
                         domain::AuditEntry{0, m_clock.now(), *actor.user, "user.role", "user:" + std::to_string(user), detail});
}

core::Result<std::vector<domain::AuditEntry>> Administration::audit_log(const Actor& actor, long offset, long limit) {
    if (auto ok = allowed(actor, Action::ViewAuditLog, Target::none()); !ok) return core::fail(ok.error());
    return m_db.audit_entries(offset, limit);
}

core::Result<std::vector<storage::OutboxMessage>> Administration::outbox(const Actor& actor, long offset, long limit) {
    if (auto ok = allowed(actor, Action::ViewOutbox, Target::none()); !ok) return core::fail(ok.error());
    return m_db.messages(offset, limit);
}

}  // namespace gezondin::services
