#pragma once
// Small SOCI helpers for the community stores (storage/soci/community_*.cpp).

#include <string>
#include <utility>

#include <soci/soci.h>

namespace gezondin::storage::community_rows {

// Runs a statement with bound values and returns the number of affected rows. The statement
// is finished and destroyed before this returns (SQLite will not commit with one in progress).
template <typename... Uses>
long execute_counting(soci::session& sql, const std::string& query, Uses&&... uses) {
    soci::statement st = ((sql.prepare << query), ..., std::forward<Uses>(uses));
    st.execute(true);
    return static_cast<long>(st.get_affected_rows());
}

}  // namespace gezondin::storage::community_rows
