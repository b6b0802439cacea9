#include "services/community/administration.h"

#include <charconv>
#include <map>

#include "core/messages.h"
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

core::Result<domain::User> Administration::user(const Actor& actor, domain::UserId id) {
    if (auto ok = allowed(actor, Action::ManageUsers, Target::none()); !ok) return core::fail(ok.error());
    auto found = m_db.user(id);
    if (found && found->status == domain::UserStatus::Deleted)
        return core::fail(core::Error(core::ErrorCode::NotFound, std::string(core::msg("beheer.users.not_found"))));
    return found;
}

core::Status Administration::set_role(const Actor& actor, domain::UserId user, domain::Role role) {
    if (auto ok = allowed(actor, Action::ManageUsers, Target::owned_by(user)); !ok) return ok;
    auto current = m_db.user(user);
    if (!current) return core::fail(current.error());
    if (current->status == domain::UserStatus::Deleted)
        return core::fail(core::Error(core::ErrorCode::NotFound, std::string(core::msg("beheer.users.not_found"))));
    const std::string detail = std::string(domain::to_slug(current->role)) + " -> " + std::string(domain::to_slug(role));
    return m_db.set_role(user, role,
                         domain::AuditEntry{0, m_clock.now(), *actor.user, "user.role", "user:" + std::to_string(user), detail});
}

core::Result<std::vector<domain::AuditEntry>> Administration::audit_log(const Actor& actor, long offset, long limit) {
    if (auto ok = allowed(actor, Action::ViewAuditLog, Target::none()); !ok) return core::fail(ok.error());
    return m_db.audit_entries(offset, limit);
}

core::Result<std::vector<AuditLine>> Administration::audit_lines(const Actor& actor, long offset, long limit) {
    auto entries = audit_log(actor, offset, limit);
    if (!entries) return core::fail(entries.error());
    std::map<domain::UserId, std::string> user_names;
    auto user_name = [&](domain::UserId id) -> const std::string& {
        auto [it, fresh] = user_names.try_emplace(id);
        if (!fresh) return it->second;
        if (id == 0) it->second = std::string(core::msg("beheer.audit.system"));
        else if (auto u = m_db.user(id)) it->second = domain::display_name(*u);
        else it->second = std::string(domain::former_member_label);
        return it->second;
    };
    auto target_name = [&](const std::string& target) -> std::string {
        auto colon = target.find(':');
        if (colon == std::string::npos) return target;
        std::int64_t id = 0;
        const char* first = target.data() + colon + 1;
        const char* last = target.data() + target.size();
        if (auto [end, ec] = std::from_chars(first, last, id); ec != std::errc() || end != last) return target;
        const std::string_view kind(target.data(), colon);
        if (kind == "user") return user_name(id);
        if (kind == "organisation")
            if (auto org = m_db.organisation(id)) return org->name;
        return target;
    };
    std::vector<AuditLine> out;
    out.reserve(entries->size());
    for (auto& e : *entries) {
        AuditLine line{e, user_name(e.actor), target_name(e.target)};
        out.push_back(std::move(line));
    }
    return out;
}

core::Result<std::vector<storage::OutboxMessage>> Administration::outbox(const Actor& actor, long offset, long limit) {
    if (auto ok = allowed(actor, Action::ViewOutbox, Target::none()); !ok) return core::fail(ok.error());
    return m_db.messages(offset, limit);
}

}  // namespace gezondin::services
