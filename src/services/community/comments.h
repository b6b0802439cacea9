#pragma once
// Comments and questions on published kennisbank items. Members comment and flag others'
// comments; editors hide a comment with a reason (recorded in the audit log) or restore it.
// Hidden comments are left out for everyone but editors.

#include <string>
#include <vector>

#include "core/error.h"
#include "domain/comment.h"
#include "services/community/clock.h"
#include "services/community/permissions.h"
#include "storage/community.h"

namespace gezondin::services {

struct CommentView {
    domain::Comment comment;
    std::string author_name;   // "voormalig lid" for a deleted account
};

class Comments {
public:
    Comments(storage::CommunityDatabase& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    // NotFound when the item does not exist.
    core::Result<domain::CommentId> add(const Actor& actor, domain::ItemId item, const std::string& body);
    // Oldest first; editors also get hidden ones (with their moderation).
    core::Result<std::vector<CommentView>> on_item(const Actor& actor, domain::ItemId item);
    // Conflict when the actor flagged this comment before; Forbidden on one's own comment.
    core::Status flag(const Actor& actor, domain::CommentId id, const std::string& reason);
    core::Status hide(const Actor& actor, domain::CommentId id, const std::string& reason);
    core::Status restore(const Actor& actor, domain::CommentId id);
    // Visible comments with flags, most flagged first (editors).
    core::Result<std::vector<CommentView>> moderation_queue(const Actor& actor, long limit = 100);
    core::Result<std::vector<domain::Flag>> flags(const Actor& actor, domain::CommentId id);

private:
    core::Result<std::vector<CommentView>> with_names(std::vector<domain::Comment> comments);

    storage::CommunityDatabase& m_db;
    const Clock& m_clock;
};

}  // namespace gezondin::services
