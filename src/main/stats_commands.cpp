// `gezondin stats sii FILE.csv` and `gezondin stats allocate FILE.csv`: the raw computations
// for analysts, printing JSON (or CSV for the allocation).

#include <fstream>
#include <iostream>
#include <sstream>

#include "main/commands.h"
#include "services/stats_tools/stats_tools.h"

namespace gezondin::app {

namespace {

core::Result<std::string> slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::fail(core::Error::not_found("Bestand", path));
    std::stringstream ss;
    ss << in.rdbuf();
    if (ss.str().size() > (64u << 20)) return core::fail(core::Error::too_large("Bestand " + path));
    return ss.str();
}

}  // namespace

int run_stats_sii(const std::string& file, const SiiCommandOptions& o) {
    auto text = slurp(file);
    if (!text) return report_error(text.error());
    auto rows = services::parse_sii_csv(*text);
    if (!rows) return report_error(rows.error());
    services::SiiRequest req;
    req.rows = std::move(*rows);
    auto type = services::parse_value_type(o.value_type);
    if (!type) return report_error(type.error());
    req.options.value_type = *type;
    req.options.transform = o.transform ? stats::Transform::Apply : stats::Transform::None;
    req.options.multiplier = o.multiplier;
    req.options.confidence = o.confidence;
    req.options.input_confidence = o.input_confidence;
    req.options.repetitions = o.repetitions;
    req.options.seed = o.seed;
    auto result = stats::compute_sii(req.rows, req.options);
    if (!result) return report_error(result.error());
    std::cout << services::sii_result_json(req, *result) << "\n";
    return 0;
}

int run_stats_allocate(const std::string& file, const AllocateCommandOptions& o) {
    auto text = slurp(file);
    if (!text) return report_error(text.error());
    auto req = services::parse_allocation_csv(*text);
    if (!req) return report_error(req.error());
    auto rule = services::parse_missing_rule(o.missing_need);
    if (!rule) return report_error(rule.error());
    req->params.budget_cents = static_cast<std::int64_t>(o.budget_euros * 100 + 0.5);
    req->params.universal_share = o.universal_share;
    req->params.proportionality = o.proportionality;
    req->params.floor_per_inhabitant = o.floor;
    req->params.cap_per_inhabitant = o.cap;
    req->params.damping = o.damping;
    req->params.missing_need = *rule;
    stats::AllocationInput input{req->population, req->need, req->previous};
    auto result = stats::allocate(input, req->params);
    if (!result) return report_error(result.error());
    std::cout << (o.csv ? services::allocation_result_csv(*req, *result) : services::allocation_result_json(*req, *result) + "\n");
    return 0;
}

}  // namespace gezondin::app
