#pragma once
// The public organisation pages: /organisaties (all organisations) and /organisaties/<id>
// (name, kind, municipality, published contributions, and the members for those whom
// services::Organisations lets see them: members of that organisation and beheerders).
//
// Threads: handle() runs on an HTTP I/O thread and answers at once. The services and the
// renderer must outlive this object.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/organisation.h"
#include "web/page_module.h"

namespace gezondin::services {
class Kennisbank;
class Organisations;
}  // namespace gezondin::services

namespace gezondin::web {

class App;
class Renderer;

class OrganisationPages final : public PageModule {
public:
    OrganisationPages(services::Organisations& organisations, services::Kennisbank& kennisbank,
                      const Renderer& renderer)
        : m_organisations(organisations), m_kennisbank(kennisbank), m_renderer(renderer) {}

    bool handles(std::string_view path) const override;
    void handle(std::shared_ptr<const Request> request, std::shared_ptr<const services::SessionContext> session,
                Respond respond) const override;
    // "Organisaties" for every logged-in visitor.
    void nav_links(const services::SessionContext& session, std::vector<NavLink>& out) const override;

private:
    Response list_page(const Request& request) const;
    Response organisation_page(const Request& request, const services::SessionContext* session,
                               std::string_view id) const;

    services::Organisations& m_organisations;
    services::Kennisbank& m_kennisbank;
    const Renderer& m_renderer;
};

// Puts the organisation pages on `app`. Call after App::set_community, before serving.
void add_organisation_pages(App& app, services::Organisations& organisations, services::Kennisbank& kennisbank,
                            const Renderer& renderer);

// The Dutch label of an organisation kind ("GGD", "Gemeente", ...); shared with the admin pages.
std::string organisation_kind_label(domain::OrganisationKind kind);
// The id in a path segment of digits only ("12"); none for anything else.
std::optional<std::int64_t> parse_page_id(std::string_view segment);

}  // namespace gezondin::web
