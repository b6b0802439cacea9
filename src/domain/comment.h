#pragma once
// A comment or question (reactie) on a published kennisbank item, the flags members put on a
// comment they think breaks the rules, and the editor's hide/restore decision.

#include <cstdint>
#include <optional>
#include <string>

#include "domain/item.h"
#include "domain/timestamp.h"
#include "domain/user.h"

namespace gezondin::domain {

using CommentId = std::int64_t;

// Why and by whom a comment was hidden.
struct Moderation {
    std::string reason;     // Dutch, shown to the author and editors
    UserId editor = 0;
    Timestamp at = 0;
    friend bool operator==(const Moderation&, const Moderation&) = default;
};

struct Comment {
    CommentId id = 0;                       // 0 until stored
    ItemId item = 0;
    UserId author = 0;
    std::string body;                       // plain text (may hold line breaks)
    Timestamp created_at = 0;
    std::optional<Moderation> hidden;       // set while the comment is hidden
    long flag_count = 0;                    // read-only: filled by the store

    friend bool operator==(const Comment&, const Comment&) = default;
};

// A member's report that a comment breaks the rules; one per member per comment.
struct Flag {
    CommentId comment = 0;
    UserId user = 0;
    std::string reason;
    Timestamp created_at = 0;
    friend bool operator==(const Flag&, const Flag&) = default;
};

}  // namespace gezondin::domain
