#include "services/community/privacy.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "domain/taxonomy.h"
#include "services/community/attachments.h"
#include "services/community/input_rules.h"

namespace gezondin::services {

namespace {

using nlohmann::json;

json to_json(const domain::Item& c) {
    json links = json::array();
    for (const auto& l : c.links) links.push_back({{"url", l.url}, {"titel", l.title}});
    return {{"type", domain::to_slug(c.type)}, {"titel", c.title},      {"samenvatting", c.summary},
            {"tekst", c.body},                 {"datum", c.date.to_string()}, {"themas", c.themes},
            {"gala_doelen", c.gala_goals},     {"sporen", c.tracks},    {"niveau", domain::to_slug(c.level)},
            {"gemeente", c.municipality_code}, {"links", links}};
}

std::string when(domain::Timestamp t) { return domain::to_iso8601(t); }

// Each part reads one store; a failure ends the export with that error.
struct Exporter {
    json out = json::object();
    std::optional<core::Error> error;

    template <typename T, typename F>
    void part(const char* key, core::Result<T> result, F&& convert) {
        if (error) return;
        if (!result) {
            error = result.error();
            return;
        }
        json list = json::array();
        for (const auto& x : *result) list.push_back(convert(x));
        out[key] = std::move(list);
    }
};

}  // namespace

core::Result<std::string> Privacy::export_json(const Actor& actor) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::ManageOwnAccount, Target::owned_by(*actor.user))) return core::fail(forbidden());
    auto user = m_db.user(*actor.user);
    if (!user) return core::fail(user.error());
    Exporter e;
    e.out["account"] = {{"id", user->id},
                        {"naam", user->name},
                        {"e-mailadres", user->email},
                        {"rol", domain::to_slug(user->role)},
                        {"status", domain::to_slug(user->status)},
                        {"wekelijkse_samenvatting", user->weekly_digest},
                        {"aangemaakt", when(user->created_at)}};
    e.part("sessies", m_db.sessions_of(user->id), [](const storage::SessionRecord& s) {
        return json{{"begonnen", when(s.created_at)}, {"laatst_gezien", when(s.last_seen_at)},
                    {"verloopt", when(s.expires_at)}, {"browser", s.user_agent}, {"ip_adres", s.ip}};
    });
    e.part("lidmaatschappen", m_db.memberships_of(user->id), [&](const domain::Membership& m) {
        auto org = m_db.organisation(m.organisation);
        return json{{"organisatie_id", m.organisation}, {"organisatie", org ? org->name : ""}, {"sinds", when(m.joined_at)}};
    });
    e.part("bijdragen", m_db.contributions_by_author(user->id), [&](const storage::ContributionSummary& s) {
        json j{{"id", s.id}, {"status", domain::to_slug(s.status)}, {"titel", s.title}, {"gewijzigd", when(s.updated_at)}};
        if (auto c = m_db.contribution(s.id)) {
            j["inhoud"] = to_json(c->content);
            j["feedback"] = c->feedback;
        }
        if (auto revs = m_db.revisions(s.id)) {
            json list = json::array();
            for (const auto& r : *revs)
                if (r.author == user->id) list.push_back({{"nummer", r.number}, {"opgeslagen", when(r.created_at)}, {"inhoud", to_json(r.content)}});
            j["versies"] = std::move(list);
        }
        return j;
    });
    e.part("reacties", m_db.comments_by(user->id), [](const domain::Comment& c) {
        return json{{"id", c.id}, {"item_id", c.item}, {"tekst", c.body}, {"geplaatst", when(c.created_at)},
                    {"verborgen", c.hidden.has_value()}, {"reden_verborgen", c.hidden ? c.hidden->reason : ""}};
    });
    e.part("meldingen", m_db.flags_by(user->id), [](const domain::Flag& f) {
        return json{{"reactie_id", f.comment}, {"reden", f.reason}, {"gemeld", when(f.created_at)}};
    });
    e.part("bladwijzers", m_db.bookmarks(user->id), [](const storage::Bookmark& b) {
        return json{{"item_id", b.item}, {"bewaard", when(b.created_at)}};
    });
    if (m_scenarios)
        e.part("scenarios", m_scenarios->list(user->id), [](const storage::Scenario& s) {
            return json{{"naam", s.name}, {"gemeente", s.gemeente}, {"instellingen", s.query}, {"bewaard", when(s.updated_at)}};
        });
    e.part("volgt", m_db.follows(user->id), [](const domain::Follow& f) {
        return json{{"soort", domain::to_slug(f.kind)}, {"waarde", f.value}, {"sinds", when(f.created_at)}};
    });
    e.part("e-mails", m_db.messages_to_user(user->id), [](const storage::OutboxMessage& m) {
        return json{{"aan", m.to}, {"onderwerp", m.subject}, {"tekst", m.body}, {"aangemaakt", when(m.created_at)}};
    });
    e.part("logboek", m_db.audit_entries_by(user->id), [](const domain::AuditEntry& a) {
        return json{{"tijd", when(a.at)}, {"actie", a.action}, {"doel", a.target}, {"details", a.detail}};
    });
    if (e.error) return core::fail(*e.error);
    e.out["gemaakt"] = when(m_clock.now());
    // Everything stored passed the UTF-8 checks; replace rather than throw should that ever fail.
    return e.out.dump(2, ' ', false, json::error_handler_t::replace);
}

core::Result<storage::Erasure> Privacy::delete_account(const Actor& actor, ContributionsOnDelete contributions) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::ManageOwnAccount, Target::owned_by(*actor.user))) return core::fail(forbidden());
    return erase(*actor.user, contributions);
}

core::Result<storage::Erasure> Privacy::delete_user(const Actor& actor, domain::UserId user,
                                                    ContributionsOnDelete contributions) {
    if (!actor.logged_in()) return core::fail(login_required());
    if (!can(actor, Action::ManageUsers, Target::owned_by(user))) return core::fail(forbidden());
    auto existing = m_db.user(user);
    if (!existing) return core::fail(existing.error());
    if (existing->status == domain::UserStatus::Deleted)
        return core::fail(core::Error(core::ErrorCode::NotFound, std::string(core::msg("beheer.users.not_found"))));
    auto erased = erase(user, contributions);
    if (!erased) return erased;
    // erase_user takes no audit entry; the account is gone either way, so a failed log line
    // is reported rather than undone.
    const std::string detail = contributions == ContributionsOnDelete::Remove ? "bijdragen verwijderd" : "bijdragen bewaard";
    auto logged = m_db.append_audit({0, m_clock.now(), *actor.user, "user.delete", "user:" + std::to_string(user), detail});
    if (!logged) return core::fail(logged.error());
    return erased;
}

core::Result<storage::Erasure> Privacy::erase(domain::UserId user, ContributionsOnDelete contributions) {
    const bool remove = contributions == ContributionsOnDelete::Remove;
    bool items_removed = false;
    if (remove) {
        auto mine = m_db.contributions_by_author(user);
        if (!mine) return core::fail(mine.error());
        for (const auto& c : *mine) {
            if (!c.published_item) continue;
            auto deleted = m_items.delete_item(*c.published_item);
            if (!deleted && deleted.error().code() != core::ErrorCode::NotFound) return core::fail(deleted.error());
            items_removed = true;
        }
    }
    auto erased = m_db.erase_user(user, remove, m_clock.now());
    if (erased && m_attachments) m_attachments->remove_unused_files(erased->removed_files);
    if (erased && items_removed && m_after_items_removed) m_after_items_removed();
    if (erased && m_after_erase) m_after_erase();
    return erased;
}

}  // namespace gezondin::services
