#pragma once
// Checks for every text a person types into the community: valid UTF-8, a byte limit, no NUL
// or other control characters (tab always allowed; CR and LF only in multi-line fields). What
// passes is stored byte for byte as given: no trimming, no rewriting. Escaping is the job of
// whoever renders it (HTML, JSON, e-mail).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gezondin::services {

enum class Lines { Single, Multi };

struct TextRule {
    std::string_view field;   // reported in the FieldProblem
    std::size_t max_bytes;
    Lines lines = Lines::Single;
    bool required = true;     // not empty and not only white space
};

// The problem with `value`, if any.
std::optional<core::FieldProblem> check_text(std::string_view value, const TextRule& rule);

// Collects problems; `result()` is InvalidInput listing them all, or success.
class InputCheck {
public:
    InputCheck& text(std::string_view value, const TextRule& rule);
    InputCheck& problem(std::string field, std::string reason);
    bool ok() const { return m_problems.empty(); }
    core::Status result() const;

private:
    std::vector<core::FieldProblem> m_problems;
};

// Limits, in bytes.
inline constexpr std::size_t max_title_bytes = 300;
inline constexpr std::size_t max_summary_bytes = 2000;
inline constexpr std::size_t max_body_bytes = 200'000;
inline constexpr std::size_t max_comment_bytes = 10'000;
inline constexpr std::size_t max_reason_bytes = 1000;
inline constexpr std::size_t max_feedback_bytes = 10'000;
inline constexpr std::size_t max_header_value_bytes = 500;   // user agent, ip

// Named error factories with the community's Dutch texts.
core::Error forbidden();
core::Error login_required();

}  // namespace gezondin::services
