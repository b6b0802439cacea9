#pragma once
// Organisations and their members. A beheerder creates organisations and adds or removes
// members; the member list is visible to members of that organisation and to beheerders;
// the organisation itself and its published contributions are public.

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/organisation.h"
#include "services/community/clock.h"
#include "services/community/permissions.h"
#include "storage/community.h"

namespace gezondin::services {

struct NewOrganisation {
    domain::OrganisationKind kind = domain::OrganisationKind::Overig;
    std::string name;
    std::optional<std::string> municipality_code;   // required for a gemeente ("GM0363")
};

class Organisations {
public:
    Organisations(storage::CommunityDatabase& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    core::Result<domain::OrganisationId> create(const Actor& actor, const NewOrganisation& org);
    core::Status add_member(const Actor& actor, domain::OrganisationId org, domain::UserId user);
    // Convenience for the admin form; NotFound when no account has the address.
    core::Status add_member_by_email(const Actor& actor, domain::OrganisationId org, const std::string& email);
    core::Status remove_member(const Actor& actor, domain::OrganisationId org, domain::UserId user);

    core::Result<domain::Organisation> organisation(domain::OrganisationId id);
    core::Result<std::vector<domain::Organisation>> list();
    // The same list for the beheerder's management page: Forbidden for anyone who may not
    // create organisations (Unauthenticated for an anonymous visitor).
    core::Result<std::vector<domain::Organisation>> list_to_manage(const Actor& actor);
    // Forbidden unless the actor is a member or a beheerder.
    core::Result<std::vector<storage::Member>> members(const Actor& actor, domain::OrganisationId org);
    // The published contributions made on behalf of the organisation.
    core::Result<std::vector<storage::ContributionSummary>> published_contributions(domain::OrganisationId org);
    // The actor's own memberships.
    core::Result<std::vector<domain::Membership>> my_memberships(const Actor& actor);

private:
    domain::AuditEntry audit(const Actor& actor, std::string action, std::string target, std::string detail) const;

    storage::CommunityDatabase& m_db;
    const Clock& m_clock;
};

}  // namespace gezondin::services
