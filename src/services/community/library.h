#pragma once
// "Mijn bibliotheek": a member's bookmarks and what they follow (a theme, a GALA goal or a
// municipality), and the weekly digest: one e-mail per member per ISO week listing the new
// kennisbank items that match what they follow. Building the digest twice in one week
// queues nothing the second time.

#include <string>
#include <vector>

#include "core/error.h"
#include "domain/follow.h"
#include "domain/taxonomy.h"
#include "services/community/clock.h"
#include "services/community/permissions.h"
#include "storage/community.h"
#include "storage/database.h"

namespace gezondin::services {

struct DigestReport {
    long queued = 0;           // e-mails queued now
    long already_sent = 0;     // recipients whose digest for this week was queued before
    long nothing_new = 0;      // recipients without new items
};

class Library {
public:
    Library(storage::CommunityDatabase& db, storage::ItemStore& items, const domain::Taxonomy& taxonomy,
            const Clock& clock, std::string base_url = "http://127.0.0.1:8080")
        : m_db(db), m_items(items), m_taxonomy(taxonomy), m_clock(clock), m_base_url(std::move(base_url)) {}

    core::Status bookmark(const Actor& actor, domain::ItemId item);
    core::Status remove_bookmark(const Actor& actor, domain::ItemId item);
    // The bookmarked items that still exist, newest bookmark first.
    core::Result<std::vector<domain::Item>> bookmarks(const Actor& actor);
    core::Result<bool> has_bookmark(const Actor& actor, domain::ItemId item);

    // `value`: a theme slug from the taxonomy, a goal "1".."7", or a municipality code.
    core::Status follow(const Actor& actor, domain::FollowKind kind, const std::string& value);
    core::Status unfollow(const Actor& actor, domain::FollowKind kind, const std::string& value);
    core::Result<std::vector<domain::Follow>> follows(const Actor& actor);
    core::Result<bool> is_following(const Actor& actor, domain::FollowKind kind, const std::string& value);

    // The member's choice for the weekly digest e-mail (off for a new account).
    core::Result<bool> weekly_digest(const Actor& actor);
    core::Status set_weekly_digest(const Actor& actor, bool wanted);

    // Queues this week's digest for every member who wants one: the items created in the
    // seven days before now. Run it from a weekly (or daily: it is idempotent) timer.
    core::Result<DigestReport> build_weekly_digest();

private:
    core::Status check_follow(domain::FollowKind kind, const std::string& value) const;

    storage::CommunityDatabase& m_db;
    storage::ItemStore& m_items;
    const domain::Taxonomy& m_taxonomy;
    const Clock& m_clock;
    std::string m_base_url;
};

}  // namespace gezondin::services
