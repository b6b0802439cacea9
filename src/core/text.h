#pragma once
// Small string helpers for UTF-8 text. None of them allocate more than their result.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gezondin::core {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Removes leading and trailing ASCII white space.
std::string_view trim(std::string_view s);

// Lower-cases ASCII letters only; other bytes are kept.
std::string to_lower_ascii(std::string_view s);

// Lower-cases and removes diacritics from Latin letters ("Geïnspireerd" -> "geinspireerd",
// "Één" -> "een"). Expects valid UTF-8; other characters are kept as they are.
std::string fold_diacritics_lower(std::string_view s);

// A URL slug: folded, lower-case ASCII letters and digits joined by single '-', at most
// `max_length` bytes, never empty ("item" when nothing is left).
std::string slugify(std::string_view s, std::size_t max_length = 80);

// Splits on a single character; keeps empty fields.
std::vector<std::string_view> split(std::string_view s, char sep);

bool starts_with_ci(std::string_view s, std::string_view prefix);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in query strings);
// nullopt on a broken escape.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space = false);

// Encodes every byte except the unreserved characters of RFC 3986.
std::string percent_encode(std::string_view s);

}  // namespace gezondin::core
