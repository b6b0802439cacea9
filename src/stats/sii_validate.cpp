// Input checks for the SII. Messages are Dutch (B1) because they reach analysts directly.
#include <algorithm>
#include <cmath>
#include <string>

#include "stats/sii.h"

namespace gezondin::stats {
namespace {

using core::FieldProblem;

constexpr std::size_t max_quantiles = 100;

bool given(double x) { return std::isfinite(x); }

bool inside_unit(double x, bool open) { return open ? (x > 0 && x < 1) : (x >= 0 && x <= 1); }

std::string check_value_range(const SiiRow& row, const SiiOptions& options) {
    bool transformed = options.transform == Transform::Apply;
    if (options.value_type == ValueType::Proportion) {
        bool ok = inside_unit(row.value, transformed);
        if (!transformed || !given(row.standard_error)) {
            ok = ok && (!given(row.lower_cl) || inside_unit(row.lower_cl, transformed)) &&
                 (!given(row.upper_cl) || inside_unit(row.upper_cl, transformed));
        }
        if (!ok) {
            return transformed ? "Bij een logit-transformatie moeten de waarde en de grenzen tussen 0 en 1 "
                                 "liggen (niet 0 of 1 zelf)."
                               : "Een aandeel en de grenzen moeten tussen 0 en 1 liggen.";
        }
    }
    if (options.value_type == ValueType::Rate) {
        bool positive = transformed ? row.value > 0 : row.value >= 0;
        if (transformed && !given(row.standard_error)) positive = positive && row.lower_cl > 0;
        if (!positive) {
            return transformed ? "Bij een log-transformatie moeten de waarde en de ondergrens groter dan 0 zijn."
                               : "Een cijfer per inwoners kan niet negatief zijn.";
        }
    }
    return {};
}

std::string check_uncertainty(const SiiRow& row) {
    if (given(row.standard_error)) {
        return row.standard_error < 0 ? "De standaardfout is negatief." : "";
    }
    if (!std::isnan(row.standard_error)) return "De standaardfout is geen getal.";
    if (!given(row.lower_cl) || !given(row.upper_cl)) {
        return "Geef een standaardfout of allebei de betrouwbaarheidsgrenzen.";
    }
    return {};
}

std::string check_row(const SiiRow& row, const SiiOptions& options) {
    if (!given(row.population) || row.population <= 0) {
        return "Het aantal inwoners ontbreekt of is niet groter dan 0.";
    }
    if (!given(row.value)) return "De waarde ontbreekt.";
    if (auto reason = check_uncertainty(row); !reason.empty()) return reason;
    if (given(row.lower_cl) && given(row.upper_cl) &&
        (row.lower_cl > row.value || row.upper_cl < row.value)) {
        return "De waarde ligt niet tussen de ondergrens en de bovengrens.";
    }
    return check_value_range(row, options);
}

std::string check_quantile_numbers(std::span<const SiiRow> rows) {
    if (rows.size() < 2) return "Er zijn minstens 2 kwantielen nodig.";
    if (rows.size() > max_quantiles) return "Er zijn meer dan 100 kwantielen.";
    std::vector<int> numbers;
    for (const auto& row : rows) numbers.push_back(row.quantile);
    std::sort(numbers.begin(), numbers.end());
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        if (numbers[i] != static_cast<int>(i + 1)) {
            return "De kwantielen moeten doorlopend genummerd zijn van 1 tot en met " +
                   std::to_string(rows.size()) + ", zonder gaten of dubbele nummers.";
        }
    }
    return {};
}

std::string check_options(const SiiOptions& options) {
    if (options.transform == Transform::Apply && options.value_type == ValueType::Mean) {
        return "Een transformatie kan alleen bij een cijfer per inwoners (log) of een aandeel (logit).";
    }
    for (double c : options.confidence) {
        if (!(c > 0 && c < 1)) return "Het betrouwbaarheidsniveau moet tussen 0 en 1 liggen, bijvoorbeeld 0,95.";
    }
    if (!(options.input_confidence > 0 && options.input_confidence < 1)) {
        return "Het betrouwbaarheidsniveau van de grenzen moet tussen 0 en 1 liggen, bijvoorbeeld 0,95.";
    }
    if (options.repetitions != 0 && (options.repetitions < 100 || options.repetitions > 1000000)) {
        return "Het aantal herhalingen moet 0 zijn of tussen 100 en 1.000.000 liggen.";
    }
    if (!given(options.multiplier) || options.multiplier == 0) return "De vermenigvuldiger mag niet 0 zijn.";
    return {};
}

}  // namespace

core::Status validate_sii(std::span<const SiiRow> rows, const SiiOptions& options) {
    if (auto reason = check_options(options); !reason.empty()) {
        return core::fail(core::Error::invalid_input("De instellingen voor de SII kloppen niet: " + reason));
    }
    if (auto reason = check_quantile_numbers(rows); !reason.empty()) {
        return core::fail(core::Error::invalid_input("De kwantielen kloppen niet: " + reason));
    }
    std::vector<FieldProblem> problems;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (auto reason = check_row(rows[i], options); !reason.empty()) {
            problems.push_back({"kwantiel " + std::to_string(rows[i].quantile), reason, static_cast<long>(i + 1)});
        }
    }
    if (problems.empty()) return {};
    std::string message = "De SII kan niet worden berekend. Kwantiel " + problems.front().field.substr(9) +
                          ": " + problems.front().reason;
    return core::fail(core::Error::invalid_input(std::move(message), std::move(problems)));
}

}  // namespace gezondin::stats
