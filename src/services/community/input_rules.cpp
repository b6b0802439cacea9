#include "services/community/input_rules.h"

#include "core/messages.h"
#include "core/text.h"

namespace gezondin::services {

std::optional<core::FieldProblem> check_text(std::string_view value, const TextRule& rule) {
    auto problem = [&](std::string_view key) {
        return core::FieldProblem{std::string(rule.field), std::string(core::msg(key)), 0};
    };
    if (!core::is_valid_utf8(value)) return problem("community.input.not_utf8");
    if (value.size() > rule.max_bytes)
        return core::FieldProblem{std::string(rule.field),
                                  core::msg("community.input.too_long", {std::to_string(rule.max_bytes)}), 0};
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u == '\t') continue;
        if ((u == '\n' || u == '\r') && rule.lines == Lines::Multi) continue;
        if (u < 0x20 || u == 0x7f)
            return problem(u == '\n' || u == '\r' ? "community.input.line_break" : "community.input.control");
    }
    if (rule.required && core::trim(value).empty()) return problem("community.input.missing");
    return std::nullopt;
}

InputCheck& InputCheck::text(std::string_view value, const TextRule& rule) {
    if (auto p = check_text(value, rule)) m_problems.push_back(std::move(*p));
    return *this;
}

InputCheck& InputCheck::problem(std::string field, std::string reason) {
    m_problems.push_back({std::move(field), std::move(reason), 0});
    return *this;
}

core::Status InputCheck::result() const {
    if (m_problems.empty()) return {};
    return core::fail(core::Error::invalid_input(std::string(core::msg("community.input.rejected")), m_problems));
}

core::Error forbidden() { return core::Error::forbidden(std::string(core::msg("community.forbidden"))); }

core::Error login_required() {
    return core::Error::unauthenticated(std::string(core::msg("community.login_required")));
}

}  // namespace gezondin::services
