#include "search/xapian/dutch_stemmer.h"

#include <algorithm>
#include <filesystem>
#include <mutex>

#include <hunspell/hunspell.hxx>
#include <xapian.h>

#include "core/messages.h"
#include "core/text.h"

namespace gezondin::search {

namespace {

constexpr std::size_t max_cache_entries = 200000;
constexpr std::size_t max_lemma_word_bytes = 64;   // longer "words" are codes or garbage

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

const char* diaeresis(char c) {
    switch (c) {
        case 'e': return "\u00EB";
        case 'i': return "\u00EF";
        case 'o': return "\u00F6";
        case 'u': return "\u00FC";
        default: return nullptr;
    }
}

bool worth_a_lookup(const std::string& w) {
    if (w.size() < 3 || w.size() > max_lemma_word_bytes) return false;
    for (char c : w)
        if (c >= '0' && c <= '9') return false;
    return true;
}

// Inflection adds at most a few bytes (kind -> kinderen); a much shorter "lemma" is a compound part.
bool plausible_lemma(const std::string& lemma, const std::string& word) {
    return lemma.size() + 4 >= word.size() && lemma.size() * 10 >= word.size() * 6;
}

bool ends_like_plural(const std::string& w) { return w.ends_with("en") || w.ends_with('s') || w.ends_with('n'); }

bool is_ascii(const std::string& w) {
    for (char c : w)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

}  // namespace

struct DutchLemmatizer::Impl {
    mutable std::mutex mutex;
    mutable Hunspell hunspell;
    Impl(const std::string& aff, const std::string& dic) : hunspell(aff.c_str(), dic.c_str()) {}

    // The lemma to index `word` under. Hunspell also offers the first part of a compound
    // (moestuin -> moes), the positive of a comparative (vrijwilliger -> vrijwillig) and a verb
    // stem (buurt -> buur), which would join unrelated words; so a lemma must keep most of the
    // word, and a word that is a lemma itself keeps itself unless it ends like a plural or an
    // infinitive (fietsen -> fiets, wijken -> wijk).
    std::string best_lemma(const std::string& word) const {
        auto stems = hunspell.stem(word);
        bool word_is_lemma = std::find(stems.begin(), stems.end(), word) != stems.end();
        if (word_is_lemma && !ends_like_plural(word)) return word;
        std::string best;
        for (auto& s : stems) {
            if (!plausible_lemma(s, word)) continue;
            if (best.empty() || s.size() < best.size()) best = std::move(s);
        }
        return best;
    }
};

core::Result<std::shared_ptr<const DutchLemmatizer>> DutchLemmatizer::load(const std::string& aff_path,
                                                                             const std::string& dic_path) {
    std::error_code ec;
    for (const auto& p : {aff_path, dic_path})
        if (!std::filesystem::is_regular_file(p, ec))
            return core::fail(core::Error::unavailable(core::msg("search.dictionary_missing", {p})));
    auto impl = std::make_unique<Impl>(aff_path, dic_path);
    if (!impl->hunspell.spell(std::string("gemeente")))
        return core::fail(core::Error::unavailable(core::msg("search.dictionary_missing", {dic_path})));
    return std::shared_ptr<const DutchLemmatizer>(new DutchLemmatizer(std::move(impl)));
}

DutchLemmatizer::DutchLemmatizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DutchLemmatizer::~DutchLemmatizer() = default;

std::string DutchLemmatizer::lemma(const std::string& word) const {
    if (!worth_a_lookup(word)) return word;
    std::lock_guard lock(m_impl->mutex);
    if (auto best = m_impl->best_lemma(word); !best.empty()) return best;
    if (!is_ascii(word)) return word;
    // Typed without diacritics? Try a diaeresis on each vowel that follows a vowel.
    for (std::size_t i = 1; i < word.size(); ++i) {
        const char* d = is_vowel(word[i - 1]) ? diaeresis(word[i]) : nullptr;
        if (!d) continue;
        std::string variant = word.substr(0, i) + d + word.substr(i + 1);
        if (auto best = m_impl->best_lemma(variant); !best.empty()) return best;
    }
    return word;
}

bool DutchLemmatizer::knows(const std::string& word) const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->hunspell.spell(word);
}

struct DutchStemmer::Snowball {
    Xapian::Stem stem{"dutch"};
};

DutchStemmer::DutchStemmer(std::shared_ptr<const DutchLemmatizer> lemmas, CountWords count)
    : m_lemmas(std::move(lemmas)), m_snowball(std::make_unique<Snowball>()), m_count(count) {
    m_cache.reserve(1024);
}
DutchStemmer::~DutchStemmer() = default;

std::string known_term_key(std::string_view word) { return "gezondin.t:" + std::string(word); }

std::string DutchStemmer::term(const std::string& lower_word) {
    auto it = m_cache.find(lower_word);
    if (it == m_cache.end()) {
        std::string result;
        if (!m_known || !m_known(lower_word, result)) {
            std::string base = m_lemmas ? m_lemmas->lemma(lower_word) : lower_word;
            result = m_snowball->stem(core::fold_diacritics_lower(base));
        }
        if (m_cache.size() >= max_cache_entries) {
            for (auto& [word, entry] : m_cache)
                if (entry.count) m_evicted_counts.push_back({word, entry.term, entry.count, entry.reported});
            m_cache.clear();
        }
        it = m_cache.emplace(lower_word, Entry{std::move(result), 0}).first;
    }
    if (m_count == CountWords::Yes) {
        if (it->second.count == 0) ++m_counted;
        it->second.count += m_count_step;
    }
    return it->second.term;
}

}  // namespace gezondin::search
