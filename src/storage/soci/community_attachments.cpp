// The AttachmentStore half of SociCommunityDatabase: metadata and extracted text of uploaded
// files (the bytes live in the upload folder, see services/community/attachments.h).

#include "core/messages.h"
#include "storage/soci/community_database.h"
#include "storage/soci/community_sql.h"

namespace gezondin::storage {

using namespace community_rows;

namespace {

constexpr const char* attachment_columns =
    "SELECT id, contribution_id, filename, content_type, size_bytes, sha256, extracted_text, uploaded_by, created_at "
    "FROM attachments ";

struct AttachmentRow {
    Attachment a;
    long long id = 0, contribution = 0, size = 0, by = 0, at = 0;
    void exchange(soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(contribution));
        st.exchange(soci::into(a.filename));
        st.exchange(soci::into(a.content_type));
        st.exchange(soci::into(size));
        st.exchange(soci::into(a.sha256));
        st.exchange(soci::into(a.text));
        st.exchange(soci::into(by));
        st.exchange(soci::into(at));
    }
    Attachment get() const {
        Attachment out = a;
        out.id = id, out.contribution = contribution, out.size = size, out.uploaded_by = by, out.created_at = at;
        return out;
    }
};

std::vector<Attachment> select_attachments(soci::session& sql, const std::string& tail, long long value) {
    std::vector<Attachment> out;
    AttachmentRow row;
    soci::statement st(sql);
    row.exchange(st);
    st.exchange(soci::use(value));
    st.alloc();
    st.prepare(attachment_columns + tail);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(row.get());
    return out;
}

core::Error attachment_not_found(long long id) {
    return core::Error::not_found(std::string(core::msg("contributions.store.attachment")), std::to_string(id));
}

}  // namespace

core::Result<std::int64_t> SociCommunityDatabase::add_attachment(const Attachment& a) {
    return run([&](soci::session& sql) -> core::Result<std::int64_t> {
        soci::transaction tx(sql);
        lock_writes(sql);
        long long found = 0;
        sql << "SELECT COUNT(*) FROM contributions WHERE id = :c", soci::into(found), soci::use(a.contribution);
        if (found == 0)
            return core::fail(core::Error::not_found(std::string(core::msg("community.store.contribution")),
                                                     std::to_string(a.contribution)));
        long long id = 0;
        const long long size = a.size;
        sql << "INSERT INTO attachments (contribution_id, filename, content_type, size_bytes, sha256, extracted_text, "
               "uploaded_by, created_at) VALUES (:c, :f, :t, :s, :h, :x, :u, :a) RETURNING id",
            soci::into(id), soci::use(a.contribution), soci::use(a.filename), soci::use(a.content_type), soci::use(size),
            soci::use(a.sha256), soci::use(a.text), soci::use(a.uploaded_by), soci::use(a.created_at);
        tx.commit();
        return static_cast<std::int64_t>(id);
    });
}

core::Result<Attachment> SociCommunityDatabase::attachment(std::int64_t id) {
    return run([&](soci::session& sql) -> core::Result<Attachment> {
        auto rows = select_attachments(sql, "WHERE id = :id", static_cast<long long>(id));
        if (rows.empty()) return core::fail(attachment_not_found(id));
        return rows.front();
    });
}

core::Result<std::vector<Attachment>> SociCommunityDatabase::attachments_of(domain::ContributionId contribution) {
    return run([&](soci::session& sql) -> core::Result<std::vector<Attachment>> {
        return select_attachments(sql, "WHERE contribution_id = :c ORDER BY id", static_cast<long long>(contribution));
    });
}

core::Status SociCommunityDatabase::remove_attachment(domain::ContributionId contribution, std::int64_t id) {
    return run([&](soci::session& sql) -> core::Status {
        soci::transaction tx(sql);
        const long removed = execute_counting(sql, "DELETE FROM attachments WHERE id = :id AND contribution_id = :c",
                                              soci::use(id), soci::use(contribution));
        if (removed == 0) return core::fail(attachment_not_found(id));
        tx.commit();
        return {};
    });
}

core::Result<long> SociCommunityDatabase::attachments_with_hash(const std::string& sha256) {
    return run([&](soci::session& sql) -> core::Result<long> {
        long long n = 0;
        sql << "SELECT COUNT(*) FROM attachments WHERE sha256 = :h", soci::into(n), soci::use(sha256);
        return static_cast<long>(n);
    });
}

}  // namespace gezondin::storage
