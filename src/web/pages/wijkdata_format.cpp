#include "web/pages/wijkdata_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/messages.h"
#include "geo/svg_text.h"

namespace gezondin::web::wijk {

int decimals_for(const std::vector<double>& values) {
    int best = 0;
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        int d = 0;
        while (d < 3 && std::fabs(v * std::pow(10, d) - std::round(v * std::pow(10, d))) > 1e-6) ++d;
        best = std::max(best, d);
    }
    return best;
}

std::string number_nl(double v, int decimals) { return geo::format_number_nl(v, decimals); }

std::string shown_text(const services::Shown& v, int decimals, const std::string& unit) {
    if (v.status == stats::ValueStatus::Secret) return std::string(core::msg("wijkdata.secret"));
    if (v.status == stats::ValueStatus::Missing) return std::string(core::msg("wijkdata.missing"));
    std::string out = number_nl(v.value, decimals);
    if (unit == "%") out += " %";
    return out;
}

std::string shown_plain(const services::Shown& v) {
    if (v.status == stats::ValueStatus::Secret) return "geheim";
    if (v.status == stats::ValueStatus::Missing) return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v.value);
    return buf;
}

core::Result<std::optional<int>> year_param(const Request& req) {
    auto p = req.param("jaar");
    if (p.empty()) return std::optional<int>{};
    int y = 0;
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), y);
    if (ec != std::errc() || ptr != p.data() + p.size() || y < 1900 || y > 2100)
        return core::fail(core::Error::invalid_input(core::msg("wijkdata.bad_year", {std::string(p)})));
    return std::optional<int>{y};
}

std::vector<std::string> params(const Request& req, std::string_view name) {
    std::vector<std::string> out;
    for (const auto& [k, v] : req.query)
        if (k == name && !v.empty()) out.push_back(v);
    return out;
}

std::string url_encode(std::string_view s) {
    static const char* hexdigits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else {
            out += '%';
            out += hexdigits[c >> 4];
            out += hexdigits[c & 15];
        }
    }
    return out;
}

std::string profile_url(const std::string& code, std::optional<int> year) {
    std::string url = "/wijkdata/gebied/" + url_encode(code);
    if (year) url += "?jaar=" + std::to_string(*year);
    return url;
}

std::string country_note(const services::CountryFigure& f) {
    switch (f.source) {
    case services::CountrySource::NationalRow: return std::string(core::msg("wijkdata.country_row"));
    case services::CountrySource::GemeenteMean: return core::msg("wijkdata.country_mean", {std::to_string(f.gemeenten)});
    case services::CountrySource::None: break;
    }
    return std::string(core::msg("wijkdata.country_none"));
}

}  // namespace gezondin::web::wijk
