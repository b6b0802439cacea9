#pragma once
// One line of the audit log: who did what to which thing, when. Moderation and administration
// actions are recorded; the log is visible to beheerders only.

#include <cstdint>
#include <string>

#include "domain/timestamp.h"
#include "domain/user.h"

namespace gezondin::domain {

struct AuditEntry {
    std::int64_t id = 0;    // 0 until stored; increasing
    Timestamp at = 0;
    UserId actor = 0;       // 0: the system itself
    std::string action;     // stable slug: "comment.hide", "user.role", "contribution.publish", ...
    std::string target;     // "comment:12", "user:7", "contribution:3", "organisation:2"
    std::string detail;     // free text (a reason, "lid -> redacteur"); no personal data
    friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

}  // namespace gezondin::domain
