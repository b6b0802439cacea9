#include "web/http/url.h"

#include "core/text.h"

namespace gezondin::web {

std::optional<Params> parse_query_string(std::string_view qs) {
    Params out;
    while (!qs.empty()) {
        auto amp = qs.find('&');
        auto part = qs.substr(0, amp);
        qs = amp == std::string_view::npos ? std::string_view() : qs.substr(amp + 1);
        if (part.empty()) continue;
        auto eq = part.find('=');
        auto key = core::percent_decode(part.substr(0, eq), true);
        auto value = core::percent_decode(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1), true);
        if (!key || !value) return std::nullopt;
        out.emplace_back(std::move(*key), std::move(*value));
    }
    return out;
}

std::string build_query_string(const Params& params) {
    std::string out;
    for (const auto& [k, v] : params) {
        if (!out.empty()) out.push_back('&');
        out += core::percent_encode(k);
        out.push_back('=');
        out += core::percent_encode(v);
    }
    return out;
}

}  // namespace gezondin::web
