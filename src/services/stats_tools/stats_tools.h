#pragma once
// Raw computations for analysts (for instance at a GGD) on their own tables: the SII/RII and
// the budget allocation, from CSV (command line) or JSON (API), with JSON or CSV results.
// Thin: parsing and formatting only; the mathematics is in src/stats.
//
// SII input rows: quantile, population, value and a standard error or lower/upper confidence
// limits. CSV headers may be English or Dutch (quantile|kwantiel, population|bevolking,
// value|waarde, standard_error|standaardfout, lower_cl|ondergrens, upper_cl|bovengrens);
// ',' or ';' separated; with ';' a decimal comma is accepted.
// Allocation input rows: code, population|bevolking, need|behoefte and optionally
// previous|vorige (euros of a previous allocation).

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "stats/allocation.h"
#include "stats/sii.h"

namespace gezondin::services {

struct SiiRequest {
    std::vector<stats::SiiRow> rows;
    stats::SiiOptions options;
};

struct AllocationRequest {
    std::vector<std::string> codes;
    std::vector<double> population;
    std::vector<double> need;
    std::vector<double> previous;   // empty when not given
    stats::AllocationParams params;
};

// Rows from CSV; options stay as given.
core::Result<std::vector<stats::SiiRow>> parse_sii_csv(std::string_view csv);
// {"value_type": "mean|rate|proportion", "transform": bool, "multiplier": n,
//  "confidence": [0.95, 0.998], "input_confidence": 0.95, "repetitions": n, "seed": n,
//  "rows": [{"quantile", "population", "value", "standard_error" | "lower_cl", "upper_cl"}]}
core::Result<SiiRequest> parse_sii_json(std::string_view json);
// {"sii", "rii", "intercept", "limits": [{"confidence", "sii_lower", "sii_upper", "rii_lower",
//  "rii_upper"}], "warnings": [...], "explanation": Dutch sentence}
std::string sii_result_json(const SiiRequest& request, const stats::SiiResult& result);

// Rows from CSV; parameters stay as given.
core::Result<AllocationRequest> parse_allocation_csv(std::string_view csv);
// {"budget": euros, "universal_share", "proportionality", "floor_per_inhabitant",
//  "cap_per_inhabitant", "damping", "missing_need": "universeel|uitsluiten",
//  "areas": [{"code", "population", "need", "previous"}]}
core::Result<AllocationRequest> parse_allocation_json(std::string_view json);
std::string allocation_result_json(const AllocationRequest& request, const stats::AllocationResult& result);
std::string allocation_result_csv(const AllocationRequest& request, const stats::AllocationResult& result);

// Parses "mean|gemiddelde", "rate|rate|cijfer", "proportion|proportie|aandeel".
core::Result<stats::ValueType> parse_value_type(std::string_view text);
// Parses "universeel|universal" and "uitsluiten|exclude".
core::Result<stats::MissingNeedRule> parse_missing_rule(std::string_view text);

}  // namespace gezondin::services
