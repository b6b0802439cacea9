#pragma once
// Who may do what in the community. Every service method asks can() before it acts; the web
// layer may ask too (to hide a button) but never decides by itself. The rules, in one table
// (tests/community/permissions_test.cpp checks every Action against every role, owner and
// non-owner, and the anonymous visitor):
//
//   action               anonymous  lid                 redacteur            beheerder
//   ViewPublished        yes        yes                 yes                  yes
//   ViewOrganisation     yes        yes                 yes                  yes
//   CreateContribution   -          yes                 yes                  yes
//   EditContribution     -          own, draft/returned any                  any
//   SubmitContribution   -          own, draft/returned own, draft/returned  own, draft/returned
//   ViewContribution     -          own                 any                  any
//   ReviewContribution   -          -                   others', submitted   others', submitted
//   ViewRevisions        -          own                 any                  any
//   AddComment           -          yes                 yes                  yes
//   FlagComment          -          others'             others'              others'
//   ModerateComment      -          -                   yes                  yes
//   ManageLibrary        -          own                 own                  own
//   ManageOwnAccount     -          own                 own                  own
//   ViewMembers          -          as member           as member            yes
//   CreateOrganisation   -          -                   -                    yes
//   ManageMembers        -          -                   -                    yes
//   ManageUsers          -          -                   -                    others
//   ViewAuditLog         -          -                   -                    yes
//   ViewOutbox           -          -                   -                    yes
//
// "Others'" for ReviewContribution is the four-eyes rule: nobody publishes their own text.
// ManageUsers excludes one's own account so a beheerder cannot lock the last one out.

#include <optional>
#include <string_view>
#include <vector>

#include "domain/contribution.h"
#include "domain/user.h"

namespace gezondin::services {

// Who is asking: an anonymous visitor or a logged-in, active account.
struct Actor {
    std::optional<domain::UserId> user;   // none: anonymous
    domain::Role role = domain::Role::Lid;

    static Actor anonymous() { return {}; }
    static Actor member(domain::UserId id, domain::Role role) { return {id, role}; }
    bool logged_in() const { return user.has_value(); }
    friend bool operator==(const Actor&, const Actor&) = default;
};

enum class Action {
    ViewPublished,
    ViewOrganisation,
    CreateContribution,
    EditContribution,
    SubmitContribution,
    ViewContribution,
    ReviewContribution,
    ViewRevisions,
    AddComment,
    FlagComment,
    ModerateComment,
    ManageLibrary,
    ManageOwnAccount,
    ViewMembers,
    CreateOrganisation,
    ManageMembers,
    ManageUsers,
    ViewAuditLog,
    ViewOutbox,
};

// What the action is about. Fill what applies; the rest stays empty.
struct Target {
    std::optional<domain::UserId> owner;                  // author, account holder, ...
    std::optional<domain::ContributionStatus> status;     // of a contribution
    bool actor_is_member = false;                         // of the organisation in question

    static Target none() { return {}; }
    static Target owned_by(domain::UserId owner) { return {owner, std::nullopt, false}; }
    static Target contribution(domain::UserId author, domain::ContributionStatus s) { return {author, s, false}; }
    static Target organisation(bool actor_is_member) { return {std::nullopt, std::nullopt, actor_is_member}; }
};

bool can(const Actor& actor, Action action, const Target& target);

// All actions, in declaration order (for tests and documentation).
const std::vector<Action>& all_actions();
std::string_view to_string(Action action);

}  // namespace gezondin::services
