// A member's own contributions: the list, the form for a new or changed contribution (with a
// Markdown preview that works without JavaScript), the contribution page and submitting.

#include <algorithm>
#include <ctime>

#include "core/messages.h"
#include "core/text.h"
#include "domain/taxonomy.h"
#include "services/community/input_rules.h"
#include "web/pages/contribution_internal.h"
#include "web/render/markdown.h"

namespace gezondin::web::contribution_detail {

namespace {

using domain::ContributionStatus;

const std::initializer_list<FormField> content_fields = {
    {"title", "titel", "titel_fout"},
    {"type", "soort-praktijkvoorbeeld", "soort_fout"},
    {"summary", "samenvatting", "samenvatting_fout"},
    {"body", "tekst", "tekst_fout"},
    {"date", "datum", "datum_fout"},
    {"themes", "themas", "themas_fout"},
    {"gala_goals", "doelen", "doelen_fout"},
    {"tracks", "sporen", "sporen_fout"},
    {"municipality", "gemeente", "gemeente_fout"},
    {"links", "links", "links_fout"},
    {"organisation", "titel", "titel_fout"},
};

core::Date today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// One link per line: the address, then (after a space) its title.
std::vector<domain::Link> parse_links(std::string_view text) {
    std::vector<domain::Link> links;
    for (auto line : core::split(text, '\n')) {
        line = core::trim(line);
        if (line.empty()) continue;
        auto space = line.find_first_of(" \t");
        std::string url(line.substr(0, space));
        std::string title = space == std::string_view::npos ? "" : std::string(core::trim(line.substr(space + 1)));
        links.push_back({std::move(url), std::move(title)});
    }
    return links;
}

std::string links_text(const std::vector<domain::Link>& links) {
    std::string out;
    for (const auto& l : links) out += l.url + (l.title.empty() ? "" : " " + l.title) + "\n";
    return out;
}

// The content as typed; problems the service cannot see (a date that is no date) go to `problems`.
domain::Item content_from_form(const ContributionCall& c, std::vector<core::FieldProblem>& problems) {
    domain::Item item;
    // An unknown type becomes one that members may not contribute, so the service names it.
    item.type = domain::item_type_from_slug(c.field("type")).value_or(domain::ItemType::Nieuws);
    item.title = c.field("title");
    item.summary = c.field("summary");
    item.body = c.field("body");
    const std::string date = c.field("date");
    if (date.empty()) item.date = today();
    else if (auto d = core::Date::parse(date)) item.date = *d;
    else problems.push_back({"date", std::string(core::msg("contributions.form.bad_date")), 0});
    item.themes = c.fields("themes");
    for (const auto& g : c.fields("goals")) item.gala_goals.push_back(static_cast<int>(positive_id(g).value_or(0)));
    item.tracks = c.fields("tracks");
    item.level = domain::level_from_slug(c.field("level")).value_or(domain::Level::Lokaal);
    item.municipality_code = c.field("municipality");
    item.links = parse_links(c.field("links"));
    return item;
}

template <typename List, typename Value, typename Label>
View choices(const List& list, const std::string& prefix, Value value, Label label,
             const std::vector<std::string>& chosen) {
    View out = View::list();
    for (const auto& entry : list) {
        const std::string v = value(entry);
        out.push(View::object()
                     .set("value", v)
                     .set("label", label(entry))
                     .set("id", prefix + "-" + v)
                     .set("checked", std::find(chosen.begin(), chosen.end(), v) != chosen.end()));
    }
    return out;
}

View form_fields(const ContributionCall& c, const domain::Item& item) {
    const auto& tax = c.deps.kb.taxonomy();
    View v = View::object();
    v.set("f_title", item.title).set("f_summary", item.summary).set("f_body", item.body);
    v.set("f_date", item.date.to_string()).set("f_links", links_text(item.links));
    const std::vector<domain::ItemType> types = {domain::ItemType::Praktijkvoorbeeld, domain::ItemType::Instrument};
    v.set("types", choices(types, "soort", [](auto t) { return std::string(domain::to_slug(t)); },
                           [](auto t) { return std::string(domain::label(t)); }, {std::string(domain::to_slug(item.type))}));
    v.set("themes", choices(tax.themes(), "thema", [](const auto& t) { return t.slug; }, [](const auto& t) { return t.label; },
                            item.themes));
    std::vector<std::string> goals;
    for (int g : item.gala_goals) goals.push_back(std::to_string(g));
    v.set("goals", choices(tax.gala_goals(), "doel", [](const auto& g) { return std::to_string(g.number); },
                           [](const auto& g) { return std::to_string(g.number) + ". " + g.label; }, goals));
    v.set("tracks", choices(tax.tracks(), "spoor", [](const auto& t) { return t.slug; }, [](const auto& t) { return t.label; },
                            item.tracks));
    v.set("levels", choices(domain::all_levels(), "niveau", [](auto l) { return std::string(domain::to_slug(l)); },
                            [](auto l) { return std::string(domain::label(l)); }, {std::string(domain::to_slug(item.level))}));
    View municipalities = View::list();
    if (auto list = c.deps.kb.municipalities())
        for (const auto& m : *list)
            municipalities.push(
                View::object().set("code", m.code).set("name", m.name).set("selected", m.code == item.municipality_code));
    v.set("municipalities", municipalities);
    return v;
}

// The form page; with `preview` the rendered Markdown below it, with `error` the messages.
Response form_page(const ContributionCall& c, const domain::Item& item, const std::string& action,
                   std::string_view title_key, bool preview, const core::Error* error) {
    View v = form_fields(c, item);
    v.set("title", std::string(core::msg(title_key)));
    v.set("action", action);
    v.set("max_body", std::to_string(services::max_body_bytes));
    if (preview) v.set("has_preview", true).set("preview_html", markdown_to_html(item.body));
    int status = 200;
    if (error) {
        add_form_errors(v, *error, content_fields);
        status = form_status(*error);
    }
    return page(c, "contribution_form", std::move(v), status);
}

core::Error form_problems(std::vector<core::FieldProblem> problems) {
    return core::Error::invalid_input(std::string(core::msg("community.input.rejected")), std::move(problems));
}

std::string notice(std::string_view melding) {
    for (auto known : {"opgeslagen", "ingediend", "bijlage", "bijlage-weg"})
        if (melding == known) return std::string(core::msg("contributions.notice." + std::string(melding)));
    return {};
}

// Saves (or previews) the form; `save` does the service call.
template <typename Save>
Response save_form(const ContributionCall& c, const std::string& action, std::string_view title_key, Save save) {
    std::vector<core::FieldProblem> problems;
    const domain::Item item = content_from_form(c, problems);
    if (c.field("actie") == "voorbeeld") return form_page(c, item, action, title_key, true, nullptr);
    if (!problems.empty()) {
        const auto error = form_problems(std::move(problems));
        return form_page(c, item, action, title_key, false, &error);
    }
    auto saved = save(item);
    if (!saved) {
        if (saved.error().code() != core::ErrorCode::InvalidInput) return failure(c, saved.error());
        return form_page(c, item, action, title_key, false, &saved.error());
    }
    return Response::redirect("/bijdragen/" + std::to_string(*saved) + "?melding=opgeslagen");
}

}  // namespace

Response my_contributions(const ContributionCall& c) {
    auto mine = c.deps.contributions.mine(c.actor());
    if (!mine) return failure(c, mine.error());
    View list = View::list();
    for (const auto& s : *mine)
        list.push(View::object()
                      .set("url", "/bijdragen/" + std::to_string(s.id))
                      .set("title", s.title)
                      .set("type", std::string(domain::label(s.type)))
                      .set("status", status_label(s.status))
                      .set("updated", dutch_time(s.updated_at)));
    View v = View::object();
    v.set("title", std::string(core::msg("contributions.mine.title")));
    v.set("has_items", !list.empty_list()).set("items", list);
    return page(c, "contribution_list", std::move(v));
}

Response new_form(const ContributionCall& c) {
    domain::Item item;
    item.date = today();
    return form_page(c, item, "/bijdragen/nieuw", "contributions.new.title", false, nullptr);
}

Response new_submit(const ContributionCall& c) {
    return save_form(c, "/bijdragen/nieuw", "contributions.new.title",
                     [&](const domain::Item& item) { return c.deps.contributions.create(c.actor(), item); });
}

Response edit_form(const ContributionCall& c, domain::ContributionId id) {
    auto found = c.deps.contributions.contribution(c.actor(), id);
    if (!found) return failure(c, found.error());
    if (!services::can(c.actor(), services::Action::EditContribution,
                       services::Target::contribution(found->author, found->status)))
        return failure(c, services::forbidden());
    return form_page(c, found->content, "/bijdragen/" + std::to_string(id) + "/bewerken", "contributions.edit.title",
                     false, nullptr);
}

Response edit_submit(const ContributionCall& c, domain::ContributionId id) {
    return save_form(c, "/bijdragen/" + std::to_string(id) + "/bewerken", "contributions.edit.title",
                     [&](const domain::Item& item) -> core::Result<domain::ContributionId> {
                         if (auto updated = c.deps.contributions.update(c.actor(), id, item); !updated)
                             return core::fail(updated.error());
                         return id;
                     });
}

// The contribution page; `upload_error` fills the messages of the upload form.
Response contribution_page_with(const ContributionCall& c, domain::ContributionId id, const core::Error* upload_error) {
    auto found = c.deps.contributions.contribution(c.actor(), id);
    if (!found) return failure(c, found.error());
    const auto target = services::Target::contribution(found->author, found->status);
    const bool may_edit = services::can(c.actor(), services::Action::EditContribution, target);
    View v = content_view(c, found->content);
    v.set("heading", found->content.title);
    v.set("id", std::to_string(id));
    v.set("status", status_label(found->status));
    v.set("returned", found->status == ContributionStatus::Returned && !found->feedback.empty());
    v.set("feedback", found->feedback);
    v.set("published", found->status == ContributionStatus::Published);
    if (found->published_item) v.set("item_url", "/kennisbank/" + std::to_string(*found->published_item));
    v.set("may_edit", may_edit);
    v.set("may_submit", services::can(c.actor(), services::Action::SubmitContribution, target));
    v.set("may_review", services::can(c.actor(), services::Action::ReviewContribution, target));
    v.set("revisions", std::to_string(found->revision_count));
    View files = attachments_view(c, id, may_edit && found->status != ContributionStatus::Published);
    int status = 200;
    if (upload_error) {
        const auto& problems = upload_error->problems();
        const std::string reason = problems.empty() ? upload_error->message() : problems.front().reason;
        files.set("bijlage_fout", reason);
        v.set("has_errors", true);
        View errors = View::list();
        errors.push(View::object().set("id", "bijlage").set("reason", reason));
        v.set("errors", errors);
        status = form_status(*upload_error);
    }
    v.set("attachments", files);
    if (auto n = notice(c.request.param("melding")); !n.empty()) v.set("notice", n);
    return page(c, "contribution_view", std::move(v), status);
}

Response contribution_page(const ContributionCall& c, domain::ContributionId id) {
    return contribution_page_with(c, id, nullptr);
}

Response submit_for_review(const ContributionCall& c, domain::ContributionId id) {
    if (auto submitted = c.deps.contributions.submit(c.actor(), id); !submitted) return failure(c, submitted.error());
    return Response::redirect("/bijdragen/" + std::to_string(id) + "?melding=ingediend");
}

}  // namespace gezondin::web::contribution_detail
