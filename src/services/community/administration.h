#pragma once
// What a beheerder does with accounts: list them, change a role (which ends that user's
// sessions: a privilege change needs a new login), and read the audit log and the e-mail
// outbox. Every change is written to the audit log in the same transaction.

#include <vector>

#include "core/error.h"
#include "domain/audit.h"
#include "domain/user.h"
#include "services/community/clock.h"
#include "services/community/permissions.h"
#include "storage/community.h"

namespace gezondin::services {

class Administration {
public:
    Administration(storage::CommunityDatabase& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    core::Result<std::vector<domain::User>> users(const Actor& actor, long offset, long limit);
    // Forbidden on one's own account.
    core::Status set_role(const Actor& actor, domain::UserId user, domain::Role role);
    core::Result<std::vector<domain::AuditEntry>> audit_log(const Actor& actor, long offset, long limit);
    core::Result<std::vector<storage::OutboxMessage>> outbox(const Actor& actor, long offset, long limit);

private:
    storage::CommunityDatabase& m_db;
    const Clock& m_clock;
};

}  // namespace gezondin::services
