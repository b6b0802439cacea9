// Unit tests of the password policy, argon2id hashing (MIN limits), tokens and throttling.

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "services/community/accounts.h"
#include "services/community/passwords.h"
#include "services/community/tokens.h"
#include "services/community/worker_pool.h"

namespace gezondin::services {
namespace {

using core::ErrorCode;

const CommonPasswords& common() {
    static const CommonPasswords list = CommonPasswords::from_text("# test list\nwelkom12345\nQwertyuiop\n\n");
    return list;
}

ErrorCode code_of(const core::Status& s) { return s ? ErrorCode::Internal : s.error().code(); }

TEST(PasswordPolicy, AcceptsTenBytesAndNoCompositionRules) {
    EXPECT_TRUE(check_password_policy("aaaaabbbbb", common()));           // only lower-case letters
    EXPECT_TRUE(check_password_policy("paard batterij nietje", common()));
    EXPECT_TRUE(check_password_policy(std::string(200, 'x'), common()));
}

TEST(PasswordPolicy, RejectsTooShortTooLongCommonAndInvalidUtf8) {
    EXPECT_EQ(code_of(check_password_policy("abcdefghi", common())), ErrorCode::InvalidInput);       // 9 bytes
    EXPECT_EQ(code_of(check_password_policy(std::string(201, 'x'), common())), ErrorCode::InvalidInput);
    EXPECT_EQ(code_of(check_password_policy("welkom12345", common())), ErrorCode::InvalidInput);
    EXPECT_EQ(code_of(check_password_policy("WELKOM12345", common())), ErrorCode::InvalidInput);     // case ignored
    EXPECT_EQ(code_of(check_password_policy("qwertyuiop", common())), ErrorCode::InvalidInput);
    EXPECT_EQ(code_of(check_password_policy("abcdefghij\xC0\xAF", common())), ErrorCode::InvalidInput);
    auto error = check_password_policy("kort", common());
    ASSERT_FALSE(error);
    ASSERT_EQ(error.error().problems().size(), 1u);
    EXPECT_EQ(error.error().problems()[0].field, "password");
}

TEST(PasswordPolicy, LengthCountsBytesSoTenByteUtf8Passes) {
    EXPECT_TRUE(check_password_policy("ééééé", common()));   // 5 characters, 10 bytes
}

TEST(PasswordPolicy, BuiltinListHasAboutAThousandEntriesAndBlocksDutchPatterns) {
    const auto& builtin = CommonPasswords::builtin();
    EXPECT_GE(builtin.size(), 900u);
    for (const char* p : {"welkom12345", "Wachtwoord123", "1234567890", "qwertyuiop", "amsterdam2024"})
        EXPECT_TRUE(builtin.contains(p)) << p;
    EXPECT_FALSE(builtin.contains("paard batterij nietje"));
}

TEST(PasswordHashing, HashesWithArgon2idAndVerifies) {
    PasswordHasher hasher(HashLimits::minimum());
    auto hash = hasher.hash("correct paard batterij");
    ASSERT_TRUE(hash) << hash.error().message();
    EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
    EXPECT_TRUE(hasher.verify(*hash, "correct paard batterij"));
    EXPECT_FALSE(hasher.verify(*hash, "correct paard batterij "));
    EXPECT_FALSE(hasher.verify("not a hash", "correct paard batterij"));
    EXPECT_FALSE(hasher.verify("", ""));
    EXPECT_NE(*hash, hasher.hash("correct paard batterij").value());   // salted
}

TEST(PasswordHashing, NeedsRehashWhenLimitsDiffer) {
    PasswordHasher weak(HashLimits::minimum());
    PasswordHasher stronger(HashLimits{HashLimits::minimum().ops + 1, HashLimits::minimum().mem});
    auto hash = weak.hash("een lang wachtwoord").value();
    EXPECT_FALSE(weak.needs_rehash(hash));
    EXPECT_TRUE(stronger.needs_rehash(hash));
    EXPECT_TRUE(stronger.verify(hash, "een lang wachtwoord"));   // the string carries its limits
    EXPECT_TRUE(weak.needs_rehash("garbage"));
}

TEST(PasswordHashing, InteractiveLimitsAreLibsodiumsInteractive) {
    EXPECT_EQ(HashLimits::interactive().mem, 64u * 1024 * 1024);
    EXPECT_EQ(HashLimits::interactive().ops, 2u);
}

TEST(Tokens, AreRandom43CharacterBase64Url) {
    const auto a = new_token(), b = new_token();
    EXPECT_EQ(a.size(), 43u);
    EXPECT_NE(a, b);
    EXPECT_TRUE(looks_like_token(a));
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
    EXPECT_FALSE(looks_like_token(a + "="));
    EXPECT_FALSE(looks_like_token("../../etc/passwd"));
    EXPECT_FALSE(looks_like_token(""));
}

TEST(Tokens, HashIsStableHexAndDiffersFromToken) {
    const auto t = new_token();
    const auto h = token_hash(t);
    EXPECT_EQ(h.size(), 64u);
    EXPECT_EQ(h, token_hash(t));
    EXPECT_NE(h, token_hash(new_token()));
    EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
    // BLAKE2b-256 of the empty string (RFC 7693 test vectors are for 512; this is libsodium's).
    EXPECT_EQ(token_hash(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(Tokens, ConstantTimeCompare) {
    EXPECT_TRUE(tokens_equal("abc", "abc"));
    EXPECT_FALSE(tokens_equal("abc", "abd"));
    EXPECT_FALSE(tokens_equal("abc", "abcd"));
    EXPECT_TRUE(tokens_equal("", ""));
}

TEST(Throttle, DelaysStartAfterFreeFailuresAndDoubleUpToTheCap) {
    EXPECT_EQ(throttle_delay(0, 5, 900), 0);
    EXPECT_EQ(throttle_delay(4, 5, 900), 0);
    EXPECT_EQ(throttle_delay(5, 5, 900), 1);
    EXPECT_EQ(throttle_delay(6, 5, 900), 2);
    EXPECT_EQ(throttle_delay(7, 5, 900), 4);
    EXPECT_EQ(throttle_delay(14, 5, 900), 512);
    EXPECT_EQ(throttle_delay(15, 5, 900), 900);
    EXPECT_EQ(throttle_delay(1'000'000, 5, 900), 900);
}

TEST(WorkerPool, RunsJobsOnWorkerThreadsAndRefusesBeyondTheQueueLimit) {
    WorkerPool pool(1, 2);
    std::promise<void> release;
    auto gate = release.get_future().share();
    std::promise<std::thread::id> first_thread;
    ASSERT_TRUE(pool.submit([&, gate] {
        first_thread.set_value(std::this_thread::get_id());
        gate.wait();
    }));
    const auto worker = first_thread.get_future().get();   // the worker is now busy
    EXPECT_NE(worker, std::this_thread::get_id());
    EXPECT_TRUE(pool.submit([] {}));
    EXPECT_TRUE(pool.submit([] {}));
    EXPECT_FALSE(pool.submit([] {}));   // queue of 2 is full
    release.set_value();
}

TEST(WorkerPool, HashPasswordCallsDoneWithTheHashOrBusy) {
    PasswordHasher hasher(HashLimits::minimum());
    WorkerPool pool(1, 0);   // a queue of 0 places: every job is refused at once
    HashWorkerPool hashing(hasher, pool);
    std::promise<core::Result<std::string>> refused;
    hashing.hash_password("een lang wachtwoord", [&](core::Result<std::string> r) { refused.set_value(std::move(r)); });
    auto r = refused.get_future().get();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), ErrorCode::Unavailable);

    WorkerPool roomy(2, 8);
    HashWorkerPool hashing2(hasher, roomy);
    std::promise<core::Result<std::string>> done;
    hashing2.hash_password("een lang wachtwoord", [&](core::Result<std::string> h) { done.set_value(std::move(h)); });
    auto hash = done.get_future().get();
    ASSERT_TRUE(hash);
    std::promise<core::Result<HashWorkerPool::Verification>> verified;
    hashing2.verify_password(*hash, "een lang wachtwoord", [&](auto v) { verified.set_value(std::move(v)); });
    auto v = verified.get_future().get();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->ok);
    EXPECT_FALSE(v->needs_rehash);
}

TEST(WorkerPool, DrainRunsTheQueuedJobsThenRefusesNewOnes) {
    WorkerPool pool(1, 8);
    std::promise<void> release;
    auto gate = release.get_future().share();
    std::promise<void> started;
    std::atomic<int> ran{0};
    ASSERT_TRUE(pool.submit([&, gate] {
        started.set_value();
        gate.wait();
        ++ran;
    }));
    started.get_future().wait();
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(pool.submit([&] { ++ran; }));
    std::thread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        release.set_value();
    });
    pool.drain();   // returns only when every queued job has run
    releaser.join();
    EXPECT_EQ(ran.load(), 4);
    EXPECT_FALSE(pool.submit([&] { ++ran; }));
    pool.drain();   // idempotent
    EXPECT_EQ(ran.load(), 4);
}

TEST(WorkerPool, InlinePoolRunsJobsInSubmit) {
    WorkerPool pool(0, 0);
    bool ran = false;
    EXPECT_TRUE(pool.submit([&] { ran = true; }));
    EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace gezondin::services
