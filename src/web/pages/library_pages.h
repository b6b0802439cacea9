#pragma once
// "Mijn bibliotheek": the member's bookmarked items, what they follow (a theme, a GALA goal or a
// municipality) and the choice for the weekly digest e-mail (/bibliotheek), the forms that
// change them (POST /bibliotheek/...), the bookmark button on item pages and the follow button
// on the pages of a theme, GALA goal or municipality. Every POST is checked for its CSRF field
// first (403 on a mismatch); an anonymous visitor is sent to the login page. The service
// (services::Library) decides who may do what.
//
// Threads: handle() and the page hooks run on HTTP I/O threads and answer at once.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/follow.h"
#include "domain/item.h"
#include "web/context.h"
#include "web/page_module.h"

namespace gezondin::services {
class Library;
class Kennisbank;
}  // namespace gezondin::services

namespace gezondin::web {

class App;
class Renderer;

class LibraryPages final : public PageModule {
public:
    // The services and the renderer must outlive this object.
    LibraryPages(services::Library& library, services::Kennisbank& kb, const Renderer& renderer);

    bool handles(std::string_view path) const override;
    void handle(std::shared_ptr<const Request> request, std::shared_ptr<const services::SessionContext> session,
                Respond respond) const override;
    // "Mijn bibliotheek" for every logged-in visitor.
    void nav_links(const services::SessionContext& session, std::vector<NavLink>& out) const override;

    // The bookmark button of an item page (logged in) or a link to log in (anonymous).
    std::string bookmark_control(const Context& ctx, const domain::Item& item) const;
    // The follow or unfollow button of a theme, GALA goal or municipality page.
    std::string follow_control(const Context& ctx, domain::FollowKind kind, const std::string& value) const;

private:
    struct Call;
    Response route(Call& call) const;
    Response library_page(const Call& call) const;
    Response bookmark(const Call& call, bool add) const;
    Response follow(const Call& call, bool add) const;
    Response digest(const Call& call) const;
    Response failure(const core::Error& error) const;
    // The page of what is followed: theme, goal or municipality listing.
    std::string follow_target(domain::FollowKind kind, const std::string& value) const;
    std::string follow_label(domain::FollowKind kind, const std::string& value) const;

    services::Library& m_library;
    services::Kennisbank& m_kb;
    const Renderer& m_renderer;
};

// Puts the library pages on `app`: the module, the bookmark button on item pages and the
// follow button on listing pages. Call after App::set_community, before serving.
void add_library_pages(App& app, services::Library& library, services::Kennisbank& kb, const Renderer& renderer);

}  // namespace gezondin::web
