#pragma once
// Contributions of praktijkvoorbeelden and instruments by members, and their review by
// editors: draft -> submitted -> published, or returned with feedback. Every save of the
// content keeps a revision; editors (and the author) compare revisions as a line diff of the
// Markdown body. Publishing writes the item to the kennisbank (ItemStore::upsert_items,
// external id "bijdrage-<id>") and then calls `after_publish` (e.g. Kennisbank::sync_index),
// also after an editor edits a published contribution.
//
// Publishing touches two stores: the item is written first, then the contribution is marked
// published. If the second step fails the item exists but the contribution stays submitted;
// publishing again is safe (the upsert is keyed on the external id).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/contribution.h"
#include "domain/taxonomy.h"
#include "services/community/clock.h"
#include "services/community/permissions.h"
#include "storage/community.h"
#include "storage/database.h"

namespace gezondin::services {

struct RevisionDiff {
    int from = 0, to = 0;
    std::vector<domain::DiffLine> body;   // the Markdown body, line by line
    bool title_changed = false, summary_changed = false, other_fields_changed = false;
};

class Contributions {
public:
    Contributions(storage::CommunityDatabase& db, storage::ItemStore& items, const domain::Taxonomy& taxonomy,
                  const Clock& clock, std::function<void()> after_publish = {});

    // A new draft. `content.type` must be praktijkvoorbeeld or instrument; the content is
    // checked like any kennisbank item (title, vocabularies, links) plus the input rules.
    // With an organisation the author must be a member of it.
    core::Result<domain::ContributionId> create(const Actor& actor, const domain::Item& content,
                                                std::optional<domain::OrganisationId> organisation = std::nullopt);
    // New content (a new revision). Authors: while draft or returned. Editors: any time; on a
    // published contribution the kennisbank item is updated too.
    core::Status update(const Actor& actor, domain::ContributionId id, const domain::Item& content);
    core::Status submit(const Actor& actor, domain::ContributionId id);
    core::Result<domain::ItemId> publish(const Actor& actor, domain::ContributionId id);
    core::Status return_to_author(const Actor& actor, domain::ContributionId id, const std::string& feedback);

    core::Result<domain::Contribution> contribution(const Actor& actor, domain::ContributionId id);
    core::Result<std::vector<storage::ContributionSummary>> mine(const Actor& actor);
    // Submitted contributions, oldest first (editors).
    core::Result<std::vector<storage::ContributionSummary>> review_queue(const Actor& actor, long offset, long limit);
    core::Result<std::vector<domain::Revision>> revisions(const Actor& actor, domain::ContributionId id);
    core::Result<RevisionDiff> diff(const Actor& actor, domain::ContributionId id, int from, int to);

private:
    core::Status check_content(const domain::Item& content) const;
    core::Result<domain::Contribution> load_for(const Actor& actor, Action action, domain::ContributionId id);
    core::Result<domain::ItemId> write_item(const domain::Contribution& c, const domain::Item& content);
    void notify_author(const domain::Contribution& c, std::string_view kind, const std::string& extra);

    storage::CommunityDatabase& m_db;
    storage::ItemStore& m_items;
    const domain::Taxonomy& m_taxonomy;
    const Clock& m_clock;
    std::function<void()> m_after_publish;
};

}  // namespace gezondin::services
