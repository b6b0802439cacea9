#include "main/user_commands.h"

#include "core/messages.h"
#include "main/commands.h"
#include "services/community/administration.h"
#include "services/community/tokens.h"

namespace gezondin::app {

namespace {

// The runtime (which migrates the database) and the community services on it.
struct Opened {
    Runtime rt;
    std::unique_ptr<Community> community;
};

core::Result<Opened> open_all(const Settings& s) {
    auto rt = open_runtime(s, IndexMode::Optional);
    if (!rt) return core::fail(rt.error());
    auto community = open_community(s, 0);
    if (!community) return core::fail(community.error());
    Opened o{std::move(*rt), std::move(*community)};
    // With the attachments, a deleted account's upload files go at once; without (libmagic
    // missing, say) the server's hourly clean-up takes them, so a failure here stops nothing.
    (void)add_contributions(*o.community, o.rt);
    add_privacy(*o.community, o.rt);
    return o;
}

core::Result<domain::Role> parse_role(const std::string& text) {
    auto role = domain::role_from_slug(text);
    if (!role) return core::fail(core::Error::invalid_input(core::msg("cli.user.bad_role", {text})));
    return *role;
}

core::Result<domain::User> find_user(Community& c, const std::string& email) {
    auto user = c.db->user_by_email(domain::normalise_email(email));
    if (!user && user.error().code() == core::ErrorCode::NotFound)
        return core::fail(core::Error(core::ErrorCode::NotFound, core::msg("cli.user.unknown_email", {email})));
    return user;
}

}  // namespace

int run_user_list(const Settings& s, std::ostream& out) {
    auto opened = open_all(s);
    if (!opened) return report_error(opened.error());
    auto& admin = *opened->community->administration;
    constexpr long page = 500;
    bool any = false;
    for (long offset = 0;; offset += page) {
        auto users = admin.users(services::operator_actor(), offset, page);
        if (!users) return report_error(users.error());
        for (const auto& u : *users) {
            if (!any) out << core::msg("cli.user.header") << "\n";
            any = true;
            out << u.id << " | " << domain::display_name(u) << " | " << u.email << " | " << domain::to_slug(u.role)
                << " | " << core::msg("beheer.users.status." + std::string(domain::to_slug(u.status))) << "\n";
        }
        if (static_cast<long>(users->size()) < page) break;
    }
    if (!any) out << core::msg("cli.user.none") << "\n";
    return 0;
}

int run_user_create(const Settings& s, const std::string& name, const std::string& email, const std::string& role_text,
                    std::ostream& out) {
    auto role = parse_role(role_text);
    if (!role) return report_error(role.error());
    auto opened = open_all(s);
    if (!opened) return report_error(opened.error());
    auto& c = *opened->community;
    if (auto taken = c.db->user_by_email(domain::normalise_email(email)); taken)
        return report_error(core::Error::conflict(std::string(core::msg("community.account.email_taken"))));
    const std::string password = services::new_token().substr(0, 20);
    auto created = c.accounts->create_confirmed_account(name, email, password, *role);
    if (!created) return report_error(created.error());
    // Accounts does not log (members register themselves); an operator's account is an
    // administration action, so the log gets it here.
    auto logged = c.db->append_audit({0, c.clock.now(), 0, "user.create", "user:" + std::to_string(*created),
                                      std::string(domain::to_slug(*role))});
    if (!logged) return report_error(logged.error());
    out << core::msg("cli.user.created", {name, domain::normalise_email(email), domain::to_slug(*role), password}) << "\n";
    return 0;
}

int run_user_role(const Settings& s, const std::string& email, const std::string& role_text, std::ostream& out) {
    auto role = parse_role(role_text);
    if (!role) return report_error(role.error());
    auto opened = open_all(s);
    if (!opened) return report_error(opened.error());
    auto& c = *opened->community;
    auto user = find_user(c, email);
    if (!user) return report_error(user.error());
    auto changed = c.administration->set_role(services::operator_actor(), user->id, *role);
    if (!changed) return report_error(changed.error());
    out << core::msg("cli.user.role_changed", {user->email, domain::to_slug(*role)}) << "\n";
    return 0;
}

int run_user_delete(const Settings& s, const std::string& email, bool remove_contributions, std::ostream& out) {
    auto opened = open_all(s);
    if (!opened) return report_error(opened.error());
    auto& c = *opened->community;
    auto user = find_user(c, email);
    if (!user) return report_error(user.error());
    const auto choice = remove_contributions ? services::ContributionsOnDelete::Remove : services::ContributionsOnDelete::Keep;
    auto erased = c.privacy->delete_user(services::operator_actor(), user->id, choice);
    if (!erased) return report_error(erased.error());
    out << core::msg("cli.user.deleted", {user->email, core::msg(remove_contributions ? "cli.user.removed" : "cli.user.kept")})
        << "\n";
    return 0;
}

}  // namespace gezondin::app
