#pragma once
// The composition root: the only place that knows the concrete storage and search types.
// Opens the database and the search index for a data folder and wires the services.

#include <memory>
#include <string>

#include "core/error.h"
#include "domain/taxonomy.h"
#include "search/search_index.h"
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

}  // namespace gezondin::app
