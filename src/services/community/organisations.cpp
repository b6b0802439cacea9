#include "services/community/organisations.h"

#include "core/messages.h"
#include "domain/taxonomy.h"
#include "services/community/input_rules.h"

namespace gezondin::services {

domain::AuditEntry Organisations::audit(const Actor& actor, std::string action, std::string target,
                                        std::string detail) const {
    return {0, m_clock.now(), actor.user.value_or(0), std::move(action), std::move(target), std::move(detail)};
}

core::Result<domain::OrganisationId> Organisations::create(const Actor& actor, const NewOrganisation& org) {
    if (!can(actor, Action::CreateOrganisation, Target::none())) return core::fail(forbidden());
    InputCheck check;
    check.text(org.name, {"name", domain::max_name_bytes, Lines::Single, true});
    const bool gemeente = org.kind == domain::OrganisationKind::Gemeente;
    if (org.municipality_code ? !domain::is_municipality_code(*org.municipality_code) : gemeente)
        check.problem("municipality_code", std::string(core::msg("community.organisation.bad_municipality")));
    if (auto ok = check.result(); !ok) return core::fail(ok.error());
    domain::Organisation o{0, org.kind, org.name, org.municipality_code, m_clock.now()};
    return m_db.create_organisation(o, audit(actor, "organisation.create", "", std::string(domain::to_slug(org.kind))));
}

core::Status Organisations::add_member(const Actor& actor, domain::OrganisationId org, domain::UserId user) {
    if (!can(actor, Action::ManageMembers, Target::none())) return core::fail(forbidden());
    return m_db.add_member({org, user, m_clock.now()},
                           audit(actor, "organisation.add_member", "organisation:" + std::to_string(org),
                                 "user:" + std::to_string(user)));
}

core::Status Organisations::add_member_by_email(const Actor& actor, domain::OrganisationId org, const std::string& email) {
    if (!can(actor, Action::ManageMembers, Target::none())) return core::fail(forbidden());
    if (!domain::is_plausible_email(email))
        return InputCheck().problem("email", std::string(core::msg("community.account.bad_email"))).result();
    auto user = m_db.user_by_email(domain::normalise_email(email));
    if (!user) return core::fail(user.error());
    return add_member(actor, org, user->id);
}

core::Status Organisations::remove_member(const Actor& actor, domain::OrganisationId org, domain::UserId user) {
    if (!can(actor, Action::ManageMembers, Target::none())) return core::fail(forbidden());
    return m_db.remove_member(org, user,
                              audit(actor, "organisation.remove_member", "organisation:" + std::to_string(org),
                                    "user:" + std::to_string(user)));
}

core::Result<domain::Organisation> Organisations::organisation(domain::OrganisationId id) { return m_db.organisation(id); }

core::Result<std::vector<domain::Organisation>> Organisations::list() { return m_db.organisations(); }

core::Result<std::vector<domain::Organisation>> Organisations::list_to_manage(const Actor& actor) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::CreateOrganisation, Target::none())) return core::fail(forbidden());
    return m_db.organisations();
}

core::Result<std::vector<storage::Member>> Organisations::members(const Actor& actor, domain::OrganisationId org) {
    bool member = false;
    if (actor.user) {
        auto is = m_db.is_member(org, *actor.user);
        if (!is) return core::fail(is.error());
        member = *is;
    }
    if (!can(actor, Action::ViewMembers, Target::organisation(member))) return core::fail(forbidden());
    if (auto exists = m_db.organisation(org); !exists) return core::fail(exists.error());
    return m_db.members(org);
}

core::Result<std::vector<storage::ContributionSummary>> Organisations::published_contributions(domain::OrganisationId org) {
    auto all = m_db.contributions_by_organisation(org);
    if (!all) return core::fail(all.error());
    std::vector<storage::ContributionSummary> out;
    for (auto& c : *all)
        if (c.status == domain::ContributionStatus::Published) out.push_back(std::move(c));
    return out;
}

core::Result<std::vector<domain::Membership>> Organisations::my_memberships(const Actor& actor) {
    if (!actor.user) return core::fail(login_required());
    return m_db.memberships_of(*actor.user);
}

}  // namespace gezondin::services
