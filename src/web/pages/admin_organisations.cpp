// The beheerder's organisation pages: create an organisation, add members by e-mail address
// and remove them.

#include <charconv>

#include "core/messages.h"
#include "services/community/organisations.h"
#include "services/kennisbank.h"
#include "web/pages/admin_internal.h"
#include "web/pages/organisation_pages.h"

namespace gezondin::web {

namespace {

constexpr domain::OrganisationKind all_kinds[] = {
    domain::OrganisationKind::Gemeente, domain::OrganisationKind::Ggd,       domain::OrganisationKind::Welzijn,
    domain::OrganisationKind::Zorg,     domain::OrganisationKind::Programma, domain::OrganisationKind::Overig};

const std::initializer_list<FormField> create_fields = {{"name", "naam", "naam_fout"},
                                                         {"municipality_code", "gemeente", "gemeente_fout"}};
const std::initializer_list<FormField> member_fields = {{"email", "e-mailadres", "email_fout"}};

std::string org_path(std::int64_t id) { return "/beheer/organisaties/" + std::to_string(id); }

View kind_options(const std::string& chosen) {
    View list = View::list();
    for (auto kind : all_kinds) {
        View option = View::object();
        option.set("value", std::string(domain::to_slug(kind)));
        option.set("label", organisation_kind_label(kind));
        option.set("selected", domain::to_slug(kind) == chosen);
        list.push(option);
    }
    return list;
}

View municipality_options(const AdminCall& c, const std::string& chosen) {
    View list = View::list();
    auto all = c.deps.kennisbank.municipalities();
    if (!all) return list;
    for (const auto& m : *all) {
        View option = View::object();
        option.set("value", m.code);
        option.set("label", m.name);
        option.set("selected", m.code == chosen);
        list.push(option);
    }
    return list;
}

Response organisations_response(const AdminCall& c, const core::Error* error) {
    auto all = c.deps.organisations.list_to_manage(c.actor());
    if (!all) return admin_error(c, all.error());
    View rows = View::list();
    for (const auto& o : *all) {
        View row = View::object();
        row.set("url", org_path(o.id));
        row.set("public_url", "/organisaties/" + std::to_string(o.id));
        row.set("name", o.name);
        row.set("kind", organisation_kind_label(o.kind));
        if (o.municipality_code) row.set("municipality", c.deps.kennisbank.municipality_name(*o.municipality_code));
        rows.push(row);
    }
    View v = View::object();
    v.set("title", std::string(core::msg("beheer.orgs.title")));
    v.set("organisations", rows);
    v.set("empty", rows.empty_list());
    v.set("name", c.field("naam"));
    v.set("kinds", kind_options(c.field("soort")));
    v.set("municipalities", municipality_options(c, c.field("gemeente")));
    int status = 200;
    if (error) {
        add_form_errors(v, *error, create_fields);
        if (error->code() != core::ErrorCode::InvalidInput) return admin_error(c, *error);
        status = 400;
    }
    return admin_page(c, "admin_organisations", v, status);
}

Response members_response(const AdminCall& c, const core::Error* error) {
    // members() first: it asks for the permission before it tells whether the organisation exists.
    auto members = c.deps.organisations.members(c.actor(), c.id);
    if (!members) return admin_error(c, members.error());
    auto org = c.deps.organisations.organisation(c.id);
    if (!org) return admin_error(c, org.error());
    View rows = View::list();
    for (const auto& m : *members) {
        View row = View::object();
        row.set("id", std::to_string(m.user.id));
        row.set("name", domain::display_name(m.user));
        row.set("email", m.user.email);
        row.set("since", dutch_time(m.joined_at));
        rows.push(row);
    }
    View v = View::object();
    v.set("title", core::msg("beheer.orgs.members_title", {org->name}));
    v.set("org_name", org->name);
    v.set("kind", organisation_kind_label(org->kind));
    v.set("action", org_path(c.id));
    v.set("public_url", "/organisaties/" + std::to_string(c.id));
    v.set("members", rows);
    v.set("empty", rows.empty_list());
    v.set("email", c.field("email"));
    int status = 200;
    if (error) {
        add_form_errors(v, *error, member_fields);
        if (error->code() != core::ErrorCode::InvalidInput && error->code() != core::ErrorCode::Conflict)
            return admin_error(c, *error);
        status = error->code() == core::ErrorCode::Conflict ? 409 : 400;
    }
    return admin_page(c, "admin_organisation", v, status);
}

}  // namespace

Response organisations_page(const AdminCall& c) { return organisations_response(c, nullptr); }

Response organisation_create(const AdminCall& c) {
    const auto kind = domain::organisation_kind_from_slug(c.field("soort"));
    if (!kind) return admin_error(c, core::Error::invalid_input(std::string(core::msg("beheer.orgs.bad_kind"))), 400);
    services::NewOrganisation org;
    org.kind = *kind;
    org.name = c.field("naam");
    if (auto code = c.field("gemeente"); !code.empty()) org.municipality_code = code;
    auto created = c.deps.organisations.create(c.actor(), org);
    if (!created) return organisations_response(c, &created.error());
    return Response::redirect(org_path(*created) + "?melding=aangemaakt");
}

Response members_page(const AdminCall& c) { return members_response(c, nullptr); }

Response member_add(const AdminCall& c) {
    auto added = c.deps.organisations.add_member_by_email(c.actor(), c.id, c.field("email"));
    if (added) return Response::redirect(org_path(c.id) + "?melding=toegevoegd");
    if (added.error().code() == core::ErrorCode::NotFound) {
        // Either no such account or no such organisation; the page load tells them apart.
        const std::string reason(core::msg("beheer.orgs.no_account"));
        const auto no_account = core::Error::invalid_input(reason, {{"email", reason, 0}});
        return members_response(c, &no_account);
    }
    return members_response(c, &added.error());
}

Response member_remove(const AdminCall& c) {
    std::int64_t user = 0;
    const auto text = c.field("gebruiker");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), user);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return admin_error(c, core::Error::invalid_input(std::string(core::msg("beheer.orgs.bad_member"))), 400);
    auto removed = c.deps.organisations.remove_member(c.actor(), c.id, user);
    if (!removed) return admin_error(c, removed.error());
    return Response::redirect(org_path(c.id) + "?melding=verwijderd");
}

}  // namespace gezondin::web
