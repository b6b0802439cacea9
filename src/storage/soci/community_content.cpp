// The OrganisationStore, ContributionStore and CommentStore halves of SociCommunityDatabase.

#include <algorithm>
#include <stdexcept>

#include "core/messages.h"
#include "domain/taxonomy.h"
#include "storage/soci/community_database.h"
#include "storage/soci/community_sql.h"
#include "storage/soci/item_json.h"

namespace gezondin::storage {

using namespace community_rows;
using domain::ContributionId;
using domain::ContributionStatus;

namespace {

core::Error not_found(std::string_view what_key, long long id) {
    return core::Error::not_found(std::string(core::msg(what_key)), std::to_string(id));
}

// ---- organisations ----

struct OrganisationRow {
    long long id = 0, created_at = 0;
    std::string kind, name, code;
    soci::indicator code_ind = soci::i_ok;
    void exchange(soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(kind));
        st.exchange(soci::into(name));
        st.exchange(soci::into(code, code_ind));
        st.exchange(soci::into(created_at));
    }
    domain::Organisation get() const {
        auto k = domain::organisation_kind_from_slug(kind);
        if (!k) throw std::runtime_error("organisation " + std::to_string(id) + " has an unknown kind");
        domain::Organisation o{id, *k, name, std::nullopt, created_at};
        if (code_ind != soci::i_null) o.municipality_code = code;
        return o;
    }
};
constexpr const char* organisation_columns = "SELECT id, kind, name, municipality_code, created_at FROM organisations";

// ---- contributions ----

struct SummaryRow {
    ContributionSummary s;
    long long org = 0, item = 0;
    soci::indicator org_ind = soci::i_ok, item_ind = soci::i_ok;
    std::string status, type;
    void exchange(soci::statement& st) {
        st.exchange(soci::into(s.id));
        st.exchange(soci::into(s.author));
        st.exchange(soci::into(org, org_ind));
        st.exchange(soci::into(status));
        st.exchange(soci::into(type));
        st.exchange(soci::into(s.title));
        st.exchange(soci::into(item, item_ind));
        st.exchange(soci::into(s.updated_at));
    }
    ContributionSummary get() {
        auto st = domain::contribution_status_from_slug(status);
        auto ty = domain::item_type_from_slug(type);
        if (!st || !ty) throw std::runtime_error("contribution " + std::to_string(s.id) + " has an unknown status or type");
        ContributionSummary out = s;
        out.status = *st;
        out.type = *ty;
        out.organisation = org_ind == soci::i_null ? std::nullopt : std::optional<domain::OrganisationId>(org);
        out.published_item = item_ind == soci::i_null ? std::nullopt : std::optional<domain::ItemId>(item);
        return out;
    }
};
constexpr const char* summary_columns =
    "SELECT id, author_id, organisation_id, status, item_type, title, published_item_id, updated_at FROM contributions ";

template <typename T>
std::vector<ContributionSummary> select_summaries(soci::session& sql, const std::string& tail, const T& value) {
    std::vector<ContributionSummary> out;
    SummaryRow row;
    soci::statement st(sql);
    row.exchange(st);
    st.exchange(soci::use(value));
    st.alloc();
    st.prepare(summary_columns + tail);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(row.get());
    return out;
}

int insert_revision(soci::session& sql, ContributionId id, UserId by, Timestamp at, const std::string& content) {
    int number = 0;
    sql << "SELECT COALESCE(MAX(number), 0) + 1 FROM contribution_revisions WHERE contribution_id = :c",
        soci::into(number), soci::use(id);
    sql << "INSERT INTO contribution_revisions (contribution_id, number, author_id, created_at, content) "
           "VALUES (:c, :n, :a, :t, :x)",
        soci::use(id), soci::use(number), soci::use(by), soci::use(at), soci::use(content);
    return number;
}

// ---- comments ----

struct CommentRow {
    domain::Comment c;
    int hidden = 0;
    long long flags = 0;
    std::string reason;
    long long editor = 0, at = 0;
    void exchange(soci::statement& st) {
        st.exchange(soci::into(c.id));
        st.exchange(soci::into(c.item));
        st.exchange(soci::into(c.author));
        st.exchange(soci::into(c.body));
        st.exchange(soci::into(c.created_at));
        st.exchange(soci::into(hidden));
        st.exchange(soci::into(reason));
        st.exchange(soci::into(editor));
        st.exchange(soci::into(at));
        st.exchange(soci::into(flags));
    }
    domain::Comment get() const {
        domain::Comment out = c;
        out.hidden = hidden ? std::optional<domain::Moderation>(domain::Moderation{reason, editor, at}) : std::nullopt;
        out.flag_count = static_cast<long>(flags);
        return out;
    }
};
constexpr const char* comment_select =
    "SELECT c.id, c.item_id, c.author_id, c.body, c.created_at, c.hidden, c.hidden_reason, c.hidden_by, c.hidden_at, "
    "(SELECT COUNT(*) FROM comment_flags f WHERE f.comment_id = c.id) FROM comments c ";

template <typename T>
std::vector<domain::Comment> select_comments(soci::session& sql, const std::string& tail, const T& value) {
    std::vector<domain::Comment> out;
    CommentRow row;
    soci::statement st(sql);
    row.exchange(st);
    st.exchange(soci::use(value));
    st.alloc();
    st.prepare(comment_select + tail);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(row.get());
    return out;
}

template <typename T>
std::vector<domain::Flag> select_flags(soci::session& sql, const std::string& where, const T& value) {
    std::vector<domain::Flag> out;
    domain::Flag f;
    soci::statement st = (sql.prepare << "SELECT comment_id, user_id, reason, created_at FROM comment_flags " + where +
                                             " ORDER BY created_at, comment_id, user_id",
                          soci::into(f.comment), soci::into(f.user), soci::into(f.reason), soci::into(f.created_at),
                          soci::use(value));
    st.execute();
    while (st.fetch()) out.push_back(f);
    return out;
}

}  // namespace

// ---- OrganisationStore -----------------------------------------------------------------------

core::Result<domain::OrganisationId> SociCommunityDatabase::create_organisation(const domain::Organisation& org,
                                                                                const Audit& audit) {
    return run([&](soci::session& sql) -> core::Result<domain::OrganisationId> {
        const std::string kind(domain::to_slug(org.kind));
        const std::string code = org.municipality_code.value_or("");
        soci::indicator code_ind = org.municipality_code ? soci::i_ok : soci::i_null;
        long long id = 0;
        soci::transaction tx(sql);
        sql << "INSERT INTO organisations (kind, name, municipality_code, created_at) VALUES (:k, :n, :m, :c) RETURNING id",
            soci::into(id), soci::use(kind), soci::use(org.name), soci::use(code, code_ind), soci::use(org.created_at);
        if (audit) {
            auto entry = *audit;
            if (entry.target.empty()) entry.target = "organisation:" + std::to_string(id);
            write_audit(sql, entry);
        }
        tx.commit();
        return id;
    });
}

core::Result<domain::Organisation> SociCommunityDatabase::organisation(domain::OrganisationId id) {
    return run([&](soci::session& sql) -> core::Result<domain::Organisation> {
        OrganisationRow row;
        soci::statement st(sql);
        row.exchange(st);
        st.exchange(soci::use(id));
        st.alloc();
        st.prepare(std::string(organisation_columns) + " WHERE id = :id");
        st.define_and_bind();
        st.execute();
        if (!st.fetch()) return core::fail(not_found("community.store.organisation", id));
        return row.get();
    });
}

core::Result<std::vector<domain::Organisation>> SociCommunityDatabase::organisations() {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::Organisation>> {
        std::vector<domain::Organisation> out;
        OrganisationRow row;
        soci::statement st(sql);
        row.exchange(st);
        st.alloc();
        st.prepare(organisation_columns);
        st.define_and_bind();
        st.execute();
        while (st.fetch()) out.push_back(row.get());
        // Sorted here, byte-wise, so both engines give the same order whatever their collation.
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });
        return out;
    });
}

core::Status SociCommunityDatabase::add_member(const domain::Membership& m, const Audit& audit) {
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        lock_writes(sql);
        long long orgs = 0, users = 0, existing = 0;
        sql << "SELECT COUNT(*) FROM organisations WHERE id = :o", soci::into(orgs), soci::use(m.organisation);
        if (orgs == 0) return core::fail(not_found("community.store.organisation", m.organisation));
        sql << "SELECT COUNT(*) FROM users WHERE id = :u AND status <> 'deleted'", soci::into(users), soci::use(m.user);
        if (users == 0) return core::fail(not_found("community.store.user", m.user));
        sql << "SELECT COUNT(*) FROM memberships WHERE organisation_id = :o AND user_id = :u", soci::into(existing),
            soci::use(m.organisation), soci::use(m.user);
        if (existing > 0) return core::fail(core::Error::conflict(std::string(core::msg("community.organisation.already_member"))));
        sql << "INSERT INTO memberships (organisation_id, user_id, joined_at) VALUES (:o, :u, :j)",
            soci::use(m.organisation), soci::use(m.user), soci::use(m.joined_at);
        write_audit(sql, audit);
        tx.commit();
        return {};
    });
}

core::Status SociCommunityDatabase::remove_member(domain::OrganisationId org, UserId user, const Audit& audit) {
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        if (execute_counting(sql, "DELETE FROM memberships WHERE organisation_id = :o AND user_id = :u", soci::use(org),
                             soci::use(user)) != 1)
            return core::fail(core::Error(core::ErrorCode::NotFound, std::string(core::msg("community.organisation.not_member"))));
        write_audit(sql, audit);
        tx.commit();
        return {};
    });
}

core::Result<std::vector<Member>> SociCommunityDatabase::members(domain::OrganisationId org) {
    return run([&](soci::session& sql) -> core::Result<std::vector<Member>> {
        std::vector<Member> out;
        long long id = 0, created = 0, joined = 0;
        std::string name, email, role, status;
        soci::indicator email_ind = soci::i_ok;
        int digest = 0;
        soci::statement st =
            (sql.prepare << "SELECT u.id, u.name, u.email, u.role, u.status, u.weekly_digest, u.created_at, m.joined_at "
                            "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = :o",
             soci::into(id), soci::into(name), soci::into(email, email_ind), soci::into(role), soci::into(status),
             soci::into(digest), soci::into(created), soci::into(joined), soci::use(org));
        st.execute();
        while (st.fetch()) out.push_back({read_user_row(id, name, email, email_ind, role, status, digest, created), joined});
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return std::tie(a.user.name, a.user.id) < std::tie(b.user.name, b.user.id);
        });
        return out;
    });
}

core::Result<std::vector<domain::Membership>> SociCommunityDatabase::memberships_of(UserId user) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::Membership>> {
        std::vector<domain::Membership> out;
        domain::Membership m;
        soci::statement st = (sql.prepare << "SELECT organisation_id, user_id, joined_at FROM memberships "
                                             "WHERE user_id = :u ORDER BY organisation_id",
                              soci::into(m.organisation), soci::into(m.user), soci::into(m.joined_at), soci::use(user));
        st.execute();
        while (st.fetch()) out.push_back(m);
        return out;
    });
}

core::Result<bool> SociCommunityDatabase::is_member(domain::OrganisationId org, UserId user) {
    return run([&](soci::session& sql) -> core::Result<bool> {
        long long count = 0;
        sql << "SELECT COUNT(*) FROM memberships WHERE organisation_id = :o AND user_id = :u", soci::into(count),
            soci::use(org), soci::use(user);
        return count > 0;
    });
}

// ---- ContributionStore -----------------------------------------------------------------------

core::Result<ContributionId> SociCommunityDatabase::create_contribution(const domain::Contribution& c, Timestamp now) {
    return run([&](soci::session& sql) -> core::Result<ContributionId> {
        const std::string status(domain::to_slug(c.status)), type(domain::to_slug(c.content.type));
        const std::string content = item_content_to_json(c.content);
        const long long org = c.organisation.value_or(0);
        soci::indicator org_ind = c.organisation ? soci::i_ok : soci::i_null;
        long long id = 0;
        soci::transaction tx(sql);
        sql << "INSERT INTO contributions (author_id, organisation_id, status, feedback, item_type, title, content, "
               "created_at, updated_at) VALUES (:a, :o, :s, :f, :ty, :ti, :c, :cr, :u) RETURNING id",
            soci::into(id), soci::use(c.author), soci::use(org, org_ind), soci::use(status), soci::use(c.feedback),
            soci::use(type), soci::use(c.content.title), soci::use(content), soci::use(now), soci::use(now);
        insert_revision(sql, id, c.author, now, content);
        tx.commit();
        return id;
    });
}

core::Result<domain::Contribution> SociCommunityDatabase::contribution(ContributionId id) {
    return run([&](soci::session& sql) -> core::Result<domain::Contribution> {
        domain::Contribution c;
        long long org = 0, item = 0;
        soci::indicator org_ind = soci::i_ok, item_ind = soci::i_ok;
        std::string status, content;
        sql << "SELECT id, author_id, organisation_id, status, feedback, content, published_item_id, created_at, "
               "updated_at, (SELECT COUNT(*) FROM contribution_revisions r WHERE r.contribution_id = c.id) "
               "FROM contributions c WHERE id = :id",
            soci::into(c.id), soci::into(c.author), soci::into(org, org_ind), soci::into(status), soci::into(c.feedback),
            soci::into(content), soci::into(item, item_ind), soci::into(c.created_at), soci::into(c.updated_at),
            soci::into(c.revision_count), soci::use(id);
        if (!sql.got_data()) return core::fail(not_found("community.store.contribution", id));
        auto st = domain::contribution_status_from_slug(status);
        if (!st) throw std::runtime_error("contribution " + std::to_string(id) + " has an unknown status");
        c.status = *st;
        if (org_ind != soci::i_null) c.organisation = org;
        if (item_ind != soci::i_null) c.published_item = item;
        c.content = item_content_from_json(content);
        return c;
    });
}

core::Status SociCommunityDatabase::change_contribution(const ContributionChange& ch, const Audit& audit) {
    return run([&](soci::session& sql) -> core::Status {
        const std::string expected(domain::to_slug(ch.expected)), status(domain::to_slug(ch.status));
        soci::transaction tx(sql);
        lock_writes(sql);
        // The conditional UPDATE comes first: it decides, and it locks the row for the rest.
        if (execute_counting(sql,
                             "UPDATE contributions SET status = :s, feedback = :f, updated_at = :u "
                             "WHERE id = :id AND status = :e",
                             soci::use(status), soci::use(ch.feedback), soci::use(ch.at), soci::use(ch.id),
                             soci::use(expected)) != 1) {
            long long exists = 0;
            sql << "SELECT COUNT(*) FROM contributions WHERE id = :id", soci::into(exists), soci::use(ch.id);
            if (exists == 0) return core::fail(not_found("community.store.contribution", ch.id));
            return core::fail(core::Error::conflict(std::string(core::msg("community.contribution.changed_meanwhile"))));
        }
        if (ch.content) {
            const std::string content = item_content_to_json(*ch.content), type(domain::to_slug(ch.content->type));
            sql << "UPDATE contributions SET content = :c, title = :t, item_type = :ty WHERE id = :id", soci::use(content),
                soci::use(ch.content->title), soci::use(type), soci::use(ch.id);
            insert_revision(sql, ch.id, ch.by, ch.at, content);
        }
        if (ch.published_item)
            sql << "UPDATE contributions SET published_item_id = :i WHERE id = :id", soci::use(*ch.published_item),
                soci::use(ch.id);
        write_audit(sql, audit);
        tx.commit();
        return {};
    });
}

core::Result<std::vector<ContributionSummary>> SociCommunityDatabase::contributions_by_author(UserId author) {
    return run([&](soci::session& sql) -> core::Result<std::vector<ContributionSummary>> {
        return select_summaries(sql, "WHERE author_id = :a ORDER BY updated_at DESC, id DESC", author);
    });
}

core::Result<std::vector<ContributionSummary>> SociCommunityDatabase::contributions_by_organisation(
    domain::OrganisationId org) {
    return run([&](soci::session& sql) -> core::Result<std::vector<ContributionSummary>> {
        return select_summaries(sql, "WHERE organisation_id = :o ORDER BY updated_at DESC, id DESC", org);
    });
}

core::Result<std::vector<ContributionSummary>> SociCommunityDatabase::contributions_with_status(
    ContributionStatus s, long offset, long limit) {
    return run([&](soci::session& sql) -> core::Result<std::vector<ContributionSummary>> {
        const std::string slug(domain::to_slug(s));
        auto all = select_summaries(sql, "WHERE status = :s ORDER BY updated_at, id", slug);
        const auto from = static_cast<std::size_t>(std::clamp(offset, 0L, static_cast<long>(all.size())));
        const auto to = static_cast<std::size_t>(std::clamp(offset + std::max(0L, limit), 0L, static_cast<long>(all.size())));
        return std::vector<ContributionSummary>(all.begin() + static_cast<long>(from), all.begin() + static_cast<long>(std::max(from, to)));
    });
}

core::Result<std::vector<domain::Revision>> SociCommunityDatabase::revisions(ContributionId id) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::Revision>> {
        std::vector<domain::Revision> out;
        domain::Revision r;
        std::string content;
        soci::statement st = (sql.prepare << "SELECT number, author_id, created_at, content FROM contribution_revisions "
                                             "WHERE contribution_id = :c ORDER BY number",
                              soci::into(r.number), soci::into(r.author), soci::into(r.created_at), soci::into(content),
                              soci::use(id));
        st.execute();
        while (st.fetch()) {
            r.content = item_content_from_json(content);
            out.push_back(r);
        }
        return out;
    });
}

core::Result<domain::Revision> SociCommunityDatabase::revision(ContributionId id, int number) {
    return run([&](soci::session& sql) -> core::Result<domain::Revision> {
        domain::Revision r;
        std::string content;
        sql << "SELECT number, author_id, created_at, content FROM contribution_revisions "
               "WHERE contribution_id = :c AND number = :n",
            soci::into(r.number), soci::into(r.author), soci::into(r.created_at), soci::into(content), soci::use(id),
            soci::use(number);
        if (!sql.got_data()) return core::fail(not_found("community.store.revision", number));
        r.content = item_content_from_json(content);
        return r;
    });
}

// ---- CommentStore ----------------------------------------------------------------------------

core::Result<domain::CommentId> SociCommunityDatabase::add_comment(const domain::Comment& c) {
    return run([&](soci::session& sql) -> core::Result<domain::CommentId> {
        soci::transaction tx(sql);
        lock_writes(sql);
        long long items = 0;
        sql << "SELECT COUNT(*) FROM items WHERE id = :i", soci::into(items), soci::use(c.item);
        if (items == 0) return core::fail(not_found("storage.item", c.item));
        long long id = 0;
        sql << "INSERT INTO comments (item_id, author_id, body, created_at) VALUES (:i, :a, :b, :c) RETURNING id",
            soci::into(id), soci::use(c.item), soci::use(c.author), soci::use(c.body), soci::use(c.created_at);
        tx.commit();
        return id;
    });
}

core::Result<domain::Comment> SociCommunityDatabase::comment(domain::CommentId id) {
    return run([&](soci::session& sql) -> core::Result<domain::Comment> {
        auto found = select_comments(sql, "WHERE c.id = :id", id);
        if (found.empty()) return core::fail(not_found("community.store.comment", id));
        return found.front();
    });
}

core::Result<std::vector<domain::Comment>> SociCommunityDatabase::comments_on(domain::ItemId item, bool include_hidden) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::Comment>> {
        return select_comments(sql, include_hidden ? "WHERE c.item_id = :i ORDER BY c.id"
                                                   : "WHERE c.item_id = :i AND c.hidden = 0 ORDER BY c.id",
                               item);
    });
}

core::Result<std::vector<domain::Comment>> SociCommunityDatabase::comments_by(UserId author) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::Comment>> {
        return select_comments(sql, "WHERE c.author_id = :a ORDER BY c.id", author);
    });
}

core::Status SociCommunityDatabase::set_comment_hidden(domain::CommentId id,
                                                       const std::optional<domain::Moderation>& hidden,
                                                       const Audit& audit) {
    return run([&](soci::session& sql) -> core::Status {
        const domain::Moderation m = hidden.value_or(domain::Moderation{});
        const int flag = hidden ? 1 : 0;
        soci::transaction tx(sql);
        if (execute_counting(sql,
                             "UPDATE comments SET hidden = :h, hidden_reason = :r, hidden_by = :b, hidden_at = :a "
                             "WHERE id = :id",
                             soci::use(flag), soci::use(m.reason), soci::use(m.editor), soci::use(m.at),
                             soci::use(id)) != 1)
            return core::fail(not_found("community.store.comment", id));
        write_audit(sql, audit);
        tx.commit();
        return {};
    });
}

core::Status SociCommunityDatabase::flag_comment(const domain::Flag& f) {
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        lock_writes(sql);
        long long comments = 0;
        sql << "SELECT COUNT(*) FROM comments WHERE id = :c", soci::into(comments), soci::use(f.comment);
        if (comments == 0) return core::fail(not_found("community.store.comment", f.comment));
        if (execute_counting(sql,
                             "INSERT INTO comment_flags (comment_id, user_id, reason, created_at) VALUES (:c, :u, :r, :a) "
                             "ON CONFLICT (comment_id, user_id) DO NOTHING",
                             soci::use(f.comment), soci::use(f.user), soci::use(f.reason), soci::use(f.created_at)) != 1)
            return core::fail(core::Error::conflict(std::string(core::msg("community.comment.already_flagged"))));
        tx.commit();
        return {};
    });
}

core::Result<std::vector<domain::Flag>> SociCommunityDatabase::flags_on(domain::CommentId id) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::Flag>> {
        return select_flags(sql, "WHERE comment_id = :c", id);
    });
}

core::Result<std::vector<domain::Flag>> SociCommunityDatabase::flags_by(UserId user) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::Flag>> {
        return select_flags(sql, "WHERE user_id = :u", user);
    });
}

core::Result<std::vector<domain::Comment>> SociCommunityDatabase::flagged_comments(long limit) {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::Comment>> {
        const long long lim = std::max(0L, limit);
        auto found = select_comments(sql,
                                     "WHERE c.hidden = 0 AND EXISTS (SELECT 1 FROM comment_flags f WHERE f.comment_id = c.id) "
                                     "ORDER BY 10 DESC, c.id LIMIT :l",
                                     lim);
        return found;
    });
}

}  // namespace gezondin::storage
