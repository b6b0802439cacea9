#include "web/api/stats_api.h"

#include "core/messages.h"
#include "services/stats_tools/stats_tools.h"
#include "web/errors.h"

namespace gezondin::web {

namespace {

Response problem(const core::Error& e) {
    auto r = problem_response(e, http_status(e.code()));
    r.set_header("API-Version", "1.0.0");
    return r;
}

// JSON bodies only; anything else is 415.
std::optional<Response> require_json(const Request& req) {
    if (req.header("content-type").find("application/json") == 0) return std::nullopt;
    return problem_response(core::Error::invalid_input(std::string(core::msg("api.json_required"))), 415);
}

Response json_answer(std::string body) {
    auto r = Response::json(std::move(body));
    r.set_header("API-Version", "1.0.0");
    return r;
}

}  // namespace

Response api_stats_sii(const Context& ctx) {
    if (auto wrong = require_json(ctx.request)) return *wrong;
    auto req = services::parse_sii_json(ctx.request.body);
    if (!req) return problem(req.error());
    auto result = stats::compute_sii(req->rows, req->options);
    if (!result) return problem(result.error());
    return json_answer(services::sii_result_json(*req, *result));
}

Response api_stats_allocation(const Context& ctx) {
    if (auto wrong = require_json(ctx.request)) return *wrong;
    auto req = services::parse_allocation_json(ctx.request.body);
    if (!req) return problem(req.error());
    stats::AllocationInput input{req->population, req->need, req->previous};
    auto result = stats::allocate(input, req->params);
    if (!result) return problem(result.error());
    if (ctx.request.param("format") == "csv") {
        auto r = Response::text(services::allocation_result_csv(*req, *result), "text/csv; charset=utf-8");
        r.set_header("Content-Disposition", "attachment; filename=\"verdeling.csv\"");
        return r;
    }
    return json_answer(services::allocation_result_json(*req, *result));
}

}  // namespace gezondin::web
