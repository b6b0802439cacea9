#pragma once
// Comments and questions (reacties) on kennisbank items: the comments section of the item
// page, the forms that add, flag, hide and restore a comment (POST /reacties/...), and the
// editors' moderation queue (/redactie/reacties). Every POST is checked for its CSRF field
// first (403 on a mismatch); an anonymous visitor is sent to the login page. The service
// (services::Comments) decides who may do what and records hide/restore in the audit log.
//
// Threads: handle() and the page hooks run on HTTP I/O threads and answer at once.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/item.h"
#include "web/context.h"
#include "web/page_module.h"

namespace gezondin::services {
class Comments;
class Kennisbank;
}  // namespace gezondin::services

namespace gezondin::web {

class App;
class Renderer;

class CommentPages final : public PageModule {
public:
    // The services and the renderer must outlive this object.
    CommentPages(services::Comments& comments, services::Kennisbank& kb, const Renderer& renderer);

    bool handles(std::string_view path) const override;
    void handle(std::shared_ptr<const Request> request, std::shared_ptr<const services::SessionContext> session,
                Respond respond) const override;
    // "Reacties modereren" for those who may moderate.
    void nav_links(const services::SessionContext& session, std::vector<NavLink>& out) const override;

    // The comments section below an item, for the visitor in `ctx`: the visible comments, a
    // note where one was hidden, and the form (logged in) or a link to log in (anonymous).
    std::string item_section(const Context& ctx, const domain::Item& item) const;

private:
    struct Call;
    Response route(Call& call) const;
    Response new_comment(const Call& call) const;
    Response flag(const Call& call, std::int64_t id) const;
    Response hide(const Call& call, std::int64_t id) const;
    Response restore(const Call& call, std::int64_t id) const;
    Response queue(const Call& call) const;
    // A Dutch error page for a failed service call.
    Response failure(const core::Error& error) const;
    // The page with one form again, after a problem with its text.
    Response form_again(const Call& call, std::string_view form, const std::string& action, std::int64_t item,
                        const core::Error& error) const;
    // Where to go after a change to comment `id`: the moderation queue or the comment on its item.
    Response back(const Call& call, std::int64_t id, std::string_view notice) const;

    services::Comments& m_comments;
    services::Kennisbank& m_kb;
    const Renderer& m_renderer;
};

// Puts the comment pages on `app`: the module and the comments section of every item page
// (whose anonymous copies the page cache drops when a comment is added, hidden or restored).
// Call after App::set_community, before serving.
void add_comment_pages(App& app, services::Comments& comments, services::Kennisbank& kb, const Renderer& renderer);

}  // namespace gezondin::web
