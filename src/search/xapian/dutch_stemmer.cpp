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
    m_entries.reserve(1024);
    m_slots.assign(2048, 0);
}
DutchStemmer::~DutchStemmer() = default;

std::string known_term_key(std::string_view word) { return "gezondin.t:" + std::string(word); }

namespace {

std::uint64_t word_hash(std::string_view word) {
    std::uint64_t h = 14695981039346656037ULL;   // FNV-1a, then a final mix for the low bits
    for (char c : word) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}

}  // namespace

DutchStemmer::Entry& DutchStemmer::find_or_add(const std::string& word) {
    const std::uint64_t h = word_hash(word);
    std::size_t mask = m_slots.size() - 1, i = h & mask;
    for (; m_slots[i] != 0; i = (i + 1) & mask) {
        Entry& e = m_entries[m_slots[i] - 1];
        if (e.hash == h && e.word == word) return e;
    }
    std::string result;
    if (!m_known || !m_known(word, result)) {
        std::string base = m_lemmas ? m_lemmas->lemma(word) : word;
        result = m_snowball->stem(core::fold_diacritics_lower(base));
    }
    if (m_entries.size() >= max_cache_entries) {
        for (auto& e : m_entries)
            if (e.count) m_evicted_counts.push_back({std::move(e.word), std::move(e.term), e.count, e.reported});
        m_entries.clear();
        std::fill(m_slots.begin(), m_slots.end(), 0u);
    } else if ((m_entries.size() + 1) * 2 > m_slots.size()) {   // at most half full
        m_slots.assign(m_slots.size() * 2, 0u);
        mask = m_slots.size() - 1;
        for (std::size_t k = 0; k < m_entries.size(); ++k) {
            std::size_t s = m_entries[k].hash & mask;
            while (m_slots[s] != 0) s = (s + 1) & mask;
            m_slots[s] = static_cast<std::uint32_t>(k + 1);
        }
    }
    mask = m_slots.size() - 1;
    for (i = h & mask; m_slots[i] != 0; i = (i + 1) & mask) {
    }
    m_entries.push_back(Entry{word, std::move(result), h, 0, false});
    m_slots[i] = static_cast<std::uint32_t>(m_entries.size());
    return m_entries.back();
}

std::string DutchStemmer::term(const std::string& lower_word) {
    Entry& e = find_or_add(lower_word);
    if (m_count == CountWords::Yes) {
        if (e.count == 0) ++m_counted;
        e.count += m_count_step;
    }
    return e.term;
}

}  // namespace gezondin::search
