#pragma once
// What a member follows to hear about new kennisbank items: a theme, a GALA goal or a
// municipality. The weekly digest lists new items that match any of them.

#include <optional>
#include <string>
#include <string_view>

#include "domain/timestamp.h"

namespace gezondin::domain {

enum class FollowKind { Theme, GalaGoal, Municipality };

struct Follow {
    FollowKind kind = FollowKind::Theme;
    std::string value;      // theme slug, goal number "1".."7", or municipality code "GM0363"
    Timestamp created_at = 0;
    friend bool operator==(const Follow&, const Follow&) = default;
};

std::string_view to_slug(FollowKind k);   // "theme", "goal", "municipality"
std::optional<FollowKind> follow_kind_from_slug(std::string_view s);

}  // namespace gezondin::domain
