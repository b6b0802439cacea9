#pragma once
// Secrets for session cookies, CSRF fields and e-mail links. A token is 32 random bytes from
// libsodium, written base64url without padding (43 characters). The database keeps only
// token_hash(token), so a leaked database does not give working links or sessions.

#include <string>
#include <string_view>

namespace gezondin::services {

// Initialises libsodium once; safe to call from any thread, any number of times. Throws
// std::runtime_error when the library cannot start (no usable random source): nothing secure
// can run then.
void ensure_sodium();

// A fresh random token: 32 bytes, base64url, no padding.
std::string new_token();

// BLAKE2b-256 (crypto_generichash) of the token, as 64 lower-case hex characters.
std::string token_hash(std::string_view token);

// Compares in time that depends only on the lengths, not on where the first difference is.
bool tokens_equal(std::string_view a, std::string_view b);

// True for something that looks like new_token() output; cheap pre-check before any lookup.
bool looks_like_token(std::string_view token);

}  // namespace gezondin::services
