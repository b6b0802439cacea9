// Hostile queries and concurrent use of a real Xapian index.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "test_index.h"

using namespace gezondin;
using namespace gezondin::search;
using namespace gezondin::search::test;

namespace {

std::unique_ptr<XapianIndex> open_with_items(const TempDir& dir, int count) {
    auto index = std::move(XapianIndex::open(dir.path(), project_options()).value());
    for (int i = 1; i <= count; ++i)
        EXPECT_TRUE(index->put(make_item({.id = i, .title = "Wijkaanpak " + std::to_string(i),
                                          .body = "Gezondheid in de wijk (met \"quotes\") AND/OR NOT meer."}))
                        .has_value());
    EXPECT_TRUE(index->commit(1).has_value());
    return index;
}

}  // namespace

TEST(XapianHostileQueries, NeverThrowAndGiveResultsOrInvalidInput) {
    TempDir dir;
    auto index = open_with_items(dir, 5);
    std::vector<std::string> queries = {
        "\"wijk", "wijk\"", "\"\"\"", "AND", "OR wijk", "wijk NOT", "NOT", "( wijk", "wijk )", ")(", "+", "-", "+-wijk",
        "wijk AND AND OR", "\"wijk AND (gezondheid", "*", "wijk*", "title:wijk", "a:b:c", "NEAR", "wijk NEAR/3",
        "ADJ/ wijk", "~wijk", "\\", "'", "wijk''s", std::string(10 * 1024, 'a'), std::string(10 * 1024, '('),
        std::string("wijk\xff\xfe"), std::string("\xc3"), std::string("\xed\xa0\x80"), std::string(1, '\0'),
        "wijk\0wijk", "🙂 wijk", "(((((((((((((((((((((wijk", std::string(999, '"'), "wijk -", "wijk +", "\" AND \"",
    };
    std::string many_words;
    for (int i = 0; i < 160; ++i) many_words += "wijk OR ";
    queries.push_back(many_words);
    for (const auto& text : queries) {
        auto r = index->search(text_query(text));
        if (!r) {
            EXPECT_EQ(r.error().code(), core::ErrorCode::InvalidInput) << text.substr(0, 40) << ": " << r.error().message();
        }
    }
    auto parenthesised = index->search(text_query("( wijk"));
    ASSERT_TRUE(parenthesised.has_value());
    EXPECT_EQ(parenthesised->total, 5);
    EXPECT_FALSE(index->search(text_query(std::string(10 * 1024, 'a'))).has_value());
    EXPECT_FALSE(index->search(text_query(std::string("wijk\xff"))).has_value());
}

TEST(XapianHostileQueries, OddFilterValuesFindNothingOrAreRejected) {
    TempDir dir;
    auto index = open_with_items(dir, 2);
    SearchQuery q;
    q.filters[Facet::Theme] = {"bestaat-niet"};
    EXPECT_EQ(index->search(q)->total, 0);
    q.filters[Facet::Theme] = {std::string(500, 'x')};
    EXPECT_FALSE(index->search(q).has_value());
    q.filters[Facet::Theme] = {""};
    EXPECT_FALSE(index->search(q).has_value());
}

TEST(XapianConcurrency, ReadersSearchWhileOneWriterCommits) {
    TempDir dir;
    auto index = open_with_items(dir, 10);
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0}, searches{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t)
        readers.emplace_back([&] {
            while (!stop) {
                auto r = index->search(text_query("wijk"));
                if (!r || r->total < 10) {
                    ++failures;
                    ADD_FAILURE() << (r ? "total " + std::to_string(r->total) : r.error().message());
                }
                auto s = index->similar(1, 3);
                if (!s) {
                    ++failures;
                    ADD_FAILURE() << s.error().message();
                }
                ++searches;
            }
        });
    for (int round = 0; round < 20; ++round) {
        for (int i = 0; i < 10; ++i) {
            int id = 100 + round * 10 + i;
            ASSERT_TRUE(index->put(make_item({.id = id, .title = "Nieuw in de wijk " + std::to_string(id)})).has_value());
        }
        ASSERT_TRUE(index->commit(round + 2).has_value());
    }
    stop = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_GT(searches.load(), 0);
    EXPECT_EQ(*index->document_count(), 210);
    EXPECT_EQ(index->search(text_query("wijk"))->total, 210);
}
