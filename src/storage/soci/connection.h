#pragma once
// Opening one SOCI session with the project's settings, shared by every store (Database,
// CommunityDatabase, WijkdataStore) so that all connections to the same file behave alike.
// SQLite: WAL, synchronous=FULL, foreign keys on, a busy timeout, an 8 MiB page cache.
// Throws SOCI's exceptions; callers turn them into core::Error.

#include <soci/soci.h>

#include "storage/soci/connection_url.h"

namespace gezondin::storage {

void open_connection(soci::session& sql, const ConnectionSpec& spec);

}  // namespace gezondin::storage
