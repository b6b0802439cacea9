#include "main/runtime.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/messages.h"
#include "search/synonyms.h"
#include "search/xapian/xapian_index.h"

namespace gezondin::defaults {
std::optional<std::string_view> embedded_file(std::string_view path);
}

namespace gezondin::app {

namespace fs = std::filesystem;

namespace {

// The operator's copy in the data folder wins over the built-in default.
std::string data_file(const Settings& s, const std::string& name) {
    std::ifstream in(fs::path(s.data_dir) / name);
    if (in) {
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    return std::string(defaults::embedded_file(name).value_or(""));
}

core::Result<search::IndexOptions> index_options(const Settings& s) {
    auto synonyms = search::parse_synonyms(data_file(s, "synonyms.txt"));
    if (!synonyms) return core::fail(synonyms.error());
    search::IndexOptions o;
    o.synonyms = std::move(*synonyms);
    return o;
}

}  // namespace

std::string index_dir(const Settings& s) { return (fs::path(s.data_dir) / "index").string(); }

core::Result<std::unique_ptr<Community>> open_community(const Settings& settings, int hash_threads) {
    std::string url = settings.database_url.empty() ? (fs::path(settings.data_dir) / "gezondin.db").string() : settings.database_url;
    auto db = storage::open_community_database(url);
    if (!db) return core::fail(db.error());
    auto c = std::make_unique<Community>();
    c->db = std::move(*db);
    c->hasher = std::make_unique<services::PasswordHasher>(services::HashLimits::interactive());
    // A waiting hash costs 64 MiB once it runs: a short queue, then "busy, try again".
    c->pool = std::make_unique<services::WorkerPool>(hash_threads, 64);
    c->hashing = std::make_unique<services::HashWorkerPool>(*c->hasher, *c->pool);
    services::AccountsConfig config;
    config.base_url = settings.base_url.empty() ? "http://" + settings.listen : settings.base_url;
    c->accounts = std::make_unique<services::Accounts>(*c->db, *c->hashing, services::CommonPasswords::builtin(), c->clock,
                                                       std::move(config));
    c->administration = std::make_unique<services::Administration>(*c->db, c->clock);
    c->comments = std::make_unique<services::Comments>(*c->db, c->clock);
    c->organisations = std::make_unique<services::Organisations>(*c->db, c->clock);
    return c;
}

void add_privacy(Community& community, Runtime& rt) {
    auto* kb = rt.kennisbank.get();
    community.privacy = std::make_unique<services::Privacy>(*community.db, *rt.db, community.clock,
                                                            [kb] { (void)kb->sync_index(); });
    if (community.attachments) community.privacy->set_attachments(community.attachments.get());
    // Comments show their author's name: pages cached for anonymous visitors must drop it.
    if (auto* comments = community.comments.get()) {
        community.privacy->set_after_erase([comments] { comments->note_change(); });
        community.accounts->set_after_name_change([comments] { comments->note_change(); });
    }
}

void add_library(Community& community, Runtime& rt, const std::string& base_url) {
    community.library = std::make_unique<services::Library>(*community.db, *rt.db, *rt.taxonomy, community.clock, base_url);
}

core::Status add_contributions(Community& community, Runtime& rt) {
    services::AttachmentSettings settings;
    settings.upload_dir = (fs::path(rt.settings.data_dir) / "uploads").string();
    settings.max_bytes = rt.settings.max_upload_mb << 20;
    auto attachments = services::Attachments::open(*community.db, community.clock, std::move(settings));
    if (!attachments) return core::fail(attachments.error());
    community.attachments = std::move(*attachments);
    auto* kb = rt.kennisbank.get();   // null while `rt` rebuilds its index (reindex)
    if (kb) kb->set_attachment_text([a = community.attachments.get()](const domain::Item& item) { return a->search_text(item); });
    // A failed sync is caught up by the next one (the server's follower, or the next publish).
    community.contributions = std::make_unique<services::Contributions>(*community.db, *rt.db, *rt.taxonomy, community.clock,
                                                                        [kb] { if (kb) (void)kb->sync_index(); });
    return {};
}

core::Result<std::unique_ptr<search::SearchIndex>> open_index(const std::string& dir, const Settings& settings) {
    auto options = index_options(settings);
    if (!options) return core::fail(options.error());
    auto index = search::XapianIndex::open(dir, *options);
    if (!index) return core::fail(index.error());
    return std::unique_ptr<search::SearchIndex>(std::move(*index));
}

core::Result<Runtime> open_runtime(const Settings& settings, IndexMode mode) {
    Runtime rt;
    rt.settings = settings;
    std::error_code ec;
    fs::create_directories(settings.data_dir, ec);
    if (ec) return core::fail(core::Error::unavailable(core::msg("cli.data_dir_failed", {settings.data_dir, ec.message()})));
    std::string url = settings.database_url.empty() ? (fs::path(settings.data_dir) / "gezondin.db").string() : settings.database_url;
    auto db = storage::open_database(url);
    if (!db) return core::fail(db.error());
    rt.db = std::move(*db);
    if (auto m = rt.db->migrate(); !m) return core::fail(m.error());

    auto tax = domain::Taxonomy::from_themes_text(data_file(settings, "themes.txt"));
    if (!tax) return core::fail(tax.error());
    rt.taxonomy = std::make_unique<domain::Taxonomy>(std::move(*tax));

    auto options = index_options(settings);
    if (!options) return core::fail(options.error());
    auto index = search::XapianIndex::open(index_dir(settings), *options);
    if (index) {
        rt.index_needs_rebuild = (*index)->needs_rebuild();
        rt.index = std::move(*index);
    } else if (mode == IndexMode::Required || index.error().code() != core::ErrorCode::Unavailable) {
        return core::fail(index.error());
    }
    rt.kennisbank = std::make_unique<services::Kennisbank>(*rt.db, rt.index.get(), *rt.taxonomy);    

    auto wijkdata_store = storage::open_wijkdata_store(url);
    if (!wijkdata_store) return core::fail(wijkdata_store.error());
    rt.wijkdata_store = std::move(*wijkdata_store);
    services::WijkdataOptions wijk_options{static_cast<double>(settings.geheim_min_count),
                                           static_cast<double>(settings.geheim_min_population)};
    rt.wijkdata = std::make_unique<services::Wijkdata>(*rt.wijkdata_store, wijk_options);
    return rt;
}

}  // namespace gezondin::app
