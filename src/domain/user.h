#pragma once
// A community account (lid, redacteur or beheerder) and the rules for its name and e-mail
// address. Roles are ordered: a redacteur (editor, programme adviser) may do what a lid
// (member) may, a beheerder (administrator) what a redacteur may.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/timestamp.h"

namespace gezondin::domain {

using UserId = std::int64_t;

enum class Role { Lid = 1, Redacteur = 2, Beheerder = 3 };

// Unconfirmed until the e-mail link is followed; Deleted keeps only the row (and the id that
// published contributions point at), without any personal data.
enum class UserStatus { Unconfirmed, Active, Deleted };

struct User {
    UserId id = 0;                // 0 until stored
    std::string name;             // empty once deleted
    std::string email;            // normalised (see normalise_email); empty once deleted
    Role role = Role::Lid;
    UserStatus status = UserStatus::Unconfirmed;
    bool weekly_digest = false;   // wants the weekly e-mail about followed themes
    Timestamp created_at = 0;

    friend bool operator==(const User&, const User&) = default;
};

// True when `role` is at least `least` in the order lid < redacteur < beheerder.
inline bool at_least(Role role, Role least) { return static_cast<int>(role) >= static_cast<int>(least); }

std::string_view to_slug(Role r);          // "lid", "redacteur", "beheerder"
std::string_view to_slug(UserStatus s);    // "unconfirmed", "active", "deleted"
std::optional<Role> role_from_slug(std::string_view s);
std::optional<UserStatus> user_status_from_slug(std::string_view s);

// The address as stored and compared: ASCII letters lower-cased, nothing else changed.
std::string normalise_email(std::string_view email);

// A plausible address: valid UTF-8, at most 254 bytes, no spaces or control characters, one
// '@' with a non-empty local part and a domain that contains a dot and does not start or end
// with one. Deliverability is proved by the confirmation link, not here.
bool is_plausible_email(std::string_view email);

// Limits for a display name: 1..200 bytes of valid UTF-8, not only white space, no control
// characters (so also no CR or LF: names end up in e-mail headers).
inline constexpr std::size_t max_name_bytes = 200;
bool is_acceptable_name(std::string_view name);

// What other people see as the author: the name, or "voormalig lid" for a deleted account.
std::string display_name(const User& user);
inline constexpr std::string_view former_member_label = "voormalig lid";

}  // namespace gezondin::domain
