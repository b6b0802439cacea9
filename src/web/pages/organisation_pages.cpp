#include "web/pages/organisation_pages.h"

#include <charconv>

#include "core/messages.h"
#include "services/community/accounts.h"
#include "services/community/organisations.h"
#include "services/kennisbank.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/pages/view_helpers.h"
#include "web/render/renderer.h"

namespace gezondin::web {

namespace {

constexpr std::string_view list_path = "/organisaties";

std::string_view without_trailing_slash(std::string_view path) {
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    return path;
}

Response not_found(const Request& request, const Renderer& renderer) {
    return error_response(request, renderer,
                          core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
}

services::Actor actor_of(const services::SessionContext* session) {
    return session ? session->actor : services::Actor::anonymous();
}

}  // namespace

void add_organisation_pages(App& app, services::Organisations& organisations, services::Kennisbank& kennisbank,
                            const Renderer& renderer) {
    app.add_module(std::make_shared<OrganisationPages>(organisations, kennisbank, renderer));
}

std::string organisation_kind_label(domain::OrganisationKind kind) {
    return std::string(core::msg("organisations.kind." + std::string(domain::to_slug(kind))));
}

std::optional<std::int64_t> parse_page_id(std::string_view segment) {
    std::int64_t id = 0;
    const char* last = segment.data() + segment.size();
    auto [end, ec] = std::from_chars(segment.data(), last, id);
    if (segment.empty() || ec != std::errc() || end != last || id <= 0) return std::nullopt;
    return id;
}

bool OrganisationPages::handles(std::string_view path) const {
    const auto p = without_trailing_slash(path);
    return p == list_path || p.starts_with("/organisaties/");
}

void OrganisationPages::handle(std::shared_ptr<const Request> request,
                               std::shared_ptr<const services::SessionContext> session, Respond respond) const {
    const Request& req = *request;
    if (req.method != "GET" && req.method != "HEAD") {
        return respond(method_not_allowed(req, m_renderer, "GET, HEAD"));
    }
    const auto path = without_trailing_slash(req.path);
    if (path == list_path) return respond(list_page(req));
    const auto rest = path.substr(list_path.size() + 1);
    if (rest.find('/') != std::string_view::npos) return respond(not_found(req, m_renderer));
    respond(organisation_page(req, session.get(), rest));
}

void OrganisationPages::nav_links(const services::SessionContext&, std::vector<NavLink>& out) const {
    out.push_back({std::string(list_path), std::string(core::msg("organisations.nav"))});
}

Response OrganisationPages::list_page(const Request& request) const {
    auto all = m_organisations.list();
    if (!all) return error_response(request, m_renderer, all.error());
    View rows = View::list();
    for (const auto& o : *all) {
        View row = View::object();
        row.set("url", std::string(list_path) + "/" + std::to_string(o.id));
        row.set("name", o.name);
        row.set("kind", organisation_kind_label(o.kind));
        if (o.municipality_code) row.set("municipality", m_kennisbank.municipality_name(*o.municipality_code));
        rows.push(row);
    }
    View v = View::object();
    v.set("title", std::string(core::msg("organisations.list.title")));
    v.set("organisations", rows);
    v.set("empty", rows.empty_list());
    return Response::html(m_renderer.render_page("organisation_list", v));
}

Response OrganisationPages::organisation_page(const Request& request, const services::SessionContext* session,
                                              std::string_view id_text) const {
    const auto id = parse_page_id(id_text);
    if (!id) return not_found(request, m_renderer);
    auto org = m_organisations.organisation(*id);
    if (!org) return error_response(request, m_renderer, org.error());
    View v = View::object();
    v.set("title", org->name);
    v.set("id", std::to_string(org->id));
    v.set("kind", organisation_kind_label(org->kind));
    if (org->municipality_code) {
        v.set("municipality", m_kennisbank.municipality_name(*org->municipality_code));
        v.set("municipality_url", municipality_url(*org->municipality_code));
    }
    auto published = m_organisations.published_contributions(*id);
    if (!published) return error_response(request, m_renderer, published.error());
    View contributions = View::list();
    for (const auto& c : *published) {
        if (!c.published_item) continue;
        auto item = m_kennisbank.item(*c.published_item);
        if (!item) continue;   // removed from the kennisbank meanwhile
        View entry = View::object();
        entry.set("title", item->title);
        entry.set("url", domain::item_path(*item));
        contributions.push(entry);
    }
    v.set("contributions", contributions);
    v.set("no_contributions", contributions.empty_list());
    const auto actor = actor_of(session);
    if (auto members = m_organisations.members(actor, *id)) {
        View list = View::list();
        for (const auto& m : *members) {
            View entry = View::object();
            entry.set("name", domain::display_name(m.user));
            entry.set("since", dutch_date(domain::to_iso8601(m.joined_at)));
            list.push(entry);
        }
        v.set("show_members", true);
        v.set("members", list);
        v.set("no_members", list.empty_list());
    } else if (members.error().code() != core::ErrorCode::Forbidden &&
               members.error().code() != core::ErrorCode::Unauthenticated) {
        return error_response(request, m_renderer, members.error());
    }
    v.set("can_manage", services::can(actor, services::Action::ManageMembers, services::Target::none()));
    return Response::html(m_renderer.render_page("organisation_page", v));
}

}  // namespace gezondin::web
