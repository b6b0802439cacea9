#include "search/xapian/xapian_index.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <thread>

#include "core/messages.h"
#include "search/xapian/bulk_load.h"
#include "search/xapian/doc_sets.h"
#include "search/xapian/document_builder.h"
#include "search/xapian/index_impl.h"

namespace gezondin::search {

namespace {

constexpr const char* seq_key = "gezondin.applied_seq";
constexpr const char* schema_key = "gezondin.schema";
constexpr const char* synonyms_key = "gezondin.synonyms";
constexpr auto cross_process_check = std::chrono::seconds(1);
constexpr const char* bulk_dir = "bulk-load";      // sub-folders of the index folder
constexpr const char* merged_dir = "bulk-merged";
constexpr std::size_t max_pending_spelling_words = 100000;
constexpr unsigned max_bulk_workers = 4;

unsigned bulk_workers() { return std::clamp(std::thread::hardware_concurrency(), 1u, max_bulk_workers); }

class StemAdapter : public Xapian::StemImplementation {
public:
    StemAdapter(std::shared_ptr<const DutchLemmatizer> lemmas, const Xapian::Database* known) : m_stemmer(std::move(lemmas)) {
        if (known)
            m_stemmer.set_known_terms([known](const std::string& word, std::string& term) {
                if (word.empty() || word.size() > max_known_term_word_bytes) return false;
                term = known->get_metadata(known_term_key(word));
                return !term.empty();
            });
    }
    std::string operator()(const std::string& word) override { return m_stemmer.term(word); }
    std::string get_description() const override { return "gezondin-dutch"; }

private:
    DutchStemmer m_stemmer;
};

std::string join(const std::vector<std::string>& words, std::string_view sep) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out.append(sep);
        out.append(w);
    }
    return out;
}

// Words as Xapian's query parser sees them for synonym look-up: lower case, diacritics kept.
std::string parser_key(const std::string& variant) {
    std::string lower = Xapian::Unicode::tolower(variant);
    std::vector<std::string> words;
    std::string cur;
    for (char c : lower) {
        bool word = static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (word) cur.push_back(c);
        else if (!cur.empty()) words.push_back(std::exchange(cur, {}));
    }
    if (!cur.empty()) words.push_back(cur);
    return join(words, " ");
}

std::string schema(const XapianIndex::Impl& impl) {
    // 2: body without positions, facet slugs as codes in the facet value.
    return std::string("2;") + (impl.lemmas ? "hunspell+snowball-dutch" : "snowball-dutch");
}

std::string synonyms_digest(const std::vector<SynonymGroup>& groups) {
    std::string out;
    for (const auto& g : groups) out += join(g.variants, "|") + "\n";
    return out;
}

void prepare_synonyms(XapianIndex::Impl& impl) {
    impl.matcher = SynonymMatcher(impl.synonyms);
    std::unordered_set<std::string> used;
    for (std::size_t g = 0; g < impl.synonyms.size(); ++g) {
        std::string term = "XC" + join(folded_words(impl.synonyms[g].variants.front()), "").substr(0, 60);
        if (!used.insert(term).second) term += "_" + std::to_string(g);
        used.insert(term);
        impl.concept_terms.push_back(term);
        for (const auto& v : impl.synonyms[g].variants)
            for (auto& w : folded_words(v)) impl.synonym_words.insert(std::move(w));
    }
}

// Rewrites the synonym table when the groups changed; returns true when it did.
bool store_synonyms(XapianIndex::Impl& impl) {
    auto& db = impl.writer;
    std::string digest = synonyms_digest(impl.synonyms);
    if (db.get_metadata(synonyms_key) == digest) return false;
    std::vector<std::string> old_keys(db.synonym_keys_begin(), db.synonym_keys_end());
    for (const auto& k : old_keys) db.clear_synonyms(k);
    for (std::size_t g = 0; g < impl.synonyms.size(); ++g)
        for (const auto& v : impl.synonyms[g].variants) {
            db.add_synonym(join(folded_words(v), " "), impl.concept_terms[g]);
            db.add_synonym(parser_key(v), impl.concept_terms[g]);
        }
    db.set_metadata(synonyms_key, digest);
    return true;
}

bool is_database_file(const std::filesystem::path& p) {
    return p.filename() == "iamglass" || p.extension() == ".glass";
}

// Replaces the (empty) database in impl.dir by the one a bulk load compacted into `merged`,
// and reopens the writer on it. Readers opened before are retired (Impl::files).
core::Status install_merged(XapianIndex::Impl& impl, const std::filesystem::path& merged) {
    namespace fs = std::filesystem;
    try {
        impl.writer.close();
        for (const auto& e : fs::directory_iterator(impl.dir))
            if (e.is_regular_file() && is_database_file(e.path())) fs::remove(e.path());
        for (const auto& e : fs::directory_iterator(merged)) fs::rename(e.path(), fs::path(impl.dir) / e.path().filename());
        fs::remove_all(merged);
        impl.writer = Xapian::WritableDatabase(impl.dir, Xapian::DB_CREATE_OR_OPEN);
        impl.files.fetch_add(1);
        store_synonyms(impl);
    } catch (const fs::filesystem_error& e) {
        return core::fail(core::Error::unavailable(core::msg("search.index_unavailable", {e.what()})));
    } catch (...) {
        return core::fail(current_xapian_error());
    }
    return {};
}

}  // namespace

Xapian::Stem make_xapian_stem(std::shared_ptr<const DutchLemmatizer> lemmas, const Xapian::Database* known_terms) {
    return Xapian::Stem(new StemAdapter(std::move(lemmas), known_terms));
}

core::Error current_xapian_error() {
    try {
        throw;
    } catch (const Xapian::DatabaseLockError&) {
        return core::Error::unavailable(std::string(core::msg("search.index_locked")));
    } catch (const Xapian::DatabaseError& e) {
        return core::Error::unavailable(core::msg("search.index_unavailable", {e.get_msg()}));
    } catch (const Xapian::Error& e) {
        return core::Error::internal("Xapian: " + e.get_description());
    } catch (const std::exception& e) {
        return core::Error::internal(e.what());
    }
}

std::unique_ptr<Reader> XapianIndex::Impl::acquire() const {
    std::unique_ptr<Reader> r;
    {
        std::lock_guard lock(pool_mutex);
        if (!pool.empty()) {
            r = std::move(pool.back());
            pool.pop_back();
        }
    }
    auto now = std::chrono::steady_clock::now();
    auto current = generation.load();
    auto current_files = files.load();
    if (r && r->files != current_files) r.reset();
    if (!r) {
        r = std::make_unique<Reader>(Reader{Xapian::Database(dir), {}, {}, current, current_files, now, {}, 0, {}, 0});
        r->stem = make_xapian_stem(lemmas, &r->db);   // the Reader's address is stable from here on
        r->parser.set_database(r->db);
        r->parser.set_stemmer(r->stem);
        r->parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
        r->parser.set_default_op(Xapian::Query::OP_AND);
    } else if (r->generation != current || now - r->checked > cross_process_check) {
        r->db.reopen();
        r->generation = current;
        r->checked = now;
    }
    return r;
}

void XapianIndex::Impl::release(std::unique_ptr<Reader> reader) const {
    if (reader->files != files.load()) return;
    std::lock_guard lock(pool_mutex);
    pool.push_back(std::move(reader));
}

XapianIndex::Impl::~Impl() = default;

XapianIndex::XapianIndex(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
XapianIndex::~XapianIndex() = default;

core::Result<std::unique_ptr<XapianIndex>> XapianIndex::open(const std::string& dir, const IndexOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->dir = dir;
    impl->synonyms = options.synonyms;
    impl->fast_matching = options.fast_matching && cpu_has_popcnt();
    if (!options.hunspell_aff.empty() || !options.hunspell_dic.empty()) {
        auto lemmas = DutchLemmatizer::load(options.hunspell_aff, options.hunspell_dic);
        if (!lemmas) return core::fail(lemmas.error());
        impl->lemmas = *lemmas;
    }
    prepare_synonyms(*impl);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return core::fail(core::Error::unavailable(core::msg("search.index_unavailable", {ec.message()})));
    try {
        impl->writer = Xapian::WritableDatabase(dir, Xapian::DB_CREATE_OR_OPEN);
        auto& db = impl->writer;
        bool empty = db.get_doccount() == 0;
        bool synonyms_changed = store_synonyms(*impl);
        impl->needs_rebuild = !empty && (synonyms_changed || db.get_metadata(schema_key) != schema(*impl));
        if (empty) db.set_metadata(schema_key, schema(*impl));
        db.commit();
        impl->builder = std::make_unique<DocumentBuilder>(*impl);
    } catch (...) {
        return core::fail(current_xapian_error());
    }
    return std::unique_ptr<XapianIndex>(new XapianIndex(std::move(impl)));
}

bool XapianIndex::needs_rebuild() const { return m_impl->needs_rebuild; }

core::Status XapianIndex::put(const IndexedItem& in) {
    std::lock_guard lock(m_impl->write_mutex);
    try {
        if (!m_impl->bulk && m_impl->writer.get_doccount() == 0) {
            auto bulk = BulkLoad::start(*m_impl, std::filesystem::path(m_impl->dir) / bulk_dir, bulk_workers());
            if (!bulk) return core::fail(bulk.error());
            m_impl->bulk = std::move(*bulk);
        }
        if (m_impl->bulk) return m_impl->bulk->put(in);
        m_impl->writer.replace_document(id_term(in.item.id), m_impl->builder->build(in));
        if (m_impl->builder->pending_spelling_words() >= max_pending_spelling_words)
            m_impl->builder->flush_spelling(m_impl->writer);
    } catch (...) {
        return core::fail(current_xapian_error());
    }
    return {};
}

core::Status XapianIndex::remove(domain::ItemId id) {
    std::lock_guard lock(m_impl->write_mutex);
    if (m_impl->bulk) return m_impl->bulk->remove(id);
    try {
        m_impl->writer.delete_document(id_term(id));
    } catch (...) {
        return core::fail(current_xapian_error());
    }
    return {};
}

core::Status XapianIndex::commit(std::int64_t seq) {
    std::lock_guard lock(m_impl->write_mutex);
    if (m_impl->bulk) {
        auto bulk = std::move(m_impl->bulk);
        auto merged = std::filesystem::path(m_impl->dir) / merged_dir;
        std::error_code ec;
        std::filesystem::remove_all(merged, ec);
        auto done = bulk->finish(merged);
        bulk.reset();
        if (!done) return done;
        if (auto installed = install_merged(*m_impl, merged); !installed) return installed;
    }
    try {
        m_impl->builder->flush_spelling(m_impl->writer);
        if (m_impl->writer.get_doccount() > 0) m_impl->writer.set_metadata(schema_key, schema(*m_impl));
        m_impl->writer.set_metadata(seq_key, std::to_string(seq));
        m_impl->writer.commit();
    } catch (...) {
        return core::fail(current_xapian_error());
    }
    m_impl->generation.fetch_add(1);
    return {};
}

core::Result<std::int64_t> XapianIndex::applied_seq() const {
    auto value = with_reader(*m_impl, [](Reader& r) { return r.db.get_metadata(seq_key); });
    if (!value) return core::fail(value.error());
    std::int64_t seq = 0;
    if (!value->empty()) std::from_chars(value->data(), value->data() + value->size(), seq);
    return seq;
}

core::Result<long> XapianIndex::document_count() const {
    return with_reader(*m_impl, [](Reader& r) { return static_cast<long>(r.db.get_doccount()); });
}

}  // namespace gezondin::search
