// The versions of a contribution and the difference between two, and the editors' review:
// the queue, publishing and sending back with feedback.

#include "core/messages.h"
#include "services/community/input_rules.h"
#include "web/pages/contribution_internal.h"

namespace gezondin::web::contribution_detail {

namespace {

using domain::ContributionStatus;

constexpr long queue_page_size = 200;

std::string base(domain::ContributionId id) { return "/bijdragen/" + std::to_string(id); }

// The review page; `error` fills the messages of the feedback form.
Response review_with(const ContributionCall& c, domain::ContributionId id, const core::Error* error) {
    auto found = c.deps.contributions.contribution(c.actor(), id);
    if (!found) return failure(c, found.error());
    const auto target = services::Target::contribution(found->author, found->status);
    View v = content_view(c, found->content);
    v.set("heading", core::msg("contributions.review.heading", {found->content.title}));
    v.set("title", core::msg("contributions.review.heading", {found->content.title}));
    v.set("id", std::to_string(id));
    v.set("status", status_label(found->status));
    v.set("may_review", services::can(c.actor(), services::Action::ReviewContribution, target));
    v.set("own", c.session && c.session->user.id == found->author);
    v.set("f_feedback", c.field("feedback"));
    if (found->revision_count > 1)
        v.set("diff_url", base(id) + "/verschil?van=" + std::to_string(found->revision_count - 1) +
                              "&tot=" + std::to_string(found->revision_count));
    v.set("versions_url", base(id) + "/versies");
    v.set("attachments", attachments_view(c, id, false));
    int status = 200;
    if (error) {
        add_form_errors(v, *error, {{"feedback", "feedback", "feedback_fout"}});
        status = form_status(*error);
    }
    return page(c, "redactie_review", std::move(v), status);
}

std::string diff_kind(domain::DiffKind kind) {
    switch (kind) {
    case domain::DiffKind::Added: return "added";
    case domain::DiffKind::Removed: return "removed";
    case domain::DiffKind::Unchanged: return "same";
    }
    return "same";
}

}  // namespace

Response versions_page(const ContributionCall& c, domain::ContributionId id) {
    auto found = c.deps.contributions.contribution(c.actor(), id);
    if (!found) return failure(c, found.error());
    auto revisions = c.deps.contributions.revisions(c.actor(), id);
    if (!revisions) return failure(c, revisions.error());
    View list = View::list(), from = View::list(), to = View::list();
    const int last = static_cast<int>(revisions->size());
    for (const auto& r : *revisions) {
        const std::string n = std::to_string(r.number);
        View row = View::object()
                       .set("number", n)
                       .set("when", dutch_time(r.created_at))
                       .set("by", std::string(core::msg(r.author == found->author ? "contributions.versions.by_author"
                                                                                     : "contributions.versions.by_editor")))
                       .set("title", r.content.title);
        if (r.number > 1) row.set("diff_url", base(id) + "/verschil?van=" + std::to_string(r.number - 1) + "&tot=" + n);
        list.push(row);
        from.push(View::object().set("number", n).set("selected", r.number == std::max(1, last - 1)));
        to.push(View::object().set("number", n).set("selected", r.number == last));
    }
    View v = View::object();
    v.set("title", core::msg("contributions.versions.title", {found->content.title}));
    v.set("id", std::to_string(id));
    v.set("back", base(id));
    v.set("versions", list).set("from", from).set("to", to);
    v.set("can_compare", last > 1);
    return page(c, "contribution_versions", std::move(v));
}

Response diff_page(const ContributionCall& c, domain::ContributionId id) {
    auto from = positive_id(c.request.param("van")), to = positive_id(c.request.param("tot"));
    if (!from || !to)
        return failure(c, core::Error::invalid_input(std::string(core::msg("contributions.diff.bad_numbers"))));
    auto found = c.deps.contributions.contribution(c.actor(), id);
    if (!found) return failure(c, found.error());
    auto diff = c.deps.contributions.diff(c.actor(), id, static_cast<int>(*from), static_cast<int>(*to));
    if (!diff) return failure(c, diff.error());
    View lines = View::list();
    long added = 0, removed = 0;
    for (const auto& line : diff->body) {
        added += line.kind == domain::DiffKind::Added;
        removed += line.kind == domain::DiffKind::Removed;
        lines.push(View::object()
                       .set("kind", diff_kind(line.kind))
                       .set("added", line.kind == domain::DiffKind::Added)
                       .set("removed", line.kind == domain::DiffKind::Removed)
                       .set("text", line.text));
    }
    View v = View::object();
    v.set("title", core::msg("contributions.diff.title", {std::to_string(*from), std::to_string(*to)}));
    v.set("heading_item", found->content.title);
    v.set("back", base(id) + "/versies");
    v.set("lines", lines);
    v.set("summary", core::msg("contributions.diff.counts", {std::to_string(added), std::to_string(removed)}));
    v.set("title_changed", diff->title_changed);
    v.set("summary_changed", diff->summary_changed);
    v.set("other_changed", diff->other_fields_changed);
    v.set("unchanged", added == 0 && removed == 0);
    return page(c, "contribution_diff", std::move(v));
}

Response review_queue(const ContributionCall& c) {
    auto queue = c.deps.contributions.review_queue(c.actor(), 0, queue_page_size);
    if (!queue) return failure(c, queue.error());
    View list = View::list();
    for (const auto& s : *queue)
        list.push(View::object()
                      .set("url", "/redactie/" + std::to_string(s.id))
                      .set("title", s.title)
                      .set("type", std::string(domain::label(s.type)))
                      .set("updated", dutch_time(s.updated_at)));
    View v = View::object();
    v.set("title", std::string(core::msg("contributions.queue.title")));
    v.set("has_items", !list.empty_list()).set("items", list);
    const auto melding = c.request.param("melding");
    if (melding == "gepubliceerd" || melding == "teruggestuurd")
        v.set("notice", std::string(core::msg("contributions.notice." + std::string(melding))));
    return page(c, "redactie_queue", std::move(v));
}

Response review_page(const ContributionCall& c, domain::ContributionId id) { return review_with(c, id, nullptr); }

Response publish_submit(const ContributionCall& c, domain::ContributionId id) {
    if (auto published = c.deps.contributions.publish(c.actor(), id); !published) return failure(c, published.error());
    return Response::redirect("/redactie?melding=gepubliceerd");
}

Response return_submit(const ContributionCall& c, domain::ContributionId id) {
    auto returned = c.deps.contributions.return_to_author(c.actor(), id, c.field("feedback"));
    if (!returned) {
        if (returned.error().code() != core::ErrorCode::InvalidInput) return failure(c, returned.error());
        return review_with(c, id, &returned.error());
    }
    return Response::redirect("/redactie?melding=teruggestuurd");
}

}  // namespace gezondin::web::contribution_detail
