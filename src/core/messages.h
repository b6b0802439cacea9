#pragma once
// The message catalogue: every text a user reads comes from i18n/<language>.txt, so that a
// translation is one new file. Lines are `key = text`; `{0}`, `{1}` are filled by format().

#include <initializer_list>
#include <string>
#include <string_view>

namespace gezondin::core {

// The text for `key` in the active catalogue (Dutch); the key itself when it is missing, so a
// missing text shows up in tests instead of as an empty string. Thread-safe after first use.
std::string_view msg(std::string_view key);

// msg(key) with {0}, {1}, ... replaced by `args` in order.
std::string msg(std::string_view key, std::initializer_list<std::string_view> args);

// True when the catalogue defines `key`; used by tests that check every key exists.
bool has_msg(std::string_view key);

}  // namespace gezondin::core
