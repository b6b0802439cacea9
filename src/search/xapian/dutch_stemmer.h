#pragma once
// Dutch word forms for the search index: Hunspell lemmas (OpenTaal dictionary) with the
// Snowball "dutch" stemmer as fallback, diacritics folded. The index term of a word is
//   snowball(fold(shortest Hunspell lemma of the word, or the word itself))
// so that gemeente/gemeenten, wijk/wijken, fiets/fietsen, gezondheidsverschil/
// gezondheidsverschillen and geinspireerd/geïnspireerd meet. A word Hunspell does not know is
// retried with a diaeresis on a vowel that follows another vowel (ideeen -> ideeën), which is
// the common way Dutch words lose their diacritics when typed.
// This header does not include Xapian or Hunspell.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

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

private:
    struct Impl;
    explicit DutchLemmatizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Maps lower-case words to index terms (without the "Z" prefix). Keeps a cache of the words it
// has seen. Not thread-safe: one per thread (or per pooled reader).
class DutchStemmer {
public:
    // `lemmas` may be null: Snowball only.
    explicit DutchStemmer(std::shared_ptr<const DutchLemmatizer> lemmas);
    ~DutchStemmer();
    DutchStemmer(const DutchStemmer&) = delete;
    DutchStemmer& operator=(const DutchStemmer&) = delete;

    std::string term(const std::string& lower_word);

private:
    struct Snowball;
    std::shared_ptr<const DutchLemmatizer> m_lemmas;
    std::unique_ptr<Snowball> m_snowball;
    std::unordered_map<std::string, std::string> m_cache;
};

}  // namespace gezondin::search
