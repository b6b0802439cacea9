#include "services/community/contributions.h"

#include "core/messages.h"
#include "services/community/input_rules.h"

namespace gezondin::services {

namespace {

using domain::ContributionStatus;

domain::AuditEntry audit_of(const Actor& actor, domain::Timestamp at, std::string action, domain::ContributionId id,
                            std::string detail = "") {
    return {0, at, actor.user.value_or(0), std::move(action), "contribution:" + std::to_string(id), std::move(detail)};
}

}  // namespace

Contributions::Contributions(storage::CommunityDatabase& db, storage::ItemStore& items, const domain::Taxonomy& taxonomy,
                             const Clock& clock, std::function<void()> after_publish)
    : m_db(db), m_items(items), m_taxonomy(taxonomy), m_clock(clock), m_after_publish(std::move(after_publish)) {}

core::Status Contributions::check_content(const domain::Item& content) const {
    InputCheck check;
    if (!domain::is_contributable(content.type))
        check.problem("type", std::string(core::msg("community.contribution.bad_type")));
    check.text(content.title, {"title", max_title_bytes, Lines::Single, true});
    check.text(content.summary, {"summary", max_summary_bytes, Lines::Multi, false});
    check.text(content.body, {"body", max_body_bytes, Lines::Multi, false});
    for (const auto& l : content.links) {
        check.text(l.url, {"links", 2000, Lines::Single, true});
        check.text(l.title, {"links", max_title_bytes, Lines::Single, false});
    }
    if (!check.ok()) return check.result();
    domain::Item probe = content;
    probe.external_id = domain::contribution_external_id(0);
    if (auto problems = domain::validate(probe, m_taxonomy); !problems.empty())
        return core::fail(core::Error::invalid_input(std::string(core::msg("community.input.rejected")), problems));
    return {};
}

core::Result<domain::Contribution> Contributions::load_for(const Actor& actor, Action action, domain::ContributionId id) {
    if (!actor.logged_in()) return core::fail(login_required());
    auto c = m_db.contribution(id);
    if (!c) return core::fail(c.error());
    if (!can(actor, action, Target::contribution(c->author, c->status))) {
        // Someone who may not even see it learns nothing about its existence.
        if (!can(actor, Action::ViewContribution, Target::contribution(c->author, c->status)))
            return core::fail(core::Error::not_found(std::string(core::msg("community.store.contribution")),
                                                     std::to_string(id)));
        return core::fail(forbidden());
    }
    return c;
}

core::Result<domain::ContributionId> Contributions::create(const Actor& actor, const domain::Item& content,
                                                           std::optional<domain::OrganisationId> organisation) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::CreateContribution, Target::owned_by(*actor.user))) return core::fail(forbidden());
    if (auto ok = check_content(content); !ok) return core::fail(ok.error());
    if (organisation && !domain::at_least(actor.role, domain::Role::Beheerder)) {
        auto member = m_db.is_member(*organisation, *actor.user);
        if (!member) return core::fail(member.error());
        if (!*member)
            return core::fail(InputCheck().problem("organisation", std::string(core::msg("community.organisation.not_member")))
                                  .result()
                                  .error());
    }
    domain::Contribution c;
    c.author = *actor.user;
    c.organisation = organisation;
    c.status = ContributionStatus::Draft;
    c.content = content;
    return m_db.create_contribution(c, m_clock.now());
}

core::Status Contributions::update(const Actor& actor, domain::ContributionId id, const domain::Item& content) {
    auto c = load_for(actor, Action::EditContribution, id);
    if (!c) return core::fail(c.error());
    if (auto ok = check_content(content); !ok) return ok;
    const bool published = c->status == ContributionStatus::Published;
    std::optional<domain::ItemId> item;
    if (published) {
        auto written = write_item(*c, content);
        if (!written) return core::fail(written.error());
        item = *written;
    }
    storage::ContributionChange change{id, c->status, c->status, c->feedback, content, item, *actor.user, m_clock.now()};
    storage::Audit audit;
    if (*actor.user != c->author) audit = audit_of(actor, change.at, "contribution.edit", id);
    if (auto changed = m_db.change_contribution(change, audit); !changed) return changed;
    if (published && m_after_publish) m_after_publish();
    return {};
}

core::Status Contributions::submit(const Actor& actor, domain::ContributionId id) {
    auto c = load_for(actor, Action::SubmitContribution, id);
    if (!c) return core::fail(c.error());
    return m_db.change_contribution(
        {id, c->status, ContributionStatus::Submitted, c->feedback, std::nullopt, std::nullopt, *actor.user, m_clock.now()},
        std::nullopt);
}

core::Result<domain::ItemId> Contributions::write_item(const domain::Contribution& c, const domain::Item& content) {
    domain::Item item = content;
    item.id = 0;
    item.external_id = domain::contribution_external_id(c.id);
    auto outcome = m_items.upsert_items({item});
    if (!outcome) return core::fail(outcome.error());
    return outcome->at(0).id;
}

core::Result<domain::ItemId> Contributions::publish(const Actor& actor, domain::ContributionId id) {
    auto c = load_for(actor, Action::ReviewContribution, id);
    if (!c) return core::fail(c.error());
    if (auto ok = check_content(c->content); !ok) return core::fail(ok.error());
    auto item = write_item(*c, c->content);
    if (!item) return core::fail(item.error());
    const auto now = m_clock.now();
    if (auto changed = m_db.change_contribution(
            {id, ContributionStatus::Submitted, ContributionStatus::Published, "", std::nullopt, *item, *actor.user, now},
            audit_of(actor, now, "contribution.publish", id, "item:" + std::to_string(*item)));
        !changed)
        return core::fail(changed.error());
    if (m_after_publish) m_after_publish();
    notify_author(*c, "published", "");
    return *item;
}

core::Status Contributions::return_to_author(const Actor& actor, domain::ContributionId id, const std::string& feedback) {
    auto c = load_for(actor, Action::ReviewContribution, id);
    if (!c) return core::fail(c.error());
    if (auto ok = InputCheck().text(feedback, {"feedback", max_feedback_bytes, Lines::Multi, true}).result(); !ok) return ok;
    const auto now = m_clock.now();
    if (auto changed = m_db.change_contribution(
            {id, ContributionStatus::Submitted, ContributionStatus::Returned, feedback, std::nullopt, std::nullopt,
             *actor.user, now},
            audit_of(actor, now, "contribution.return", id));
        !changed)
        return changed;
    notify_author(*c, "returned", feedback);
    return {};
}

void Contributions::notify_author(const domain::Contribution& c, std::string_view kind, const std::string& extra) {
    auto author = m_db.user(c.author);
    if (!author || author->status != domain::UserStatus::Active) return;
    const std::string prefix = "community.mail." + std::string(kind);
    std::string body = core::msg("community.mail.greeting", {author->name}) + "\n\n" +
                       core::msg(prefix + ".body", {c.content.title});
    if (!extra.empty()) body += "\n\n" + extra;
    body += "\n\n" + std::string(core::msg("community.mail.signature")) + "\n";
    // Best effort: the review is done whether or not the e-mail could be queued.
    (void)m_db.enqueue_message({author->id, author->email, std::string(core::msg(prefix + ".subject")), body},
                               m_clock.now());
}

core::Result<domain::Contribution> Contributions::contribution(const Actor& actor, domain::ContributionId id) {
    return load_for(actor, Action::ViewContribution, id);
}

core::Result<std::vector<storage::ContributionSummary>> Contributions::mine(const Actor& actor) {
    if (!actor.logged_in()) return core::fail(login_required());
    return m_db.contributions_by_author(*actor.user);
}

core::Result<std::vector<storage::ContributionSummary>> Contributions::review_queue(const Actor& actor, long offset,
                                                                                    long limit) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!domain::at_least(actor.role, domain::Role::Redacteur)) return core::fail(forbidden());
    return m_db.contributions_with_status(ContributionStatus::Submitted, offset, limit);
}

core::Result<std::vector<domain::Revision>> Contributions::revisions(const Actor& actor, domain::ContributionId id) {
    auto c = load_for(actor, Action::ViewRevisions, id);
    if (!c) return core::fail(c.error());
    return m_db.revisions(id);
}

core::Result<RevisionDiff> Contributions::diff(const Actor& actor, domain::ContributionId id, int from, int to) {
    auto c = load_for(actor, Action::ViewRevisions, id);
    if (!c) return core::fail(c.error());
    auto a = m_db.revision(id, from);
    if (!a) return core::fail(a.error());
    auto b = m_db.revision(id, to);
    if (!b) return core::fail(b.error());
    RevisionDiff d{from, to, domain::diff_lines(a->content.body, b->content.body), a->content.title != b->content.title,
                   a->content.summary != b->content.summary, false};
    domain::Item x = a->content, y = b->content;
    x.title = y.title, x.summary = y.summary, x.body = y.body;
    d.other_fields_changed = !x.same_content(y);
    return d;
}

}  // namespace gezondin::services
