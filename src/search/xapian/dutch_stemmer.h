#pragma once
// Dutch word forms for the search index: Hunspell lemmas (OpenTaal dictionary) with the
// Snowball "dutch" stemmer as fallback, diacritics folded. The index term of a word is
//   snowball(fold(shortest Hunspell lemma of the word, or the word itself))
// so that gemeente/gemeenten, wijk/wijken, fiets/fietsen, gezondheidsverschil/
// gezondheidsverschillen and geinspireerd/geïnspireerd meet. A word Hunspell does not know is
// retried with a diaeresis on a vowel that follows another vowel (ideeen -> ideeën), which is
// the common way Dutch words lose their diacritics when typed.
// This header does not include Xapian or Hunspell.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace gezondin::search {

// The Hunspell dictionary. Thread-safe (calls are serialised); share one per process.
class DutchLemmatizer {
public:
    // Loads the .aff/.dic pair; Unavailable when a file is missing or unreadable.
    static core::Result<std::shared_ptr<const DutchLemmatizer>> load(const std::string& aff_path,
                                                                      const std::string& dic_path);
    ~DutchLemmatizer();

    // The shortest lemma of a lower-case word, or `word` itself when Hunspell does not know it
    // (also not with a diaeresis added).
    std::string lemma(const std::string& word) const;
    // True when Hunspell accepts the lower-case word as it is (a correctly spelt word).
    bool knows(const std::string& word) const;

private:
    struct Impl;
    explicit DutchLemmatizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Maps lower-case words to index terms (without the "Z" prefix). Keeps a cache of the words it
// has seen. Not thread-safe: one per thread (or per pooled reader).
//
// With CountWords::Yes it also counts how often it was asked for each word, so that an indexer
// can fill Xapian's spelling table with one add_spelling(word, count) per distinct word instead
// of one call per word occurrence (the count lives in the cache entry: no second look-up).
enum class CountWords { No, Yes };

// Words up to this size have their index term stored in the index (see known_term_key), so
// that readers need not ask Hunspell again for words the indexer already looked up.
constexpr std::size_t max_known_term_word_bytes = 64;
// The metadata key under which the index term of `word` is stored.
std::string known_term_key(std::string_view word);

class DutchStemmer {
public:
    // `lemmas` may be null: Snowball only.
    explicit DutchStemmer(std::shared_ptr<const DutchLemmatizer> lemmas, CountWords count = CountWords::No);
    ~DutchStemmer();
    DutchStemmer(const DutchStemmer&) = delete;
    DutchStemmer& operator=(const DutchStemmer&) = delete;

    std::string term(const std::string& lower_word);

    // Where to find terms computed before (by an indexer, stored in the index): returns true
    // and sets `term` when it knows `word`. Asked before Hunspell for words not in the cache.
    using KnownTerms = std::function<bool(const std::string& word, std::string& term)>;
    void set_known_terms(KnownTerms known) { m_known = std::move(known); }
    // With CountWords::Yes: how much each term() call adds to the word's count (1 unless the
    // caller stems one occurrence on behalf of several).
    void set_count_step(unsigned step) { m_count_step = step; }

    // Calls fn(word, term, count, first) for every word counted since the last call, then
    // forgets the counts; `first` is false when this stemmer reported the word before (a word
    // dropped from the full cache and met again counts as new).
    template <typename Fn>
    void drain_counts(Fn&& fn) {
        for (auto& e : m_evicted_counts) fn(e.word, e.term, e.count, !e.reported);
        m_evicted_counts.clear();
        for (auto& entry : m_entries)
            if (entry.count) {
                fn(entry.word, entry.term, std::exchange(entry.count, 0u), !entry.reported);
                entry.reported = true;
            }
        m_counted = 0;
    }
    // Distinct words counted since the last drain_counts() (an upper bound).
    std::size_t counted_words() const { return m_counted; }

private:
    struct Snowball;
    struct Entry {
        std::string word;
        std::string term;
        std::uint64_t hash = 0;
        unsigned count = 0;
        bool reported = false;   // by drain_counts
    };
    struct Evicted {
        std::string word;
        std::string term;
        unsigned count = 0;
        bool reported = false;
    };
    std::shared_ptr<const DutchLemmatizer> m_lemmas;
    std::unique_ptr<Snowball> m_snowball;
    CountWords m_count;
    KnownTerms m_known;
    unsigned m_count_step = 1;
    // The cache: an open-addressing table (linear probing) of indexes into m_entries. Every word
    // of every document is looked up here, and a node-based map spent most of that time on
    // cache misses.
    std::vector<Entry> m_entries;
    std::vector<std::uint32_t> m_slots;   // index + 1 into m_entries; 0: empty. Size: a power of two
    Entry& find_or_add(const std::string& word);
    std::vector<Evicted> m_evicted_counts;   // counted words dropped from the cache
    std::size_t m_counted = 0;
};

}  // namespace gezondin::search
