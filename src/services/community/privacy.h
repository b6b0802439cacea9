#pragma once
// The member's rights under the AVG (GDPR): download all own data as JSON, and delete the
// account. Deleting removes the personal data (name, e-mail address, password hash,
// sessions, links, bookmarks, follows, memberships, flags, queued e-mails) and the
// contributions that were never published, with their attachments; published contributions
// and comments stay under "voormalig lid" unless the member asks to remove them too, in which
// case their kennisbank items are deleted as well.

#include <functional>
#include <string>

#include "core/error.h"
#include "services/community/clock.h"
#include "services/community/permissions.h"
#include "storage/community.h"
#include "storage/database.h"
#include "storage/scenarios.h"

namespace gezondin::services {

class Attachments;

enum class ContributionsOnDelete { Keep, Remove };

class Privacy {
public:
    // `after_items_removed` runs when kennisbank items were deleted (e.g. Kennisbank::sync_index).
    Privacy(storage::CommunityDatabase& db, storage::ItemStore& items, const Clock& clock,
            std::function<void()> after_items_removed = {})
        : m_db(db), m_items(items), m_clock(clock), m_after_items_removed(std::move(after_items_removed)) {}

    // Everything stored about the actor, as one JSON document (UTF-8, pretty-printed).
    core::Result<std::string> export_json(const Actor& actor);
    core::Result<storage::Erasure> delete_account(const Actor& actor, ContributionsOnDelete contributions);
    // The same for another account, by a beheerder (or the operator on the command line, see
    // operator_actor()); recorded in the audit log. NotFound for an unknown or deleted account.
    core::Result<storage::Erasure> delete_user(const Actor& actor, domain::UserId user, ContributionsOnDelete contributions);

    // Runs after every account that was erased (e.g. so cached pages stop showing its name).
    void set_after_erase(std::function<void()> after_erase) { m_after_erase = std::move(after_erase); }
    // The saved calculator scenarios (ongelijk investeren) belong to the download too.
    void set_scenarios(storage::ScenarioStore* scenarios) { m_scenarios = scenarios; }
    // With attachments set, the stored files of the removed contributions go at once (when no
    // other attachment shares them); without, the server's hourly clean-up takes them.
    void set_attachments(Attachments* attachments) { m_attachments = attachments; }

private:
    core::Result<storage::Erasure> erase(domain::UserId user, ContributionsOnDelete contributions);

    storage::CommunityDatabase& m_db;
    storage::ItemStore& m_items;
    const Clock& m_clock;
    std::function<void()> m_after_items_removed;
    std::function<void()> m_after_erase;
    storage::ScenarioStore* m_scenarios = nullptr;
    Attachments* m_attachments = nullptr;
};

}  // namespace gezondin::services
