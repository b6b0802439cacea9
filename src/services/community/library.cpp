#include "services/community/library.h"

#include <algorithm>

#include "core/messages.h"
#include "services/community/input_rules.h"

namespace gezondin::services {

namespace {

core::Result<domain::UserId> owner(const Actor& actor) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::ManageLibrary, Target::owned_by(*actor.user))) return core::fail(forbidden());
    return *actor.user;
}

}  // namespace

core::Status Library::bookmark(const Actor& actor, domain::ItemId item) {
    auto user = owner(actor);
    if (!user) return core::fail(user.error());
    return m_db.add_bookmark(*user, item, m_clock.now());
}

core::Status Library::remove_bookmark(const Actor& actor, domain::ItemId item) {
    auto user = owner(actor);
    if (!user) return core::fail(user.error());
    return m_db.remove_bookmark(*user, item);
}

core::Result<std::vector<domain::Item>> Library::bookmarks(const Actor& actor) {
    auto user = owner(actor);
    if (!user) return core::fail(user.error());
    auto marks = m_db.bookmarks(*user);
    if (!marks) return core::fail(marks.error());
    std::vector<domain::ItemId> ids;
    for (const auto& b : *marks) ids.push_back(b.item);
    return m_items.items_by_ids(ids);
}

core::Result<bool> Library::has_bookmark(const Actor& actor, domain::ItemId item) {
    auto user = owner(actor);
    if (!user) return core::fail(user.error());
    auto marks = m_db.bookmarks(*user);
    if (!marks) return core::fail(marks.error());
    return std::any_of(marks->begin(), marks->end(), [&](const storage::Bookmark& b) { return b.item == item; });
}

core::Status Library::check_follow(domain::FollowKind kind, const std::string& value) const {
    bool ok = false;
    switch (kind) {
    case domain::FollowKind::Theme: ok = m_taxonomy.theme(value) != nullptr; break;
    case domain::FollowKind::GalaGoal:
        ok = value.size() == 1 && value[0] >= '1' && value[0] <= '7';
        break;
    case domain::FollowKind::Municipality: ok = domain::is_municipality_code(value); break;
    }
    if (ok) return {};
    return InputCheck().problem("value", std::string(core::msg("community.follow.unknown"))).result();
}

core::Status Library::follow(const Actor& actor, domain::FollowKind kind, const std::string& value) {
    auto user = owner(actor);
    if (!user) return core::fail(user.error());
    if (auto ok = check_follow(kind, value); !ok) return ok;
    return m_db.follow(*user, {kind, value, m_clock.now()});
}

core::Status Library::unfollow(const Actor& actor, domain::FollowKind kind, const std::string& value) {
    auto user = owner(actor);
    if (!user) return core::fail(user.error());
    return m_db.unfollow(*user, kind, value);
}

core::Result<std::vector<domain::Follow>> Library::follows(const Actor& actor) {
    auto user = owner(actor);
    if (!user) return core::fail(user.error());
    return m_db.follows(*user);
}

core::Result<bool> Library::is_following(const Actor& actor, domain::FollowKind kind, const std::string& value) {
    auto all = follows(actor);
    if (!all) return core::fail(all.error());
    return std::any_of(all->begin(), all->end(),
                       [&](const domain::Follow& f) { return f.kind == kind && f.value == value; });
}

core::Result<bool> Library::weekly_digest(const Actor& actor) {
    auto user = owner(actor);
    if (!user) return core::fail(user.error());
    auto record = m_db.user(*user);
    if (!record) return core::fail(record.error());
    return record->weekly_digest;
}

core::Status Library::set_weekly_digest(const Actor& actor, bool wanted) {
    auto user = owner(actor);
    if (!user) return core::fail(user.error());
    return m_db.set_weekly_digest(*user, wanted);
}

core::Result<DigestReport> Library::build_weekly_digest() {
    const auto now = m_clock.now();
    const std::string week = domain::iso_week(now);
    auto recipients = m_db.digest_recipients();
    if (!recipients) return core::fail(recipients.error());
    DigestReport report;
    for (const auto& user : *recipients) {
        auto ids = m_db.new_items_followed_by(user.id, now - 7L * 86400, now + 1);
        if (!ids) return core::fail(ids.error());
        if (ids->empty()) {
            ++report.nothing_new;
            continue;
        }
        auto items = m_items.items_by_ids(*ids);
        if (!items) return core::fail(items.error());
        std::string body = core::msg("community.mail.greeting", {user.name}) + "\n\n" +
                           std::string(core::msg("community.mail.digest.body")) + "\n\n";
        for (const auto& item : *items) body += "- " + item.title + "\n  " + m_base_url + domain::item_path(item) + "\n";
        body += "\n" + core::msg("library.mail.digest_stop", {m_base_url + "/bibliotheek"}) + "\n\n" +
                std::string(core::msg("community.mail.signature")) + "\n";
        storage::NewMessage mail{user.id, user.email, core::msg("community.mail.digest.subject", {week}), body};
        auto queued = m_db.enqueue_digest(user.id, week, mail, now);
        if (!queued) return core::fail(queued.error());
        ++(*queued ? report.queued : report.already_sent);
    }
    return report;
}

}  // namespace gezondin::services
