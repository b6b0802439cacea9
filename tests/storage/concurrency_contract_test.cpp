// Contract tests: several threads writing and reading through one Database (one pool).

#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "backend.h"

namespace gezondin::storage {
namespace {

using domain::Item;
using testing::sample_item;

GEZONDIN_CONTRACT_SUITE(ConcurrencyContract);

TEST_P(ConcurrencyContract, WritersAndReadersShareThePool) {
    constexpr int writers = 4, batches = 15, per_batch = 3;
    std::atomic<int> failures{0};
    std::atomic<bool> writing{true};
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            for (int b = 0; b < batches; ++b) {
                std::vector<Item> batch;
                for (int i = 0; i < per_batch; ++i)
                    batch.push_back(sample_item("w" + std::to_string(w) + "-" + std::to_string(b * per_batch + i), i));
                if (!db().upsert_items(batch)) ++failures;
            }
        });
    std::atomic<long> reads{0};
    for (int r = 0; r < 2; ++r)
        threads.emplace_back([&] {
            while (writing) {
                auto page = db().list_items({}, ItemOrder::DateDescending, 0, 10);
                auto count = db().count_items();
                if (!page || !count) ++failures;
                for (const auto& item : page ? page->items : std::vector<Item>{})
                    if (!db().item(item.id)) ++failures;
                ++reads;
            }
        });
    for (int w = 0; w < writers; ++w) threads[static_cast<std::size_t>(w)].join();
    writing = false;
    for (auto& t : threads)
        if (t.joinable()) t.join();

    EXPECT_EQ(failures.load(), 0);
    EXPECT_GT(reads.load(), 0);
    EXPECT_EQ(db().count_items().value(), writers * batches * per_batch);
    auto log = db().changes_since(0, 10'000).value();
    ASSERT_EQ(log.size(), static_cast<std::size_t>(writers * batches * per_batch));
    std::set<domain::ItemId> logged;
    for (std::size_t i = 0; i < log.size(); ++i) {
        if (i > 0) {
            EXPECT_LT(log[i - 1].seq, log[i].seq);
        }
        logged.insert(log[i].item_id);
    }
    EXPECT_EQ(logged.size(), log.size());
}

TEST_P(ConcurrencyContract, ConcurrentWritesOfOneKeyNeverClash) {
    constexpr int threads_count = 4, rounds = 10;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < threads_count; ++t)
        threads.emplace_back([&, t] {
            for (int r = 0; r < rounds; ++r) {
                Item item = sample_item("shared", t);
                item.title = "versie " + std::to_string(t) + "-" + std::to_string(r);
                if (auto out = db().upsert_items({item}); !out) {
                    ++failures;
                    ADD_FAILURE() << out.error().message();
                }
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(db().count_items().value(), 1);
    // A follower that reads the log in batches sees every seq exactly once.
    std::int64_t after = 0;
    std::size_t seen = 0;
    while (true) {
        auto batch = db().changes_since(after, 7).value();
        if (batch.empty()) break;
        seen += batch.size();
        after = batch.back().seq;
    }
    EXPECT_EQ(seen, db().changes_since(0, 1000)->size());
    EXPECT_EQ(after, db().last_change_seq().value());
}

}  // namespace
}  // namespace gezondin::storage
