// The beheerder's list of accounts, with paging, role change and deletion.

#include "core/messages.h"
#include "services/community/administration.h"
#include "services/community/privacy.h"
#include "web/pages/admin_internal.h"

namespace gezondin::web {

namespace {

constexpr domain::Role all_roles[] = {domain::Role::Lid, domain::Role::Redacteur, domain::Role::Beheerder};

std::string role_label(domain::Role role) {
    return std::string(core::msg("account.role." + std::string(domain::to_slug(role))));
}

View role_options(domain::Role current) {
    View list = View::list();
    for (auto role : all_roles) {
        View option = View::object();
        option.set("value", std::string(domain::to_slug(role)));
        option.set("label", role_label(role));
        option.set("selected", role == current);
        list.push(option);
    }
    return list;
}

View user_row(const AdminCall& c, const domain::User& u) {
    const bool deleted = u.status == domain::UserStatus::Deleted;
    View row = View::object();
    row.set("id", std::to_string(u.id));
    row.set("name", domain::display_name(u));
    row.set("email", u.email);
    row.set("role", role_label(u.role));
    row.set("status", std::string(core::msg("beheer.users.status." + std::string(domain::to_slug(u.status)))));
    row.set("since", dutch_time(u.created_at));
    // Only a hint for the form; set_role decides (and refuses one's own account).
    row.set("can_change", !deleted && u.id != c.session.user.id);
    row.set("can_delete", !deleted && u.id != c.session.user.id && c.deps.privacy != nullptr);
    row.set("options", role_options(u.role));
    return row;
}

// Account deletion needs the privacy service; without it the pages do not exist.
Response no_privacy_service(const AdminCall& c) {
    return admin_error(c, core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
}

}  // namespace

Response users_page(const AdminCall& c) {
    const auto page = page_number(c.request);
    if (!page) return admin_error(c, core::Error::invalid_input(std::string(core::msg("beheer.bad_page"))), 400);
    auto users = c.deps.administration.users(c.actor(), (*page - 1) * admin_page_size, admin_page_size + 1);
    if (!users) return admin_error(c, users.error());
    const bool more = static_cast<long>(users->size()) > admin_page_size;
    if (more) users->pop_back();
    View rows = View::list();
    for (const auto& u : *users) rows.push(user_row(c, u));
    View v = View::object();
    v.set("title", std::string(core::msg("beheer.users.title")));
    v.set("users", rows);
    v.set("empty", rows.empty_list());
    v.set("page", std::to_string(*page));
    v.set("pagination", paging_view("/beheer/gebruikers", *page, more));
    return admin_page(c, "admin_users", v);
}

Response role_submit(const AdminCall& c) {
    const auto user = positive_id(c.field("gebruiker"));
    const auto role = domain::role_from_slug(c.field("rol"));
    if (!user || !role) return admin_error(c, core::Error::invalid_input(std::string(core::msg("beheer.users.bad_role"))), 400);
    auto changed = c.deps.administration.set_role(c.actor(), *user, *role);
    if (!changed) return admin_error(c, changed.error());
    std::string back = "/beheer/gebruikers?melding=rol";
    if (auto page = positive_id(c.field("pagina")); page && *page > 1) back += "&pagina=" + std::to_string(*page);
    return Response::redirect(back);
}

Response user_delete_page(const AdminCall& c) {
    if (!c.deps.privacy) return no_privacy_service(c);
    auto user = c.deps.administration.user(c.actor(), c.id);
    if (!user) return admin_error(c, user.error());
    View v = View::object();
    v.set("title", std::string(core::msg("beheer.users.delete.title")));
    v.set("id", std::to_string(user->id));
    v.set("name", domain::display_name(*user));
    v.set("email", user->email);
    return admin_page(c, "admin_user_delete", v);
}

Response user_delete_submit(const AdminCall& c) {
    if (!c.deps.privacy) return no_privacy_service(c);
    const std::string choice = c.field("bijdragen");
    if (choice != "bewaren" && choice != "verwijderen")
        return admin_error(c, core::Error::invalid_input(std::string(core::msg("account.delete.bad_choice"))), 400);
    auto erased = c.deps.privacy->delete_user(c.actor(), c.id,
                                              choice == "verwijderen" ? services::ContributionsOnDelete::Remove
                                                                      : services::ContributionsOnDelete::Keep);
    if (!erased) return admin_error(c, erased.error());
    return Response::redirect("/beheer/gebruikers?melding=account_verwijderd");
}

}  // namespace gezondin::web
