#pragma once
// Posting data held in memory for the fast matcher (fast_match.h). Internal to the Xapian adapter.
//
// Xapian decodes a posting list entry by entry (about 16 ns each on this machine), also when it
// only skips: an AND of two words found in most items reads ~140,000 entries, ~2 ms, even for a
// page of ten. Held as a bitmap with the wdf beside it, such a list costs ~19 KB plus 2 bytes a
// document and is read once per index revision; AND/OR of bitmaps then take microseconds.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace gezondin::search {

// Compiled with POPCNT (src/search/xapian/CMakeLists.txt): use only where cpu_has_popcnt().
bool cpu_has_popcnt();

// Xapian::BM25Weight's default parameters, which the fast matcher reproduces.
constexpr double bm25_k1 = 1.0;
constexpr double bm25_b = 0.5;
constexpr double bm25_min_normlen = 0.5;
// The part of BM25's denominator that depends on the document: k1 * (normlen * b + (1 - b)).
inline double bm25_length_norm(Xapian::termcount length, double average_length) {
    const double len_factor = average_length > 0 ? 1.0 / average_length : 0.0;
    const double normlen = std::max(length * len_factor, bm25_min_normlen);
    return bm25_k1 * (normlen * bm25_b + (1 - bm25_b));
}

// A set of document ids of one database revision: a bitmap over [0, last docid].
class DocSet {
public:
    DocSet() = default;
    explicit DocSet(Xapian::docid last) : m_words(last / 64 + 1, 0) {}

    void add(Xapian::docid did) { m_words[did / 64] |= std::uint64_t{1} << (did % 64); }
    bool contains(Xapian::docid did) const {
        const std::size_t w = did / 64;
        return w < m_words.size() && ((m_words[w] >> (did % 64)) & 1u) != 0;
    }
    // Set operations with a set of the same revision (same size).
    void intersect(const DocSet& other);
    void unite(const DocSet& other);
    void subtract(const DocSet& other);
    void symmetric_difference(const DocSet& other);

    std::size_t count() const;
    // The number of members also in `other`.
    std::size_t count_common(const DocSet& other) const;
    std::size_t bytes() const { return m_words.size() * sizeof(std::uint64_t); }
    const std::vector<std::uint64_t>& words() const { return m_words; }

    // Calls fn(docid) for each member, in increasing order.
    template <typename Fn>
    void for_each(Fn&& fn) const {
        for (std::size_t w = 0; w < m_words.size(); ++w)
            for (std::uint64_t bits = m_words[w]; bits != 0; bits &= bits - 1)
                fn(static_cast<Xapian::docid>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
    }

private:
    std::vector<std::uint64_t> m_words;
};

// The documents of one term with the term's wdf in each (capped at 65,535: BM25 saturates
// long before), and its document frequency.
class TermPostings {
public:
    // Reads the posting list of `term` ("" = every document) from `db`.
    static std::shared_ptr<const TermPostings> read(const Xapian::Database& db, const std::string& term);

    const DocSet& docs() const { return m_docs; }
    Xapian::doccount frequency() const { return m_frequency; }
    // The wdf of `did`, 0 when the term is not in it.
    Xapian::termcount wdf(Xapian::docid did) const {
        if (m_wdf.empty() || !m_docs.contains(did)) return 0;
        return member_wdf(did);
    }
    // The wdf of `did`, which must be in docs().
    Xapian::termcount member_wdf(Xapian::docid did) const {
        if (m_wdf.empty()) return 0;
        const std::size_t w = did / 64;
        const std::uint64_t before = m_docs.words()[w] & ((std::uint64_t{1} << (did % 64)) - 1);
        return m_wdf[m_rank[w] + static_cast<std::size_t>(std::popcount(before))];
    }
    std::size_t bytes() const;

private:
    DocSet m_docs;
    std::vector<std::uint32_t> m_rank;   // per bitmap word: members in the words before it
    std::vector<std::uint16_t> m_wdf;    // by rank; empty when every wdf is 0 (boolean terms)
    Xapian::doccount m_frequency = 0;
};

// The TermPostings of the newest index revision, read on first use and kept up to a memory
// budget (least recently used ones go first). Thread-safe.
class PostingsCache {
public:
    explicit PostingsCache(std::size_t max_bytes) : m_max_bytes(max_bytes) {}

    // The postings of `term` at revision `revision` of files generation `files` of `db`.
    // A request for an older revision than the cached one is answered without caching.
    std::shared_ptr<const TermPostings> get(const Xapian::Database& db, std::uint64_t files, Xapian::rev revision,
                                            const std::string& term) const;

private:
    struct Entry {
        std::shared_ptr<const TermPostings> postings;
        std::list<std::string>::iterator use;
    };

    const std::size_t m_max_bytes;
    mutable std::mutex m_mutex;
    mutable std::uint64_t m_files = 0;
    mutable Xapian::rev m_revision = 0;
    mutable std::size_t m_bytes = 0;
    mutable std::list<std::string> m_uses;   // most recently used first
    mutable std::unordered_map<std::string, Entry> m_entries;
};

}  // namespace gezondin::search
