#pragma once
// Contributions (bijdragen) through the web: a member's own contributions, the form for a new
// or changed contribution with a Markdown preview, submitting, the versions and the diff
// between two versions, the attachments (upload, remove, download), and the editors' review
// (redactie): the queue, publishing and sending back with feedback.
//
//   /bijdragen                         my contributions
//   /bijdragen/nieuw                   form (POST: save or preview)
//   /bijdragen/<id>                    a contribution: status, feedback, content, attachments
//   /bijdragen/<id>/bewerken           form (POST: save or preview)
//   /bijdragen/<id>/indienen           POST: submit for review
//   /bijdragen/<id>/versies            the versions, and a form to compare two
//   /bijdragen/<id>/verschil?van=&tot= the difference between two versions
//   /bijlagen/toevoegen                POST multipart/form-data: add an attachment
//   /bijlagen/<id>                     download (public once the contribution is published)
//   /bijlagen/<id>/verwijderen         POST: remove an attachment
//   /redactie                          the review queue (redacteur, beheerder)
//   /redactie/<id>                     review one contribution
//   /redactie/<id>/publiceren          POST: publish
//   /redactie/<id>/terugsturen         POST: send back with feedback
//
// Every handler reads as parse -> service -> render; services::Contributions and
// services::Attachments decide who may do what. Every POST is checked for its CSRF field first
// (403 on a mismatch); then an anonymous visitor is sent to the login page, as on every page
// here but a public download.
//
// Threads: handle() and the item hook run on HTTP I/O threads and answer at once.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/item.h"
#include "web/context.h"
#include "web/page_module.h"

namespace gezondin::services {
class Attachments;
class Contributions;
class Kennisbank;
}  // namespace gezondin::services

namespace gezondin::web {

class App;
class Renderer;
struct ContributionDeps;

// The one path that takes uploads (its body limit is the attachment limit plus room for the
// other form fields).
inline constexpr std::string_view attachment_upload_path = "/bijlagen/toevoegen";

class ContributionPages final : public PageModule {
public:
    // The services and the renderer must outlive this object.
    ContributionPages(services::Contributions& contributions, services::Attachments& attachments,
                      services::Kennisbank& kb, const Renderer& renderer);
    ~ContributionPages() override;

    bool handles(std::string_view path) const override;
    void handle(std::shared_ptr<const Request> request, std::shared_ptr<const services::SessionContext> session,
                Respond respond) const override;
    // "Mijn bijdragen" for every member; "Redactie" for redacteur and beheerder.
    void nav_links(const services::SessionContext& session, std::vector<NavLink>& out) const override;

    // The attachments of a published contribution, for the facts column of its item page;
    // "" for other items.
    std::string item_attachments(const Context& ctx, const domain::Item& item) const;

private:
    std::unique_ptr<ContributionDeps> m_deps;
};

// Puts the contribution pages on `app`: the module, the body limit of the upload path and the
// attachments on item pages. Call after App::set_community, before serving.
void add_contribution_pages(App& app, services::Contributions& contributions, services::Attachments& attachments,
                            services::Kennisbank& kb, const Renderer& renderer);

}  // namespace gezondin::web
