#pragma once
// What a beheerder does with accounts: list them, change a role (which ends that user's
// sessions: a privilege change needs a new login, which then gets a new session id), and
// read the audit log and the e-mail outbox. Every change is written to the audit log in the
// same transaction.

#include <string>
#include <vector>

#include "core/error.h"
#include "domain/audit.h"
#include "domain/user.h"
#include "services/community/clock.h"
#include "services/community/permissions.h"
#include "storage/community.h"

namespace gezondin::services {

// The operator on the command line: acts as a beheerder under user id 0, which no account
// has and which the audit log shows as "systeem".
inline Actor operator_actor() { return Actor::member(0, domain::Role::Beheerder); }

// One line of the audit log with names for people: who acted ("systeem" for the operator,
// "voormalig lid" for a deleted account) and what the target is, when it is an account or
// an organisation (else the target as stored).
struct AuditLine {
    domain::AuditEntry entry;
    std::string actor_name;
    std::string target_name;
};

class Administration {
public:
    Administration(storage::CommunityDatabase& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    core::Result<std::vector<domain::User>> users(const Actor& actor, long offset, long limit);
    // One account; NotFound for an unknown or deleted account.
    core::Result<domain::User> user(const Actor& actor, domain::UserId id);
    // Forbidden on one's own account; NotFound for an unknown or deleted account.
    core::Status set_role(const Actor& actor, domain::UserId user, domain::Role role);
    core::Result<std::vector<domain::AuditEntry>> audit_log(const Actor& actor, long offset, long limit);
    // The audit log as audit_log() does, with names.
    core::Result<std::vector<AuditLine>> audit_lines(const Actor& actor, long offset, long limit);
    core::Result<std::vector<storage::OutboxMessage>> outbox(const Actor& actor, long offset, long limit);

private:
    storage::CommunityDatabase& m_db;
    const Clock& m_clock;
};

}  // namespace gezondin::services
