#include "services/community/comments.h"

#include <map>
#include <set>

#include "core/messages.h"
#include "services/community/input_rules.h"

namespace gezondin::services {

core::Result<domain::CommentId> Comments::add(const Actor& actor, domain::ItemId item, const std::string& body) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::AddComment, Target::owned_by(*actor.user))) return core::fail(forbidden());
    if (auto ok = InputCheck().text(body, {"body", max_comment_bytes, Lines::Multi, true}).result(); !ok)
        return core::fail(ok.error());
    domain::Comment c;
    c.item = item;
    c.author = *actor.user;
    c.body = body;
    c.created_at = m_clock.now();
    auto id = m_db.add_comment(c);
    if (id) m_generation.fetch_add(1, std::memory_order_acq_rel);
    return id;
}

core::Result<std::vector<CommentView>> Comments::with_names(std::vector<domain::Comment> comments) {
    std::map<domain::UserId, std::string> names;
    std::vector<CommentView> out;
    for (auto& c : comments) {
        auto it = names.find(c.author);
        if (it == names.end()) {
            auto user = m_db.user(c.author);
            if (!user) return core::fail(user.error());
            it = names.emplace(c.author, domain::display_name(*user)).first;
        }
        out.push_back({std::move(c), it->second, false});
    }
    return out;
}

core::Result<std::vector<CommentView>> Comments::on_item(const Actor& actor, domain::ItemId item) {
    const bool editor = can(actor, Action::ModerateComment, Target::none());
    auto comments = m_db.comments_on(item, editor);
    if (!comments) return core::fail(comments.error());
    return with_names(std::move(*comments));
}

core::Result<std::vector<CommentView>> Comments::for_page(const Actor& actor, domain::ItemId item) {
    const bool editor = can(actor, Action::ModerateComment, Target::none());
    auto comments = m_db.comments_on(item, true);
    if (!comments) return core::fail(comments.error());
    for (auto& c : *comments) {
        if (editor || !c.hidden) continue;
        c.body.clear();
        if (actor.user != c.author) c.hidden->reason.clear();
        c.hidden->editor = 0;
    }
    auto views = with_names(std::move(*comments));
    if (!views || !actor.logged_in()) return views;
    auto mine = m_db.flags_by(*actor.user);
    if (!mine) return core::fail(mine.error());
    std::set<domain::CommentId> flagged;
    for (const auto& f : *mine) flagged.insert(f.comment);
    for (auto& v : *views) v.flagged_by_actor = flagged.contains(v.comment.id);
    return views;
}

core::Result<domain::ItemId> Comments::item_of(domain::CommentId id) {
    auto c = m_db.comment(id);
    if (!c) return core::fail(c.error());
    return c->item;
}

core::Status Comments::flag(const Actor& actor, domain::CommentId id, const std::string& reason) {
    if (!actor.logged_in()) return core::fail(login_required());
    auto c = m_db.comment(id);
    if (!c) return core::fail(c.error());
    if (!can(actor, Action::FlagComment, Target::owned_by(c->author))) return core::fail(forbidden());
    if (auto ok = InputCheck().text(reason, {"reason", max_reason_bytes, Lines::Multi, false}).result(); !ok) return ok;
    return m_db.flag_comment({id, *actor.user, reason, m_clock.now()});
}

core::Status Comments::hide(const Actor& actor, domain::CommentId id, const std::string& reason) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::ModerateComment, Target::none())) return core::fail(forbidden());
    if (auto ok = InputCheck().text(reason, {"reason", max_reason_bytes, Lines::Multi, true}).result(); !ok) return ok;
    const auto now = m_clock.now();
    auto hidden = m_db.set_comment_hidden(id, domain::Moderation{reason, *actor.user, now},
                                          domain::AuditEntry{0, now, *actor.user, "comment.hide",
                                                             "comment:" + std::to_string(id), reason});
    if (hidden) m_generation.fetch_add(1, std::memory_order_acq_rel);
    return hidden;
}

core::Status Comments::restore(const Actor& actor, domain::CommentId id) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::ModerateComment, Target::none())) return core::fail(forbidden());
    const auto now = m_clock.now();
    auto restored = m_db.set_comment_hidden(id, std::nullopt,
                                            domain::AuditEntry{0, now, *actor.user, "comment.restore",
                                                               "comment:" + std::to_string(id), ""});
    if (restored) m_generation.fetch_add(1, std::memory_order_acq_rel);
    return restored;
}

core::Result<std::vector<CommentView>> Comments::moderation_queue(const Actor& actor, long limit) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::ModerateComment, Target::none())) return core::fail(forbidden());
    auto comments = m_db.flagged_comments(limit);
    if (!comments) return core::fail(comments.error());
    return with_names(std::move(*comments));
}

core::Result<std::vector<domain::Flag>> Comments::flags(const Actor& actor, domain::CommentId id) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::ModerateComment, Target::none())) return core::fail(forbidden());
    return m_db.flags_on(id);
}

}  // namespace gezondin::services
