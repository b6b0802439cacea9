#pragma once
// The message catalogue: every text a user reads comes from i18n/<language>/<part>.txt (one folder per language), so that a
// translation is one new folder. Lines are `key = text`; `{0}`, `{1}` are filled by format().

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace gezondin::core {

// The text for `key` in the active catalogue (Dutch); the key itself when it is missing, so a
// missing text shows up in tests instead of as an empty string. Thread-safe after first use.
std::string_view msg(std::string_view key);

// msg(key) with {0}, {1}, ... replaced by `args` in order.
std::string msg(std::string_view key, std::initializer_list<std::string_view> args);

// True when the catalogue defines `key`; used by tests that check every key exists.
bool has_msg(std::string_view key);

// Keys that appear more than once in the catalogue (the first text wins); empty when sound.
std::vector<std::string_view> duplicate_msg_keys();

}  // namespace gezondin::core
