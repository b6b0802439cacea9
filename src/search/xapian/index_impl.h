#pragma once
// The state behind XapianIndex, shared by xapian_index.cpp (writing) and xapian_search.cpp
// (reading). Internal to the adapter.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "search/synonyms.h"
#include "search/xapian/doc_sets.h"
#include "search/xapian/dutch_stemmer.h"
#include "search/xapian/facets.h"
#include "search/xapian/xapian_index.h"

namespace gezondin::search {

class BulkLoad;
class DocumentBuilder;

// A Xapian::Stem backed by a DutchStemmer of its own (so: one per thread). With `known_terms`
// (which must outlive the Stem) it first looks for the terms the indexer stored in that database.
Xapian::Stem make_xapian_stem(std::shared_ptr<const DutchLemmatizer> lemmas, const Xapian::Database* known_terms = nullptr);

// One database reader with its parser; used by one thread at a time.
struct Reader {
    Xapian::Database db;
    Xapian::Stem stem;
    Xapian::QueryParser parser;
    std::uint64_t generation = 0;
    std::uint64_t files = 0;   // Impl::files when opened
    std::chrono::steady_clock::time_point checked;
    std::optional<FacetSlugs> slugs;   // of revision slugs_revision
    Xapian::rev slugs_revision = 0;
    std::shared_ptr<const FacetTable> facet_table;   // of revision facet_table_revision
    Xapian::rev facet_table_revision = 0;

    // The facet slugs of the revision the reader is at.
    const FacetSlugs& facet_slugs() {
        if (!slugs || slugs_revision != db.get_revision()) {
            slugs = FacetSlugs::read(db);
            slugs_revision = db.get_revision();
        }
        return *slugs;
    }
    // The facet values of the revision the reader is at, shared through `cache`.
    const FacetTable& facets(const FacetTableCache& cache) {
        const auto revision = db.get_revision();
        if (!facet_table || facet_table_revision != revision) {
            facet_table = cache.get(db, files, revision);
            facet_table_revision = revision;
        }
        return *facet_table;
    }
};

struct XapianIndex::Impl {
    std::string dir;
    std::shared_ptr<const DutchLemmatizer> lemmas;
    std::vector<SynonymGroup> synonyms;
    SynonymMatcher matcher{{}};
    std::vector<std::string> concept_terms;            // per synonym group: "XC" + name
    std::unordered_set<std::string> synonym_words;     // folded words of all variants (no spelling fixes)
    bool needs_rebuild = false;

    mutable std::mutex write_mutex;
    Xapian::WritableDatabase writer;
    std::unique_ptr<DocumentBuilder> builder;   // for put() into a non-empty index
    std::unique_ptr<BulkLoad> bulk;             // while a load into an empty index runs

    ~Impl();

    // Bumped after every commit so readers know to reopen.
    std::atomic<std::uint64_t> generation{1};
    // Bumped when a bulk load replaced the database files: readers opened before must be
    // opened anew (reopen() would mix old open files with the new version file).
    std::atomic<std::uint64_t> files{0};
    mutable FacetCountCache empty_text_counts;
    FacetTableCache facet_tables;
    bool fast_matching = true;   // IndexOptions::fast_matching
    // Posting bitmaps of the fast matcher: ~30 KB for a word in a quarter of 100,000 items.
    static constexpr std::size_t postings_cache_bytes = std::size_t{48} << 20;
    PostingsCache postings{postings_cache_bytes};
    mutable std::mutex pool_mutex;
    mutable std::vector<std::unique_ptr<Reader>> pool;

    std::unique_ptr<Reader> acquire() const;
    void release(std::unique_ptr<Reader> reader) const;
};

// Borrows a reader from the pool for one call; returns it unless discard() was called.
class ReaderLease {
public:
    explicit ReaderLease(const XapianIndex::Impl& impl) : m_impl(impl), m_reader(impl.acquire()) {}
    ~ReaderLease() {
        if (m_reader) m_impl.release(std::move(m_reader));
    }
    ReaderLease(const ReaderLease&) = delete;
    ReaderLease& operator=(const ReaderLease&) = delete;
    Reader& operator*() const { return *m_reader; }
    Reader* operator->() const { return m_reader.get(); }
    void discard() { m_reader.reset(); }

private:
    const XapianIndex::Impl& m_impl;
    std::unique_ptr<Reader> m_reader;
};

// Turns the exception in flight into an Error; call only inside a catch block.
core::Error current_xapian_error();

// Runs `fn(Reader&)` with a borrowed reader and returns its result; Xapian exceptions become
// Errors. When the writer changed the database under the reader (DatabaseModifiedError) the
// reader is reopened and `fn` runs again (a few times: quick commits can overtake a reader
// more than once); a reader that failed otherwise is discarded.
constexpr int max_reader_retries = 5;

template <typename Fn>
auto with_reader(const XapianIndex::Impl& impl, Fn&& fn) -> core::Result<decltype(fn(std::declval<Reader&>()))> {
    for (int attempt = 0;; ++attempt) {
        try {
            ReaderLease reader(impl);  // opening or reopening may also meet a commit in progress
            try {
                return fn(*reader);
            } catch (const Xapian::DatabaseModifiedError&) {
                reader->db.reopen();
                throw;
            } catch (...) {
                reader.discard();
                throw;
            }
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= max_reader_retries) return core::fail(current_xapian_error());
        } catch (...) {
            return core::fail(current_xapian_error());
        }
    }
}

}  // namespace gezondin::search
