#include "services/community/passwords.h"

#include <optional>

#include <sodium.h>

#include "core/messages.h"
#include "core/text.h"
#include "services/community/tokens.h"

namespace gezondin::community_data {
std::optional<std::string_view> embedded_file(std::string_view path);
}

namespace gezondin::services {

HashLimits HashLimits::interactive() {
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

HashLimits HashLimits::minimum() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

PasswordHasher::PasswordHasher(HashLimits limits) : m_limits(limits) { ensure_sodium(); }

core::Result<std::string> PasswordHasher::hash(std::string_view password) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), m_limits.ops, m_limits.mem) != 0)
        return core::fail(core::Error::internal(std::string(core::msg("community.password.hash_failed"))));
    return std::string(out);
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) const {
    // crypto_pwhash_str_verify wants a NUL-terminated string of at most STRBYTES - 1 bytes.
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string terminated(hash);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(std::string_view hash) const {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return true;
    const std::string terminated(hash);
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), m_limits.ops, m_limits.mem) != 0;
}

CommonPasswords CommonPasswords::from_text(std::string_view text) {
    CommonPasswords list;
    for (auto line : core::split(text, '\n')) {
        line = core::trim(line);
        if (line.empty() || line.front() == '#') continue;
        list.m_words.insert(core::to_lower_ascii(line));
    }
    return list;
}

const CommonPasswords& CommonPasswords::builtin() {
    static const CommonPasswords list =
        from_text(gezondin::community_data::embedded_file("common-passwords.txt").value_or(""));
    return list;
}

bool CommonPasswords::contains(std::string_view password) const {
    return m_words.count(core::to_lower_ascii(password)) > 0;
}

core::Status check_password_policy(std::string_view password, const CommonPasswords& common) {
    auto problem = [](std::string_view key) {
        return core::fail(core::Error::invalid_input(std::string(core::msg("community.password.rejected")),
                                                     {{"password", std::string(core::msg(key)), 0}}));
    };
    if (!core::is_valid_utf8(password)) return problem("community.password.not_utf8");
    if (password.size() < min_password_bytes) return problem("community.password.too_short");
    if (password.size() > max_password_bytes) return problem("community.password.too_long");
    if (common.contains(password)) return problem("community.password.too_common");
    return {};
}

}  // namespace gezondin::services
