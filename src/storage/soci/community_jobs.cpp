// The JobStore half of SociCommunityDatabase, and the purge of old sent e-mails.

#include "storage/soci/community_database.h"
#include "storage/soci/community_sql.h"

namespace gezondin::storage {

using namespace community_rows;

core::Result<long> SociCommunityDatabase::purge_sent_messages(Timestamp before) {
    return run([&](soci::session& sql) -> core::Result<long> {
        return execute_counting(sql, "DELETE FROM outbox WHERE status = 'sent' AND sent_at < :b", soci::use(before));
    });
}

core::Result<std::optional<Timestamp>> SociCommunityDatabase::last_job_run(const std::string& job) {
    return run([&](soci::session& sql) -> core::Result<std::optional<Timestamp>> {
        long long at = 0;
        soci::indicator ind = soci::i_null;
        sql << "SELECT last_run_at FROM job_runs WHERE name = :n", soci::into(at, ind), soci::use(job);
        if (!sql.got_data() || ind != soci::i_ok) return std::optional<Timestamp>();
        return std::optional<Timestamp>(at);
    });
}

core::Result<bool> SociCommunityDatabase::claim_job_run(const std::string& job, Timestamp due_at, Timestamp now) {
    return run([&](soci::session& sql) -> core::Result<bool> {
        soci::transaction tx(sql);
        // Each statement either records this run or sees another's: only one caller gets true.
        bool claimed = execute_counting(sql,
                                        "INSERT INTO job_runs (name, last_run_at) VALUES (:n, :t) "
                                        "ON CONFLICT (name) DO NOTHING",
                                        soci::use(job), soci::use(now)) == 1;
        if (!claimed)
            claimed = execute_counting(sql, "UPDATE job_runs SET last_run_at = :t WHERE name = :n AND last_run_at < :d",
                                       soci::use(now), soci::use(job), soci::use(due_at)) == 1;
        tx.commit();
        return claimed;
    });
}

}  // namespace gezondin::storage
