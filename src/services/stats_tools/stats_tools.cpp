#include "services/stats_tools/stats_tools.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/messages.h"
#include "services/stats_tools/csv_rows.h"

namespace gezondin::services {

using nlohmann::json;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

core::Error bad_request(std::vector<core::FieldProblem> problems) {
    return core::Error::invalid_input(std::string(core::msg("stats_tools.bad_input")), std::move(problems));
}

// A JSON number field; NaN when absent or null; a problem when it is not a number.
double number_field(const json& obj, const char* key, long line, std::vector<core::FieldProblem>& problems) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nan;
    if (!it->is_number()) {
        problems.push_back({key, std::string(core::msg("stats_tools.not_a_number")), line});
        return nan;
    }
    return it->get<double>();
}

json finite_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string format(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    std::string s(buf);
    for (auto& c : s)
        if (c == '.') c = ',';
    return s;
}

}  // namespace

core::Result<stats::ValueType> parse_value_type(std::string_view t) {
    if (t == "mean" || t == "gemiddelde") return stats::ValueType::Mean;
    if (t == "rate" || t == "cijfer") return stats::ValueType::Rate;
    if (t == "proportion" || t == "proportie" || t == "aandeel") return stats::ValueType::Proportion;
    return core::fail(bad_request({{"value_type", core::msg("stats_tools.bad_value_type", {std::string(t)}), 0}}));
}

core::Result<stats::MissingNeedRule> parse_missing_rule(std::string_view t) {
    if (t == "universeel" || t == "universal") return stats::MissingNeedRule::UniversalOnly;
    if (t == "uitsluiten" || t == "exclude") return stats::MissingNeedRule::Exclude;
    return core::fail(bad_request({{"missing_need", core::msg("stats_tools.bad_missing_rule", {std::string(t)}), 0}}));
}

core::Result<std::vector<stats::SiiRow>> parse_sii_csv(std::string_view csv) {
    auto t = CsvRows::parse(csv);
    if (!t) return core::fail(t.error());
    auto q = t->column({"quantile", "kwantiel"}), pop = t->column({"population", "bevolking"}),
         val = t->column({"value", "waarde"}), se = t->column({"standard_error", "standaardfout", "se"}),
         lo = t->column({"lower_cl", "ondergrens"}), hi = t->column({"upper_cl", "bovengrens"});
    std::vector<core::FieldProblem> problems;
    for (auto [col, name] : {std::pair{q, "quantile"}, std::pair{pop, "population"}, std::pair{val, "value"}})
        if (!col) problems.push_back({name, std::string(core::msg("stats_tools.column_missing")), 1});
    if (!problems.empty()) return core::fail(bad_request(std::move(problems)));
    std::vector<stats::SiiRow> rows;
    for (std::size_t r = 0; r < t->size(); ++r) {
        stats::SiiRow row;
        auto get = [&](std::optional<std::size_t> col, const char* name) {
            if (!col) return nan;
            auto v = t->number(r, *col);
            if (!v) problems.push_back({name, std::string(core::msg("stats_tools.not_a_number")), t->line(r)});
            return v.value_or(nan);
        };
        double quantile = get(q, "quantile");
        if (std::isfinite(quantile) && quantile != std::floor(quantile))
            problems.push_back({"quantile", std::string(core::msg("stats_tools.not_a_number")), t->line(r)});
        row.quantile = std::isfinite(quantile) ? static_cast<int>(quantile) : 0;
        row.population = get(pop, "population");
        row.value = get(val, "value");
        row.standard_error = get(se, "standard_error");
        row.lower_cl = get(lo, "lower_cl");
        row.upper_cl = get(hi, "upper_cl");
        rows.push_back(row);
    }
    if (!problems.empty()) return core::fail(bad_request(std::move(problems)));
    return rows;
}

core::Result<SiiRequest> parse_sii_json(std::string_view text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return core::fail(bad_request({{"body", std::string(core::msg("stats_tools.not_json")), 0}}));
    SiiRequest req;
    std::vector<core::FieldProblem> problems;
    if (auto vt = j.value("value_type", std::string("mean")); true) {
        auto parsed = parse_value_type(vt);
        if (parsed) req.options.value_type = *parsed;
        else problems.insert(problems.end(), parsed.error().problems().begin(), parsed.error().problems().end());
    }
    if (j.contains("transform") && !j["transform"].is_boolean())
        problems.push_back({"transform", std::string(core::msg("stats_tools.not_a_boolean")), 0});
    else req.options.transform = j.value("transform", false) ? stats::Transform::Apply : stats::Transform::None;
    if (double m = number_field(j, "multiplier", 0, problems); std::isfinite(m)) req.options.multiplier = m;
    if (double c = number_field(j, "input_confidence", 0, problems); std::isfinite(c)) req.options.input_confidence = c;
    if (double r = number_field(j, "repetitions", 0, problems); std::isfinite(r)) {
        if (r < 0 || r > 100000 || r != std::floor(r)) problems.push_back({"repetitions", std::string(core::msg("stats_tools.bad_repetitions")), 0});
        else req.options.repetitions = static_cast<int>(r);
    }
    if (double s = number_field(j, "seed", 0, problems); std::isfinite(s) && s >= 0) req.options.seed = static_cast<std::uint64_t>(s);
    if (j.contains("confidence")) {
        req.options.confidence.clear();
        const auto& c = j["confidence"];
        if (c.is_number()) req.options.confidence.push_back(c.get<double>());
        else if (c.is_array() && c.size() <= 5)
            for (const auto& v : c) {
                if (v.is_number()) req.options.confidence.push_back(v.get<double>());
                else problems.push_back({"confidence", std::string(core::msg("stats_tools.not_a_number")), 0});
            }
        else problems.push_back({"confidence", std::string(core::msg("stats_tools.not_a_number")), 0});
    }
    auto rows = j.find("rows");
    if (rows == j.end() || !rows->is_array() || rows->empty() || rows->size() > 1000)
        problems.push_back({"rows", std::string(core::msg("stats_tools.rows_missing")), 0});
    else
        for (std::size_t i = 0; i < rows->size(); ++i) {
            const auto& r = (*rows)[i];
            long line = static_cast<long>(i + 1);
            if (!r.is_object()) { problems.push_back({"rows", std::string(core::msg("stats_tools.not_json")), line}); continue; }
            stats::SiiRow row;
            double q = number_field(r, "quantile", line, problems);
            row.quantile = std::isfinite(q) && q == std::floor(q) && std::abs(q) < 1e6 ? static_cast<int>(q) : 0;
            row.population = number_field(r, "population", line, problems);
            row.value = number_field(r, "value", line, problems);
            row.standard_error = number_field(r, "standard_error", line, problems);
            row.lower_cl = number_field(r, "lower_cl", line, problems);
            row.upper_cl = number_field(r, "upper_cl", line, problems);
            req.rows.push_back(row);
        }
    if (!problems.empty()) return core::fail(bad_request(std::move(problems)));
    return req;
}

std::string sii_result_json(const SiiRequest& request, const stats::SiiResult& r) {
    json limits = json::array();
    for (std::size_t i = 0; i < r.sii_limits.size(); ++i) {
        json l = {{"confidence", r.sii_limits[i].confidence}, {"sii_lower", finite_or_null(r.sii_limits[i].lower)},
                  {"sii_upper", finite_or_null(r.sii_limits[i].upper)}};
        if (i < r.rii_limits.size()) {
            l["rii_lower"] = finite_or_null(r.rii_limits[i].lower);
            l["rii_upper"] = finite_or_null(r.rii_limits[i].upper);
        }
        limits.push_back(l);
    }
    std::string direction = r.sii > 0 ? core::msg("stats_tools.sii_higher", {format(std::abs(r.sii))})
                          : r.sii < 0 ? core::msg("stats_tools.sii_lower", {format(std::abs(r.sii))})
                                      : std::string(core::msg("stats_tools.sii_equal"));
    json body = {{"sii", finite_or_null(r.sii)}, {"rii", finite_or_null(r.rii)}, {"intercept", finite_or_null(r.intercept)},
                 {"repetitions", request.options.repetitions}, {"limits", limits}, {"warnings", r.warnings},
                 {"explanation", direction}};
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

core::Result<AllocationRequest> parse_allocation_csv(std::string_view csv) {
    auto t = CsvRows::parse(csv);
    if (!t) return core::fail(t.error());
    auto code = t->column({"code", "gebied", "regiocode"}), pop = t->column({"population", "bevolking", "inwoners"}),
         need = t->column({"need", "behoefte", "score"}), prev = t->column({"previous", "vorige"});
    std::vector<core::FieldProblem> problems;
    for (auto [col, name] : {std::pair{code, "code"}, std::pair{pop, "population"}, std::pair{need, "need"}})
        if (!col) problems.push_back({name, std::string(core::msg("stats_tools.column_missing")), 1});
    if (!problems.empty()) return core::fail(bad_request(std::move(problems)));
    AllocationRequest req;
    for (std::size_t r = 0; r < t->size(); ++r) {
        auto get = [&](std::size_t col, const char* name) {
            auto v = t->number(r, col);
            if (!v) problems.push_back({name, std::string(core::msg("stats_tools.not_a_number")), t->line(r)});
            return v.value_or(nan);
        };
        req.codes.push_back(t->cell(r, *code));
        req.population.push_back(get(*pop, "population"));
        req.need.push_back(get(*need, "need"));
        if (prev) req.previous.push_back(get(*prev, "previous"));
    }
    if (!problems.empty()) return core::fail(bad_request(std::move(problems)));
    return req;
}

core::Result<AllocationRequest> parse_allocation_json(std::string_view text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return core::fail(bad_request({{"body", std::string(core::msg("stats_tools.not_json")), 0}}));
    AllocationRequest req;
    std::vector<core::FieldProblem> problems;
    double budget = number_field(j, "budget", 0, problems);
    if (!std::isfinite(budget) || budget <= 0 || budget > 1e13)
        problems.push_back({"budget", std::string(core::msg("stats_tools.bad_budget")), 0});
    else req.params.budget_cents = static_cast<std::int64_t>(std::llround(budget * 100));
    auto set = [&](const char* key, double& target) {
        if (double v = number_field(j, key, 0, problems); std::isfinite(v)) target = v;
    };
    set("universal_share", req.params.universal_share);
    set("proportionality", req.params.proportionality);
    set("floor_per_inhabitant", req.params.floor_per_inhabitant);
    set("cap_per_inhabitant", req.params.cap_per_inhabitant);
    set("damping", req.params.damping);
    if (j.contains("missing_need")) {
        auto rule = j["missing_need"].is_string() ? parse_missing_rule(j["missing_need"].get<std::string>())
                                                  : parse_missing_rule("");
        if (rule) req.params.missing_need = *rule;
        else problems.insert(problems.end(), rule.error().problems().begin(), rule.error().problems().end());
    }
    auto areas = j.find("areas");
    if (areas == j.end() || !areas->is_array() || areas->empty() || areas->size() > 100000)
        problems.push_back({"areas", std::string(core::msg("stats_tools.rows_missing")), 0});
    else {
        bool any_previous = false;
        for (const auto& a : *areas) any_previous = any_previous || (a.is_object() && a.contains("previous"));
        for (std::size_t i = 0; i < areas->size(); ++i) {
            const auto& a = (*areas)[i];
            long line = static_cast<long>(i + 1);
            if (!a.is_object() || !a.contains("code") || !a["code"].is_string()) {
                problems.push_back({"code", std::string(core::msg("stats_tools.code_missing")), line});
                continue;
            }
            req.codes.push_back(a["code"].get<std::string>());
            req.population.push_back(number_field(a, "population", line, problems));
            req.need.push_back(number_field(a, "need", line, problems));
            if (any_previous) req.previous.push_back(number_field(a, "previous", line, problems));
        }
    }
    if (!problems.empty()) return core::fail(bad_request(std::move(problems)));
    return req;
}

std::string allocation_result_json(const AllocationRequest& req, const stats::AllocationResult& r) {
    json areas = json::array();
    std::int64_t total = 0;
    for (std::size_t i = 0; i < req.codes.size(); ++i) {
        total += r.cents[i];
        areas.push_back({{"code", req.codes[i]}, {"euros", static_cast<double>(r.cents[i]) / 100.0},
                         {"cents", r.cents[i]}, {"euros_per_inhabitant", r.euros_per_inhabitant[i]}});
    }
    json missing = json::array(), empty = json::array();
    for (auto i : r.missing_need) missing.push_back(req.codes[i]);
    for (auto i : r.no_population) empty.push_back(req.codes[i]);
    json body = {{"total_cents", total}, {"areas", areas}, {"missing_need", missing}, {"no_population", empty},
                 {"rounding", std::string(core::msg("stats_tools.rounding_rule"))}};
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string allocation_result_csv(const AllocationRequest& req, const stats::AllocationResult& r) {
    std::string out = "code,euros,euros_per_inhabitant\n";
    for (std::size_t i = 0; i < req.codes.size(); ++i) {
        char buf[96];
        std::snprintf(buf, sizeof buf, ",%lld.%02lld,%.2f\n", static_cast<long long>(r.cents[i] / 100),
                      static_cast<long long>(r.cents[i] % 100), r.euros_per_inhabitant[i]);
        std::string code = req.codes[i];
        bool quote = code.find_first_of(",\"\n") != std::string::npos;
        if (quote) {
            std::string q = "\"";
            for (char c : code) q += c == '"' ? std::string("\"\"") : std::string(1, c);
            code = q + "\"";
        }
        out += code + buf;
    }
    return out;
}

}  // namespace gezondin::services
