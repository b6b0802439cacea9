#pragma once
// A member's contribution (bijdrage) of a praktijkvoorbeeld or instrument. It moves
//   Draft -> Submitted -> Published, or Submitted -> Returned (with the editor's feedback)
//   -> Submitted again; a published contribution may be edited and published again.
// Its content is a domain::Item; publishing writes that item to the kennisbank under the
// external id "bijdrage-<id>". Every change of the content keeps a numbered revision.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/item.h"
#include "domain/organisation.h"
#include "domain/timestamp.h"
#include "domain/user.h"

namespace gezondin::domain {

using ContributionId = std::int64_t;

enum class ContributionStatus { Draft, Submitted, Published, Returned };

struct Contribution {
    ContributionId id = 0;                         // 0 until stored
    UserId author = 0;
    std::optional<OrganisationId> organisation;    // on whose behalf, if any
    ContributionStatus status = ContributionStatus::Draft;
    std::string feedback;                          // the editor's note when Returned
    Item content;                                  // id, external_id and timestamps unused
    std::optional<ItemId> published_item;          // the kennisbank item once published
    int revision_count = 0;                        // read-only: filled by the store
    Timestamp created_at = 0;
    Timestamp updated_at = 0;
};

// One saved version of the content.
struct Revision {
    int number = 0;               // 1, 2, 3, ... per contribution
    UserId author = 0;            // who saved it (the member or an editor)
    Timestamp created_at = 0;
    Item content;
};

std::string_view to_slug(ContributionStatus s);   // "draft", "submitted", "published", "returned"
std::optional<ContributionStatus> contribution_status_from_slug(std::string_view s);

// Only praktijkvoorbeelden and instruments are contributed by members.
bool is_contributable(ItemType type);

// The kennisbank external id of a published contribution: "bijdrage-<id>".
std::string contribution_external_id(ContributionId id);

// --- Line diff ---------------------------------------------------------------------------

enum class DiffKind { Unchanged, Removed, Added };

struct DiffLine {
    DiffKind kind = DiffKind::Unchanged;
    std::string text;   // the line without its line break
    friend bool operator==(const DiffLine&, const DiffLine&) = default;
};

// The lines of `before` and `after` (split on '\n'; a trailing "\r" is kept as part of the
// line) as a shortest edit script: removed lines come before the added lines that replace
// them. Uses Myers' O((N+M)·D) algorithm after stripping the common head and tail; when the
// changed middle needs more than `max_edits` edits the middle is reported as all removed and
// then all added (still correct, no longer minimal), which bounds time and memory.
std::vector<DiffLine> diff_lines(std::string_view before, std::string_view after, int max_edits = 2000);

}  // namespace gezondin::domain
