#include "services/community/permissions.h"

#include <vector>

namespace gezondin::services {

namespace {

using domain::ContributionStatus;
using domain::Role;

bool is_owner(const Actor& a, const Target& t) { return a.user && t.owner && *a.user == *t.owner; }

bool open_for_author(const Target& t) {
    return t.status == ContributionStatus::Draft || t.status == ContributionStatus::Returned;
}

}  // namespace

bool can(const Actor& a, Action action, const Target& t) {
    const bool in = a.logged_in();
    const bool editor = in && domain::at_least(a.role, Role::Redacteur);
    const bool admin = in && domain::at_least(a.role, Role::Beheerder);
    const bool owner = is_owner(a, t);
    switch (action) {
    case Action::ViewPublished:
    case Action::ViewOrganisation: return true;
    case Action::CreateContribution:
    case Action::AddComment: return in;
    case Action::EditContribution: return editor || (owner && open_for_author(t));
    case Action::SubmitContribution: return owner && open_for_author(t);
    case Action::ViewContribution:
    case Action::ViewRevisions: return editor || owner;
    case Action::ReviewContribution: return editor && !owner && t.status == ContributionStatus::Submitted;
    case Action::FlagComment: return in && !owner;
    case Action::ModerateComment: return editor;
    case Action::ManageLibrary:
    case Action::ManageOwnAccount: return owner;
    case Action::ViewMembers: return admin || (in && t.actor_is_member);
    case Action::CreateOrganisation:
    case Action::ManageMembers:
    case Action::ViewAuditLog:
    case Action::ViewOutbox: return admin;
    case Action::ManageUsers: return admin && !owner;
    }
    return false;
}

const std::vector<Action>& all_actions() {
    static const std::vector<Action> all = {
        Action::ViewPublished,   Action::ViewOrganisation,   Action::CreateContribution, Action::EditContribution,
        Action::SubmitContribution, Action::ViewContribution, Action::ReviewContribution, Action::ViewRevisions,
        Action::AddComment,      Action::FlagComment,        Action::ModerateComment,    Action::ManageLibrary,
        Action::ManageOwnAccount, Action::ViewMembers,       Action::CreateOrganisation, Action::ManageMembers,
        Action::ManageUsers,     Action::ViewAuditLog,       Action::ViewOutbox,
    };
    return all;
}

std::string_view to_string(Action action) {
    switch (action) {
    case Action::ViewPublished: return "ViewPublished";
    case Action::ViewOrganisation: return "ViewOrganisation";
    case Action::CreateContribution: return "CreateContribution";
    case Action::EditContribution: return "EditContribution";
    case Action::SubmitContribution: return "SubmitContribution";
    case Action::ViewContribution: return "ViewContribution";
    case Action::ReviewContribution: return "ReviewContribution";
    case Action::ViewRevisions: return "ViewRevisions";
    case Action::AddComment: return "AddComment";
    case Action::FlagComment: return "FlagComment";
    case Action::ModerateComment: return "ModerateComment";
    case Action::ManageLibrary: return "ManageLibrary";
    case Action::ManageOwnAccount: return "ManageOwnAccount";
    case Action::ViewMembers: return "ViewMembers";
    case Action::CreateOrganisation: return "CreateOrganisation";
    case Action::ManageMembers: return "ManageMembers";
    case Action::ManageUsers: return "ManageUsers";
    case Action::ViewAuditLog: return "ViewAuditLog";
    case Action::ViewOutbox: return "ViewOutbox";
    }
    return "?";
}

}  // namespace gezondin::services
