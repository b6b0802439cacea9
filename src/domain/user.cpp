#include "domain/user.h"

#include <algorithm>

#include "core/text.h"

namespace gezondin::domain {

namespace {

bool has_control_character(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

}  // namespace

std::string_view to_slug(Role r) {
    switch (r) {
    case Role::Lid: return "lid";
    case Role::Redacteur: return "redacteur";
    case Role::Beheerder: return "beheerder";
    }
    return "lid";
}

std::string_view to_slug(UserStatus s) {
    switch (s) {
    case UserStatus::Unconfirmed: return "unconfirmed";
    case UserStatus::Active: return "active";
    case UserStatus::Deleted: return "deleted";
    }
    return "unconfirmed";
}

std::optional<Role> role_from_slug(std::string_view s) {
    for (Role r : {Role::Lid, Role::Redacteur, Role::Beheerder})
        if (to_slug(r) == s) return r;
    return std::nullopt;
}

std::optional<UserStatus> user_status_from_slug(std::string_view s) {
    for (UserStatus st : {UserStatus::Unconfirmed, UserStatus::Active, UserStatus::Deleted})
        if (to_slug(st) == s) return st;
    return std::nullopt;
}

std::string normalise_email(std::string_view email) { return core::to_lower_ascii(email); }

bool is_plausible_email(std::string_view email) {
    if (email.empty() || email.size() > 254 || !core::is_valid_utf8(email)) return false;
    if (has_control_character(email) || email.find(' ') != std::string_view::npos) return false;
    const auto at = email.find('@');
    if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) return false;
    const auto domain = email.substr(at + 1);
    if (at > 64 || domain.empty()) return false;
    return domain.find('.') != std::string_view::npos && domain.front() != '.' && domain.back() != '.' &&
           domain.find("..") == std::string_view::npos;
}

bool is_acceptable_name(std::string_view name) {
    return !name.empty() && name.size() <= max_name_bytes && core::is_valid_utf8(name) &&
           !core::trim(name).empty() && !has_control_character(name);
}

std::string display_name(const User& user) {
    if (user.status == UserStatus::Deleted || user.name.empty()) return std::string(former_member_label);
    return user.name;
}

}  // namespace gezondin::domain
