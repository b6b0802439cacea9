// The permission table: every Action against anonymous, lid, redacteur and beheerder, each as
// owner and as non-owner of the target. A new Action without a row fails the coverage test.

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "services/community/permissions.h"

namespace gezondin::services {
namespace {

using domain::ContributionStatus;
using domain::Role;

// Columns: anonymous, lid (owner, other), redacteur (owner, other), beheerder (owner, other).
struct Row {
    Action action;
    Target target_template;   // owner is filled in per column
    bool anon, lid_own, lid_other, red_own, red_other, adm_own, adm_other;
};

constexpr domain::UserId me = 7, someone_else = 99;

Target with_owner(Target t, domain::UserId owner) {
    t.owner = owner;
    return t;
}

const std::vector<Row>& table() {
    static const Target plain = Target::none();
    static const Target draft = Target::contribution(0, ContributionStatus::Draft);
    static const Target submitted = Target::contribution(0, ContributionStatus::Submitted);
    static const Target returned = Target::contribution(0, ContributionStatus::Returned);
    static const Target published = Target::contribution(0, ContributionStatus::Published);
    static const Target member_org = Target::organisation(true);
    static const Target other_org = Target::organisation(false);
    static const std::vector<Row> rows = {
        //                                        anon   lid own/oth    red own/oth    adm own/oth
        {Action::ViewPublished, plain,            true,  true,  true,   true,  true,   true,  true},
        {Action::ViewOrganisation, plain,         true,  true,  true,   true,  true,   true,  true},
        {Action::CreateContribution, plain,       false, true,  true,   true,  true,   true,  true},
        {Action::EditContribution, draft,         false, true,  false,  true,  true,   true,  true},
        {Action::EditContribution, returned,      false, true,  false,  true,  true,   true,  true},
        {Action::EditContribution, submitted,     false, false, false,  true,  true,   true,  true},
        {Action::EditContribution, published,     false, false, false,  true,  true,   true,  true},
        {Action::SubmitContribution, draft,       false, true,  false,  true,  false,  true,  false},
        {Action::SubmitContribution, returned,    false, true,  false,  true,  false,  true,  false},
        {Action::SubmitContribution, submitted,   false, false, false,  false, false,  false, false},
        {Action::SubmitContribution, published,   false, false, false,  false, false,  false, false},
        {Action::ViewContribution, draft,         false, true,  false,  true,  true,   true,  true},
        {Action::ReviewContribution, submitted,   false, false, false,  false, true,   false, true},
        {Action::ReviewContribution, draft,       false, false, false,  false, false,  false, false},
        {Action::ReviewContribution, published,   false, false, false,  false, false,  false, false},
        {Action::ViewRevisions, submitted,        false, true,  false,  true,  true,   true,  true},
        {Action::AddComment, plain,               false, true,  true,   true,  true,   true,  true},
        {Action::FlagComment, plain,              false, false, true,   false, true,   false, true},
        {Action::ModerateComment, plain,          false, false, false,  true,  true,   true,  true},
        {Action::ManageLibrary, plain,            false, true,  false,  true,  false,  true,  false},
        {Action::ManageOwnAccount, plain,         false, true,  false,  true,  false,  true,  false},
        {Action::ViewMembers, member_org,         false, true,  true,   true,  true,   true,  true},
        {Action::ViewMembers, other_org,          false, false, false,  false, false,  true,  true},
        {Action::CreateOrganisation, plain,       false, false, false,  false, false,  true,  true},
        {Action::ManageMembers, plain,            false, false, false,  false, false,  true,  true},
        {Action::ManageUsers, plain,              false, false, false,  false, false,  false, true},
        {Action::ViewAuditLog, plain,             false, false, false,  false, false,  true,  true},
        {Action::ViewOutbox, plain,               false, false, false,  false, false,  true,  true},
    };
    return rows;
}

TEST(Permissions, TableCoversEveryAction) {
    std::set<Action> covered;
    for (const auto& row : table()) covered.insert(row.action);
    for (Action a : all_actions()) EXPECT_TRUE(covered.count(a)) << "no table row for " << to_string(a);
}

TEST(Permissions, EveryRoleOwnerAndNonOwnerMatchesTheTable) {
    for (const auto& row : table()) {
        const std::string name(to_string(row.action));
        const Target mine = with_owner(row.target_template, me);
        const Target theirs = with_owner(row.target_template, someone_else);
        EXPECT_EQ(can(Actor::anonymous(), row.action, theirs), row.anon) << name << " anonymous";
        struct Column {
            Role role;
            bool own, other;
        };
        for (const auto& [role, own, other] : {Column{Role::Lid, row.lid_own, row.lid_other},
                                        Column{Role::Redacteur, row.red_own, row.red_other},
                                        Column{Role::Beheerder, row.adm_own, row.adm_other}}) {
            const Actor actor = Actor::member(me, role);
            EXPECT_EQ(can(actor, row.action, mine), own) << name << " " << domain::to_slug(role) << " owner";
            EXPECT_EQ(can(actor, row.action, theirs), other) << name << " " << domain::to_slug(role) << " non-owner";
        }
    }
}

TEST(Permissions, AnonymousIsNeverAnOwner) {
    // A target without an owner and an actor without a user never match.
    for (Action a : {Action::ManageOwnAccount, Action::ManageLibrary, Action::SubmitContribution})
        EXPECT_FALSE(can(Actor::anonymous(), a, Target::contribution(0, ContributionStatus::Draft)));
}

}  // namespace
}  // namespace gezondin::services
