#include "web/pages/ongelijk_params.h"

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "geo/svg_text.h"
#include "web/pages/wijkdata_format.h"

namespace gezondin::web::ongelijk {

namespace {

// Accepts "1,5", "1.5", "1 000 000" and "1.000.000"; nullopt when it is not a finite number.
std::optional<double> to_number(std::string_view text) {
    std::string s;
    for (char c : text)
        if (c != ' ' && c != '_') s += c;
    auto dots = std::count(s.begin(), s.end(), '.');
    if (dots > 1 || (dots == 1 && s.find(',') != std::string::npos)) std::erase(s, '.');
    std::replace(s.begin(), s.end(), ',', '.');
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

struct Reader {
    const Request& req;
    std::vector<core::FieldProblem> problems;

    // The number in `name`, or `fallback` when absent; records a problem when out of range.
    double number(std::string_view name, double fallback, double low, double high, const std::string& label) {
        auto text = req.param(name);
        if (text.empty()) return fallback;
        auto v = to_number(text);
        if (!v) {
            problems.push_back({std::string(name), label + ": \"" + std::string(text) + "\" is geen getal.", 0});
            return fallback;
        }
        if (*v < low || *v > high) {
            problems.push_back({std::string(name), label + " moet tussen " + ongelijk::number(low, 0) + " en " +
                                                       ongelijk::number(high, 0) + " liggen.", 0});
            return fallback;
        }
        return *v;
    }

    template <class T>
    T choice(std::string_view name, std::initializer_list<std::pair<const char*, T>> options, T fallback) {
        auto text = req.param(name);
        if (text.empty()) return fallback;
        for (const auto& [slug, value] : options)
            if (text == slug) return value;
        problems.push_back({std::string(name), "De keuze \"" + std::string(text) + "\" bij " + std::string(name) + " bestaat niet.", 0});
        return fallback;
    }
};

void read_indicators(Reader& r, const services::OngelijkData& data, Choices& c) {
    auto keys = wijk::params(r.req, "indicator");
    auto presets = services::Ongelijk::presets(data);
    if (keys.empty()) {
        const services::MappedPreset* chosen = nullptr;
        for (const auto& p : presets)
            if (p.id == r.req.param("preset")) chosen = &p;
        for (const auto& p : presets)
            if (!chosen && !p.indicators.empty()) chosen = &p;
        if (chosen) c.index.indicators = chosen->indicators, c.preset = chosen->id;
        return;
    }
    for (const auto& key : keys) {
        if (!data.column(key)) {
            r.problems.push_back({"indicator", "Het cijfer \"" + key + "\" is er niet voor deze gemeente en dit jaar.", 0});
            continue;
        }
        services::ChosenIndicator ci{key, stats::Direction::HigherIsWorse, 1};
        for (const auto& m : data.indicators)
            if (m.key == key && m.direction == storage::IndicatorDirection::HigherIsBetter) ci.direction = stats::Direction::HigherIsBetter;
        ci.direction = r.choice("richting_" + key, {{"hoger-slechter", stats::Direction::HigherIsWorse},
                                                    {"hoger-beter", stats::Direction::HigherIsBetter}}, ci.direction);
        ci.weight = r.number("gewicht_" + key, 1, 0, 1000, "Het gewicht van " + key);
        c.index.indicators.push_back(ci);
    }
}

void read_method(Reader& r, Choices& c) {
    auto& s = c.index.spec;
    s.normalisation = r.choice("normalisatie", {{"z-score", stats::Normalisation::ZScore}, {"min-max", stats::Normalisation::MinMax},
                                                {"percentielrang", stats::Normalisation::PercentileRank}}, s.normalisation);
    s.aggregation = r.choice("aggregatie", {{"rekenkundig", stats::Aggregation::ArithmeticMean},
                                            {"meetkundig", stats::Aggregation::GeometricMean}}, s.aggregation);
    s.population_weighted = r.req.param("bevolking") == "ja";
    s.rank_transform = r.req.param("transformatie") == "exponentieel" ? stats::RankTransform::Exponential : stats::RankTransform::None;
    s.missing = r.choice("ontbrekend", {{"uitsluiten", stats::MissingValueRule::Exclude},
                                        {"beschikbaar", stats::MissingValueRule::UseAvailable}}, s.missing);
}

void read_allocation(Reader& r, Choices& c) {
    c.budget_euros = r.number("budget", 1'000'000, 1, 1e12, "Het budget");
    auto& a = c.allocation;
    a.budget_cents = static_cast<std::int64_t>(std::llround(c.budget_euros * 100));
    a.universal_share = r.number("universeel", 40, 0, 100, "Het deel voor iedereen (%)") / 100;
    a.proportionality = r.number("proportionaliteit", 1, 0, 10, "De proportionaliteit");
    a.floor_per_inhabitant = r.number("vloer", 0, 0, 1e6, "Het minimum per inwoner");
    a.cap_per_inhabitant = r.number("plafond", 0, 0, 1e6, "Het maximum per inwoner");
    a.missing_need = r.choice("zonder_behoefte", {{"universeel", stats::MissingNeedRule::UniversalOnly},
                                                  {"uitsluiten", stats::MissingNeedRule::Exclude}}, a.missing_need);
    c.draws = static_cast<int>(r.number("trekkingen", 1000, 100, 10000, "Het aantal trekkingen"));
}

void read_inequality(Reader& r, const services::OngelijkData& data, Choices& c) {
    auto& q = c.inequality;
    q.indicator = std::string(r.req.param("cijfer"));
    if (q.indicator.empty()) {
        // Default: the share of low-income households, else the first percentage, else any.
        for (const auto& m : data.indicators)
            if (q.indicator.empty() && (m.key.find("laag_inkomen") != std::string::npos || m.key.find("LaagInkomen") != std::string::npos))
                q.indicator = m.key;
        for (const auto& m : data.indicators)
            if (q.indicator.empty() && m.unit == "%") q.indicator = m.key;
        for (const auto& m : data.indicators)
            if (q.indicator.empty() && m.key != data.population_key) q.indicator = m.key;
    }
    q.ranking = r.req.param("rangorde").empty() ? "kansenindex" : std::string(r.req.param("rangorde"));
    q.ranking_direction = r.choice("rangorde_richting", {{"hoger-slechter", stats::Direction::HigherIsWorse},
                                                         {"hoger-beter", stats::Direction::HigherIsBetter}}, stats::Direction::HigherIsBetter);
    q.quantiles = static_cast<int>(r.number("groepen", 5, 5, 10, "Het aantal groepen"));
}

}  // namespace

std::string plain(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

core::Result<Place> parse_place(const Request& req) {
    Place p;
    p.gemeente = std::string(req.param("gemeente"));
    auto year = wijk::year_param(req);
    if (!year) return core::fail(year.error());
    p.year = *year;
    auto niveau = req.param("niveau");
    if (niveau == "wijk") p.level = stats::AreaLevel::Wijk;
    else if (!niveau.empty() && niveau != "buurt")
        return core::fail(core::Error::invalid_input("Het niveau \"" + std::string(niveau) + "\" bestaat niet. Kies wijk of buurt."));
    return p;
}

core::Result<Choices> parse_choices(const Request& req, const services::OngelijkData& data, Choices& partial) {
    Reader r{req, {}};
    partial = Choices{};
    read_indicators(r, data, partial);
    read_method(r, partial);
    read_allocation(r, partial);
    read_inequality(r, data, partial);
    if (r.problems.empty()) return partial;
    std::string message = "Niet alle keuzes kloppen. ";
    for (const auto& p : r.problems) message += p.reason + " ";
    message.pop_back();
    return core::fail(core::Error::invalid_input(std::move(message), std::move(r.problems)));
}

const char* normalisation_slug(stats::Normalisation n) {
    return n == stats::Normalisation::ZScore ? "z-score" : n == stats::Normalisation::MinMax ? "min-max" : "percentielrang";
}

const char* direction_slug(stats::Direction d) { return d == stats::Direction::HigherIsWorse ? "hoger-slechter" : "hoger-beter"; }

std::string query_string(const Place& place, int year, const Choices& c) {
    auto enc = [](std::string_view s) { return wijk::url_encode(s); };
    std::string q = "gemeente=" + enc(place.gemeente) + "&jaar=" + std::to_string(year) + "&niveau=" +
                    (place.level == stats::AreaLevel::Wijk ? "wijk" : "buurt");
    for (const auto& i : c.index.indicators)
        q += "&indicator=" + enc(i.key) + "&richting_" + enc(i.key) + "=" + direction_slug(i.direction) + "&gewicht_" + enc(i.key) +
             "=" + plain(i.weight);
    const auto& s = c.index.spec;
    q += std::string("&normalisatie=") + normalisation_slug(s.normalisation);
    q += std::string("&aggregatie=") + (s.aggregation == stats::Aggregation::ArithmeticMean ? "rekenkundig" : "meetkundig");
    if (s.population_weighted) q += "&bevolking=ja";
    if (s.rank_transform == stats::RankTransform::Exponential) q += "&transformatie=exponentieel";
    q += std::string("&ontbrekend=") + (s.missing == stats::MissingValueRule::Exclude ? "uitsluiten" : "beschikbaar");
    return q;
}

std::string number(double v, int decimals) {
    std::string s = geo::format_number_nl(v, decimals);
    // Trailing zeros after the comma say nothing in a weight or parameter.
    if (s.find(',') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == ',') s.pop_back();
    }
    return s;
}

std::string euros(std::int64_t cents) {
    return geo::format_number_nl(static_cast<double>(cents) / 100, 2);
}

std::string euros_plain(std::int64_t cents) {
    std::string sign = cents < 0 ? "-" : "";
    auto c = cents < 0 ? -cents : cents;
    auto rest = std::to_string(c % 100);
    return sign + std::to_string(c / 100) + "." + (rest.size() < 2 ? "0" : "") + rest;
}

}  // namespace gezondin::web::ongelijk
