#include "search/xapian/xapian_index.h"

#include <charconv>
#include <filesystem>

#include "core/messages.h"
#include "search/plain_text.h"
#include "search/xapian/facets.h"
#include "search/xapian/index_impl.h"
#include "search/xapian/stored_doc.h"

namespace gezondin::search {

namespace {

constexpr const char* seq_key = "gezondin.applied_seq";
constexpr const char* schema_key = "gezondin.schema";
constexpr const char* synonyms_key = "gezondin.synonyms";
constexpr auto cross_process_check = std::chrono::seconds(1);

class StemAdapter : public Xapian::StemImplementation {
public:
    explicit StemAdapter(std::shared_ptr<const DutchLemmatizer> lemmas) : m_stemmer(std::move(lemmas)) {}
    std::string operator()(const std::string& word) override { return m_stemmer.term(word); }
    std::string get_description() const override { return "gezondin-dutch"; }

private:
    DutchStemmer m_stemmer;
};

std::string id_term(domain::ItemId id) { return "Q" + std::to_string(id); }

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
    return std::string("1;") + (impl.lemmas ? "hunspell+snowball-dutch" : "snowball-dutch");
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

}  // namespace

Xapian::Stem make_xapian_stem(std::shared_ptr<const DutchLemmatizer> lemmas) {
    return Xapian::Stem(new StemAdapter(std::move(lemmas)));
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
    if (!r) {
        r = std::make_unique<Reader>(Reader{Xapian::Database(dir), make_xapian_stem(lemmas), {}, current, now});
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
    std::lock_guard lock(pool_mutex);
    pool.push_back(std::move(reader));
}

XapianIndex::XapianIndex(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
XapianIndex::~XapianIndex() = default;

core::Result<std::unique_ptr<XapianIndex>> XapianIndex::open(const std::string& dir, const IndexOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->dir = dir;
    impl->synonyms = options.synonyms;
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
        impl->indexer.set_stemmer(make_xapian_stem(impl->lemmas));
        impl->indexer.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        impl->indexer.set_database(db);
        impl->indexer.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    } catch (...) {
        return core::fail(current_xapian_error());
    }
    return std::unique_ptr<XapianIndex>(new XapianIndex(std::move(impl)));
}

bool XapianIndex::needs_rebuild() const { return m_impl->needs_rebuild; }

core::Status XapianIndex::put(const IndexedItem& in) {
    const auto& item = in.item;
    std::string body = markdown_to_plain(item.body);
    std::lock_guard lock(m_impl->write_mutex);
    try {
        Xapian::Document doc;
        auto& tg = m_impl->indexer;
        tg.set_document(doc);
        tg.index_text(item.title, 3);
        tg.increase_termpos(10);
        tg.index_text(item.summary, 2);
        tg.increase_termpos(10);
        tg.index_text(body);
        auto words = folded_words(item.title + "\n" + item.summary + "\n" + body);
        for (auto g : m_impl->matcher.groups_in(words)) doc.add_term(m_impl->concept_terms[g]);
        for (const auto& t : facet_terms(in)) doc.add_boolean_term(t);
        auto id = id_term(item.id);
        doc.add_boolean_term(id);
        doc.add_value(facets_slot, pack_facets(in));
        auto date = item.date.to_string();
        std::erase(date, '-');
        doc.add_value(date_slot, date);
        doc.set_data(encode_stored_doc(in, body));
        m_impl->writer.replace_document(id, doc);
    } catch (...) {
        return core::fail(current_xapian_error());
    }
    return {};
}

core::Status XapianIndex::remove(domain::ItemId id) {
    std::lock_guard lock(m_impl->write_mutex);
    try {
        m_impl->writer.delete_document(id_term(id));
    } catch (...) {
        return core::fail(current_xapian_error());
    }
    return {};
}

core::Status XapianIndex::commit(std::int64_t seq) {
    std::lock_guard lock(m_impl->write_mutex);
    try {
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
