#include "storage/soci/connection_url.h"

#include <optional>
#include <vector>

#include "core/messages.h"
#include "core/text.h"

namespace gezondin::storage {

namespace {

// A libpq conninfo value in single quotes, with \ and ' escaped.
std::string quote_conninfo(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('\'');
    return out;
}

core::Error bad_url(std::string_view why) {
    return core::Error::invalid_input(core::msg("storage.url_invalid", {why}));
}

struct Keyword {
    std::string key;
    std::string value;
};

// Splits "[user[:password]@][host][:port]" into keywords.
core::Result<std::vector<Keyword>> parse_authority(std::string_view authority) {
    std::vector<Keyword> out;
    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        std::string_view userinfo = authority.substr(0, at);
        authority = authority.substr(at + 1);
        auto colon = userinfo.find(':');
        auto user = core::percent_decode(userinfo.substr(0, colon));
        if (!user) return core::fail(bad_url("user"));
        if (!user->empty()) out.push_back({"user", *user});
        if (colon != std::string_view::npos) {
            auto password = core::percent_decode(userinfo.substr(colon + 1));
            if (!password) return core::fail(bad_url("password"));
            out.push_back({"password", *password});
        }
    }
    std::string_view host = authority, port;
    if (!authority.empty() && authority.front() == '[') {   // IPv6 literal
        auto close = authority.find(']');
        if (close == std::string_view::npos) return core::fail(bad_url("host"));
        host = authority.substr(1, close - 1);
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty() && rest.front() != ':') return core::fail(bad_url("host"));
        if (!rest.empty()) port = rest.substr(1);
    } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    auto decoded_host = core::percent_decode(host);
    if (!decoded_host) return core::fail(bad_url("host"));
    if (!decoded_host->empty()) out.push_back({"host", *decoded_host});
    if (!port.empty()) {
        for (char c : port)
            if (c < '0' || c > '9') return core::fail(bad_url("port"));
        out.push_back({"port", std::string(port)});
    }
    return out;
}

core::Result<ConnectionSpec> parse_postgresql(std::string_view rest) {
    std::string_view query;
    if (auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    auto slash = rest.find('/');
    auto keywords = parse_authority(rest.substr(0, slash));
    if (!keywords) return core::fail(keywords.error());
    if (slash != std::string_view::npos && slash + 1 < rest.size()) {
        auto dbname = core::percent_decode(rest.substr(slash + 1));
        if (!dbname) return core::fail(bad_url("dbname"));
        keywords->push_back({"dbname", *dbname});
    }
    for (auto pair : core::split(query, '&')) {
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        if (eq == std::string_view::npos || eq == 0) return core::fail(bad_url(pair));
        auto key = core::percent_decode(pair.substr(0, eq));
        auto value = core::percent_decode(pair.substr(eq + 1));
        if (!key || !value) return core::fail(bad_url(pair));
        keywords->push_back({*key, *value});
    }
    ConnectionSpec spec{Engine::Postgresql, {}};
    for (const auto& [key, value] : *keywords) {
        for (char c : key)
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return core::fail(bad_url(key));
        if (!spec.target.empty()) spec.target.push_back(' ');
        spec.target += key + "=" + quote_conninfo(value);
    }
    return spec;
}

}  // namespace

core::Result<ConnectionSpec> parse_database_url(std::string_view url) {
    url = core::trim(url);
    if (url.empty()) return core::fail(bad_url("leeg"));
    for (std::string_view scheme : {"postgresql://", "postgres://"})
        if (core::starts_with_ci(url, scheme)) return parse_postgresql(url.substr(scheme.size()));
    if (core::starts_with_ci(url, "sqlite:")) {
        std::string_view path = url.substr(7);
        if (path.starts_with("//")) path.remove_prefix(2);   // sqlite:///abs -> /abs, sqlite://rel -> rel
        if (path.empty()) return core::fail(bad_url("pad"));
        return ConnectionSpec{Engine::Sqlite, std::string(path)};
    }
    if (auto colon = url.find("://"); colon != std::string_view::npos) return core::fail(bad_url(url.substr(0, colon)));
    return ConnectionSpec{Engine::Sqlite, std::string(url)};
}

std::string engine_name(Engine engine) { return engine == Engine::Sqlite ? "sqlite" : "postgresql"; }

}  // namespace gezondin::storage
