#pragma once
// The beheerder's pages under /beheer: accounts with paging, role change and deletion
// (/beheer/gebruikers), organisations with their members (/beheer/organisaties...) and the
// audit log (/beheer/logboek). /beheer/e-mail belongs to the account pages. The services
// decide who may do what; an anonymous visitor is sent to the login page, anyone else without
// the right gets 403. Every POST is checked for its CSRF field first (403 on a mismatch).
//
// Threads: handle() runs on an HTTP I/O thread and answers at once. The services and the
// renderer must outlive this object.

#include <memory>
#include <string_view>
#include <vector>

#include "web/page_module.h"

namespace gezondin::services {
class Administration;
class Kennisbank;
class Organisations;
class Privacy;
}  // namespace gezondin::services

namespace gezondin::web {

class App;
class Renderer;
struct AdminDeps;

class AdminPages final : public PageModule {
public:
    // Without `privacy` the account list has no "delete" (the command line still has).
    AdminPages(services::Administration& administration, services::Organisations& organisations,
               services::Kennisbank& kennisbank, const Renderer& renderer, services::Privacy* privacy = nullptr);
    ~AdminPages();

    bool handles(std::string_view path) const override;
    void handle(std::shared_ptr<const Request> request, std::shared_ptr<const services::SessionContext> session,
                Respond respond) const override;
    // "Beheer" for those who may read the audit log (beheerders).
    void nav_links(const services::SessionContext& session, std::vector<NavLink>& out) const override;

private:
    std::unique_ptr<AdminDeps> m_deps;
};

// Puts the admin pages on `app`. Call after App::set_community, before serving.
void add_admin_pages(App& app, services::Administration& administration, services::Organisations& organisations,
                     services::Kennisbank& kennisbank, const Renderer& renderer, services::Privacy* privacy = nullptr);

}  // namespace gezondin::web
