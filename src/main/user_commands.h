#pragma once
// `gezondin user ...`: accounts for operators on the server. Changes go through the services
// as the operator (services::operator_actor(): user id 0, "systeem" in the audit log), so the
// audit log records them like the beheerder's web pages do. Output goes to `out` (Dutch);
// errors to stderr through report_error. Each returns the process exit code.

#include <ostream>
#include <string>

#include "main/runtime.h"

namespace gezondin::app {

// One line per account: id, name, e-mail address, role, status.
int run_user_list(const Settings& s, std::ostream& out);
// An active account with a random password, printed once.
int run_user_create(const Settings& s, const std::string& name, const std::string& email, const std::string& role,
                    std::ostream& out);
// Changes the role; the account's sessions end (a new login gets a new session id).
int run_user_role(const Settings& s, const std::string& email, const std::string& role, std::ostream& out);
// Deletes the personal data of the account, as the member can do on the web; contributions
// stay under "voormalig lid" unless `remove_contributions`.
int run_user_delete(const Settings& s, const std::string& email, bool remove_contributions, std::ostream& out);

}  // namespace gezondin::app
