#pragma once
// Password hashing (argon2id through libsodium's crypto_pwhash_str) and the password policy:
// 10 to 200 bytes of valid UTF-8 and not on the list of common passwords. No other
// composition rules (NIST SP 800-63B): length and a block list beat "one digit, one capital".
//
// One hash with the interactive limits costs ~45 ms of CPU and 64 MiB; never call hash() or
// verify() on an HTTP I/O thread: use HashWorkerPool (worker_pool.h).

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/error.h"

namespace gezondin::services {

struct HashLimits {
    unsigned long long ops = 0;
    std::size_t mem = 0;

    static HashLimits interactive();   // production: crypto_pwhash_OPSLIMIT/MEMLIMIT_INTERACTIVE
    static HashLimits minimum();       // tests only: crypto_pwhash_OPSLIMIT/MEMLIMIT_MIN
};

class PasswordHasher {
public:
    explicit PasswordHasher(HashLimits limits);

    // The "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string. Internal when libsodium fails
    // (out of memory).
    core::Result<std::string> hash(std::string_view password) const;
    // False for a wrong password and for a malformed hash string.
    bool verify(std::string_view hash, std::string_view password) const;
    // True when `hash` was made with other limits or another algorithm: rehash after a
    // successful login.
    bool needs_rehash(std::string_view hash) const;

    const HashLimits& limits() const { return m_limits; }

private:
    HashLimits m_limits;
};

// The block list. Comparison ignores ASCII case, so "Welkom123" is as blocked as "welkom123".
class CommonPasswords {
public:
    // One password per line; blank lines and lines starting with '#' are skipped.
    static CommonPasswords from_text(std::string_view text);
    // The built-in list (data/common-passwords.txt, embedded).
    static const CommonPasswords& builtin();

    bool contains(std::string_view password) const;
    std::size_t size() const { return m_words.size(); }

private:
    std::unordered_set<std::string> m_words;
};

inline constexpr std::size_t min_password_bytes = 10;
inline constexpr std::size_t max_password_bytes = 200;

// InvalidInput (field "password") when the password breaks the policy.
core::Status check_password_policy(std::string_view password, const CommonPasswords& common);

}  // namespace gezondin::services
