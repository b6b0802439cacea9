#pragma once
// The composition root: the only place that knows the concrete storage and search types.
// Opens the database and the search index for a data folder and wires the services.

#include <memory>
#include <string>

#include "core/error.h"
#include "domain/taxonomy.h"
#include "search/search_index.h"
#include "services/community/accounts.h"
#include "services/community/administration.h"
#include "services/community/organisations.h"
#include "services/community/privacy.h"
#include "services/community/attachments.h"
#include "services/community/contributions.h"
#include "services/community/comments.h"
#include "services/community/library.h"
#include "services/kennisbank.h"
#include "services/wijkdata.h"
#include "storage/database.h"
#include "storage/wijkdata.h"

namespace gezondin::app {

struct Settings {
    std::string data_dir = "var";     // SQLite database, search index, uploads
    std::string database_url;         // empty: SQLite file in data_dir
    std::string listen = "127.0.0.1:8080";
    std::string base_url;             // empty: http://<listen>
    std::size_t max_body_kb = 1024;
    std::size_t max_upload_mb = 10;           // largest attachment of a contribution
    std::size_t max_import_mb = 64;           // largest wijkdata file on the import page
    std::size_t page_cache_entries = 1000;   // 0 turns the rendered-page cache off
    std::size_t geheim_min_count = 10;        // wijkdata: counts below this are "geheim"
    std::size_t geheim_min_population = 50;   // wijkdata: areas with fewer inhabitants show no values
};

enum class IndexMode {
    Required,   // fail when the index cannot be opened
    Optional,   // run without it when another process (the server) holds it
};

struct Runtime {
    Settings settings;
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<search::SearchIndex> index;   // null in Optional mode when locked
    std::unique_ptr<domain::Taxonomy> taxonomy;
    std::unique_ptr<services::Kennisbank> kennisbank;
    std::unique_ptr<storage::WijkdataStore> wijkdata_store;
    std::unique_ptr<services::Wijkdata> wijkdata;   // not loaded yet: call load() before reading
    bool index_needs_rebuild = false;
};

std::string index_dir(const Settings& s);

// Creates the data folder, opens and migrates the database, loads the taxonomy and synonyms
// (data folder overrides built-in defaults) and opens the index.
core::Result<Runtime> open_runtime(const Settings& settings, IndexMode mode);

// Opens an empty index in `dir` with the configured synonyms (for a rebuild).
core::Result<std::unique_ptr<search::SearchIndex>> open_index(const std::string& dir, const Settings& settings);

// The community services (accounts, administration) on the runtime's database. Members are
// declared so that the hashing pool is destroyed first: its destructor runs the queued jobs,
// which use the services.
struct Community {
    std::unique_ptr<storage::CommunityDatabase> db;
    std::unique_ptr<services::PasswordHasher> hasher;
    services::SystemClock clock;
    std::unique_ptr<services::HashWorkerPool> hashing;
    std::unique_ptr<services::Accounts> accounts;
    std::unique_ptr<services::Administration> administration;
    std::unique_ptr<services::Comments> comments;
    std::unique_ptr<services::Library> library;   // set by add_library (it reads the kennisbank)
    std::unique_ptr<services::Attachments> attachments;       // set by add_contributions
    std::unique_ptr<services::Contributions> contributions;   // set by add_contributions
    std::unique_ptr<services::Organisations> organisations;
    std::unique_ptr<services::Privacy> privacy;               // set by add_privacy
    std::unique_ptr<services::WorkerPool> pool;
};

// Opens the community stores on the database of `settings` (migrate it first, as
// open_runtime does). `hash_threads` 0 hashes on the calling thread (command-line tools).
core::Result<std::unique_ptr<Community>> open_community(const Settings& settings, int hash_threads);

// Adds the library (bookmarks, follows, weekly digest) to `community`. It reads the items and
// the taxonomy of `rt`, which must outlive it; `base_url` starts the links in the digest.
void add_library(Community& community, Runtime& rt, const std::string& base_url);

// Adds contributions and their attachments (files in <data dir>/uploads) to `community`, and
// lets `rt`'s search index take in the text of attachments. Publishing brings the index up to
// date at once. `rt` must outlive the community, and nothing may sync the index once the
// community is gone.
core::Status add_contributions(Community& community, Runtime& rt);

// Adds the data download and account deletion to `community`. Deleting an account with its
// contributions deletes their kennisbank items in `rt` and brings the index up to date; `rt`
// must outlive the community.
void add_privacy(Community& community, Runtime& rt);

}  // namespace gezondin::app
