// Recall of Dutch word forms: the share of pairs in data/word_forms.txt whose two forms get
// the same index term.
#include <iostream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "core/text.h"
#include "search/xapian/dutch_stemmer.h"
#include "test_index.h"

using namespace gezondin::search;

namespace {

constexpr double minimum_recall = 0.85;

constexpr double minimum_holdout_recall = 0.75;

std::vector<std::pair<std::string, std::string>> word_pairs(const char* file = "word_forms.txt") {
    std::vector<std::pair<std::string, std::string>> pairs;
    std::istringstream in(test::read_file(std::string(GEZONDIN_SOURCE_DIR) + "/tests/search/data/" + file));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string a, b;
        if (words >> a >> b) pairs.emplace_back(a, b);
    }
    return pairs;
}

double recall(DutchStemmer& stemmer, const std::vector<std::pair<std::string, std::string>>& pairs, bool print_misses) {
    int met = 0;
    for (const auto& [a, b] : pairs) {
        auto ta = stemmer.term(a), tb = stemmer.term(b);
        if (ta == tb) ++met;
        else if (print_misses) std::cout << "  miss: " << a << " -> " << ta << ", " << b << " -> " << tb << "\n";
    }
    return static_cast<double>(met) / static_cast<double>(pairs.size());
}

}  // namespace

TEST(DutchWordForms, HunspellLemmasMeetMostWordFormPairs) {
    auto pairs = word_pairs();
    ASSERT_GE(pairs.size(), 40u);
    auto lemmas = DutchLemmatizer::load("/usr/share/hunspell/nl.aff", "/usr/share/hunspell/nl.dic");
    ASSERT_TRUE(lemmas.has_value()) << lemmas.error().message();
    DutchStemmer combined(*lemmas);
    DutchStemmer snowball_only(nullptr);
    double with_hunspell = recall(combined, pairs, true);
    double baseline = recall(snowball_only, pairs, false);
    std::cout << "word-form recall on " << pairs.size() << " pairs: hunspell+snowball " << with_hunspell
              << ", snowball only " << baseline << "\n";
    RecordProperty("recall_hunspell_snowball", std::to_string(with_hunspell));
    RecordProperty("recall_snowball_only", std::to_string(baseline));
    EXPECT_GE(with_hunspell, minimum_recall);
    EXPECT_GT(with_hunspell, baseline);
}

// Pairs written after the rules in dutch_stemmer.cpp were tuned on word_forms.txt.
TEST(DutchWordForms, HoldOutPairsMeetToo) {
    auto pairs = word_pairs("word_forms_holdout.txt");
    ASSERT_GE(pairs.size(), 30u);
    auto lemmas = DutchLemmatizer::load("/usr/share/hunspell/nl.aff", "/usr/share/hunspell/nl.dic");
    ASSERT_TRUE(lemmas.has_value());
    DutchStemmer combined(*lemmas);
    DutchStemmer snowball_only(nullptr);
    double with_hunspell = recall(combined, pairs, true);
    double baseline = recall(snowball_only, pairs, false);
    std::cout << "hold-out recall on " << pairs.size() << " pairs: hunspell+snowball " << with_hunspell
              << ", snowball only " << baseline << "\n";
    EXPECT_GE(with_hunspell, minimum_holdout_recall);
}

TEST(DutchWordForms, NamedPairsFromTheRequirementsMeet) {
    auto lemmas = DutchLemmatizer::load("/usr/share/hunspell/nl.aff", "/usr/share/hunspell/nl.dic");
    ASSERT_TRUE(lemmas.has_value());
    DutchStemmer s(*lemmas);
    EXPECT_EQ(s.term("gemeente"), s.term("gemeenten"));
    EXPECT_EQ(s.term("wijk"), s.term("wijken"));
    EXPECT_EQ(s.term("fiets"), s.term("fietsen"));
    EXPECT_EQ(s.term("gezondheidsverschil"), s.term("gezondheidsverschillen"));
    EXPECT_EQ(s.term("wijkteam"), s.term("wijkteams"));
    EXPECT_EQ(s.term("geinspireerd"), s.term("geïnspireerd"));
    EXPECT_NE(s.term("wijk"), s.term("fiets"));
}

TEST(DutchWordForms, MissingDictionaryIsUnavailable) {
    auto lemmas = DutchLemmatizer::load("/nonexistent/nl.aff", "/nonexistent/nl.dic");
    ASSERT_FALSE(lemmas.has_value());
    EXPECT_EQ(lemmas.error().code(), gezondin::core::ErrorCode::Unavailable);
}

// The stemmer's cache: the same term for a word before and after the table grows and after it
// is emptied at its size limit, and every counted occurrence reported once by drain_counts.
TEST(DutchStemmerCache, TermsAndCountsSurviveGrowthAndEviction) {
    DutchStemmer stemmer(nullptr, CountWords::Yes);
    const std::string first = stemmer.term("fietsen");
    std::map<std::string, unsigned> expected;
    const int distinct = 210000;   // more than the cache holds: one eviction
    for (int i = 0; i < distinct; ++i) {
        std::string word = "woord" + std::to_string(i);
        stemmer.term(word);
        ++expected[word];
        if (i % 1000 == 0) {
            stemmer.term(word);   // counted twice
            ++expected[word];
        }
    }
    ++expected["fietsen"];
    stemmer.set_count_step(5);
    EXPECT_EQ(stemmer.term("fietsen"), first);   // after eviction: computed again, the same
    expected["fietsen"] += 5;
    std::map<std::string, unsigned> counted;
    std::map<std::string, int> firsts;
    stemmer.drain_counts([&](const std::string& word, const std::string& term, unsigned n, bool is_first) {
        counted[word] += n;
        EXPECT_FALSE(term.empty()) << word;
        if (is_first) ++firsts[word];
    });
    EXPECT_EQ(counted, expected);
    EXPECT_EQ(firsts["woord7"], 1);
    EXPECT_EQ(stemmer.counted_words(), 0u);
    bool again = true;
    const std::string last = "woord" + std::to_string(distinct - 1);   // still in the cache
    stemmer.term(last);
    stemmer.drain_counts([&](const std::string& word, const std::string&, unsigned, bool is_first) {
        if (word == last) again = is_first;
    });
    EXPECT_FALSE(again) << last << " was reported before";
}
