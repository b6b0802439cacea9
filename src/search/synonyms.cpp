#include "search/synonyms.h"

#include <algorithm>
#include <set>

#include "core/messages.h"
#include "core/text.h"

namespace gezondin::search {

namespace {

constexpr std::size_t max_variant_bytes = 120;
constexpr std::size_t max_variant_words = 10;

// Length of a multi-byte separator starting at s[i] (typographic punctuation), or 0.
std::size_t separator_length(std::string_view s, std::size_t i) {
    static constexpr std::string_view separators[] = {
        "\u2018", "\u2019", "\u201C", "\u201D", "\u2013", "\u2014", "\u2026", "\u00A0", "\u00AB", "\u00BB"};
    for (auto sep : separators)
        if (s.substr(i, sep.size()) == sep) return sep.size();
    return 0;
}

bool is_word_byte(char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

namespace {

// Calls fn(word) for each word of an already folded text (see folded_words).
template <typename Fn>
void for_each_folded_word(std::string_view folded, Fn&& fn) {
    std::size_t start = 0, i = 0;
    auto flush = [&](std::size_t end) {
        if (end > start) fn(folded.substr(start, end - start));
    };
    while (i < folded.size()) {
        std::size_t n = static_cast<unsigned char>(folded[i]) >= 0x80 ? separator_length(folded, i) : 0;
        if (n == 0 && is_word_byte(folded[i])) {
            ++i;
            continue;
        }
        flush(i);
        i += n > 0 ? n : 1;
        start = i;
    }
    flush(i);
}

}  // namespace

std::vector<std::string> folded_words(std::string_view text) {
    const std::string folded = core::fold_diacritics_lower(text);
    std::vector<std::string> words;
    for_each_folded_word(folded, [&](std::string_view w) { words.emplace_back(w); });
    return words;
}

core::Result<std::vector<SynonymGroup>> parse_synonyms(std::string_view text) {
    std::vector<SynonymGroup> groups;
    std::vector<core::FieldProblem> problems;
    std::set<std::vector<std::string>> seen;
    long line_no = 0;
    for (auto line : core::split(text, '\n')) {
        ++line_no;
        line = core::trim(line.substr(0, line.find('#')));
        if (line.empty()) continue;
        auto bad = [&](const char* key) { problems.push_back({"synoniemen", std::string(core::msg(key)), line_no}); };
        if (!core::is_valid_utf8(line)) { bad("search.synonyms_not_utf8"); continue; }
        SynonymGroup group;
        bool ok = true;
        for (auto part : core::split(line, '|')) {
            auto variant = core::trim(part);
            auto words = folded_words(variant);
            if (words.empty() || variant.size() > max_variant_bytes || words.size() > max_variant_words) { ok = false; break; }
            if (!seen.insert(words).second) { ok = false; break; }
            group.variants.emplace_back(variant);
        }
        if (!ok || group.variants.size() < 2) { bad("search.synonyms_bad_line"); continue; }
        groups.push_back(std::move(group));
    }
    if (!problems.empty())
        return core::fail(core::Error::invalid_input(std::string(core::msg("search.synonyms_bad_file")), std::move(problems)));
    return groups;
}

SynonymMatcher::SynonymMatcher(const std::vector<SynonymGroup>& groups) : m_group_count(groups.size()) {
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (const auto& v : groups[g].variants) {
            auto words = folded_words(v);
            if (words.empty()) continue;
            auto first = words.front();
            m_by_first_word[first].push_back({std::move(words), g});
        }
}

template <typename Word>
std::vector<std::size_t> SynonymMatcher::match(const std::vector<Word>& words) const {
    std::vector<bool> found(m_group_count, false);
    for (std::size_t i = 0; i < words.size(); ++i) {
        auto it = m_by_first_word.find(std::string_view(words[i]));
        if (it == m_by_first_word.end()) continue;
        for (const auto& v : it->second) {
            if (found[v.group] || i + v.words.size() > words.size()) continue;
            if (std::equal(v.words.begin(), v.words.end(), words.begin() + static_cast<std::ptrdiff_t>(i),
                           [](const std::string& a, const Word& b) { return std::string_view(a) == std::string_view(b); }))
                found[v.group] = true;
        }
    }
    std::vector<std::size_t> out;
    for (std::size_t g = 0; g < found.size(); ++g)
        if (found[g]) out.push_back(g);
    return out;
}

std::vector<std::size_t> SynonymMatcher::groups_in(const std::vector<std::string>& words) const { return match(words); }

std::vector<std::size_t> SynonymMatcher::groups_in_text(std::string_view text) const {
    const std::string folded = core::fold_diacritics_lower(text);
    std::vector<std::string_view> words;
    words.reserve(folded.size() / 6);
    for_each_folded_word(folded, [&](std::string_view w) { words.push_back(w); });
    return match(words);
}

}  // namespace gezondin::search
