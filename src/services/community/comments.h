#pragma once
// Comments and questions on published kennisbank items. Members comment and flag others'
// comments; editors hide a comment with a reason (recorded in the audit log) or restore it.
// Hidden comments are left out for everyone but editors, or (for_page) shown without their text.

#include <atomic>
#include <cstdint>
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
    bool flagged_by_actor = false;   // for_page: the asking member flagged this comment before
};

class Comments {
public:
    Comments(storage::CommunityDatabase& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    // NotFound when the item does not exist.
    core::Result<domain::CommentId> add(const Actor& actor, domain::ItemId item, const std::string& body);
    // Oldest first; editors also get hidden ones (with their moderation).
    core::Result<std::vector<CommentView>> on_item(const Actor& actor, domain::ItemId item);
    // Every comment, oldest first, for the item page. For those who may not moderate, a hidden
    // comment comes without its text, and without the reason unless the actor wrote it, so
    // the page can say where a comment was hidden without showing it.
    core::Result<std::vector<CommentView>> for_page(const Actor& actor, domain::ItemId item);
    // The item a comment is on (NotFound when the comment does not exist).
    core::Result<domain::ItemId> item_of(domain::CommentId id);
    // Conflict when the actor flagged this comment before; Forbidden on one's own comment.
    core::Status flag(const Actor& actor, domain::CommentId id, const std::string& reason);
    core::Status hide(const Actor& actor, domain::CommentId id, const std::string& reason);
    core::Status restore(const Actor& actor, domain::CommentId id);
    // Visible comments with flags, most flagged first (editors).
    core::Result<std::vector<CommentView>> moderation_queue(const Actor& actor, long limit = 100);
    core::Result<std::vector<domain::Flag>> flags(const Actor& actor, domain::CommentId id);

    // Moves after every change through this object that an anonymous reader can see (add,
    // hide, restore), after the change is stored: a page cache keyed on it never keeps a page
    // older than the change. Changes made by another process are not seen.
    std::int64_t generation() const { return m_generation.load(std::memory_order_acquire); }
    // Moves the generation for a change made elsewhere that readers see with the comments: an
    // author's new name, a deleted account. Call it after that change is stored.
    void note_change() { m_generation.fetch_add(1, std::memory_order_acq_rel); }

private:
    core::Result<std::vector<CommentView>> with_names(std::vector<domain::Comment> comments);

    storage::CommunityDatabase& m_db;
    const Clock& m_clock;
    std::atomic<std::int64_t> m_generation{0};
};

}  // namespace gezondin::services
