#include "domain/follow.h"

namespace gezondin::domain {

std::string_view to_slug(FollowKind k) {
    switch (k) {
    case FollowKind::Theme: return "theme";
    case FollowKind::GalaGoal: return "goal";
    case FollowKind::Municipality: return "municipality";
    }
    return "theme";
}

std::optional<FollowKind> follow_kind_from_slug(std::string_view s) {
    for (auto k : {FollowKind::Theme, FollowKind::GalaGoal, FollowKind::Municipality})
        if (to_slug(k) == s) return k;
    return std::nullopt;
}

}  // namespace gezondin::domain
