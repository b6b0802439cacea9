// Wijkdata administration: indicator texts (list and edit form) and the upload of CBS/RIVM
// files. Permissions come from services::may(); this file only turns the session into a
// services::WijkdataEditor and answers anonymous visitors with the login page.

#include <algorithm>

#include "core/messages.h"
#include "services/community/accounts.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/http/multipart.h"
#include "web/pages/wijkdata_format.h"
#include "web/pages/wijkdata_pages.h"
#include "web/session.h"

namespace gezondin::web {

namespace {

constexpr std::string_view indicators_path = "/wijkdata/beheer/cijfers";

services::WijkdataEditor editor_of(const Context& ctx) {
    if (!ctx.session || !ctx.session->actor.user) return {};
    return {*ctx.session->actor.user, ctx.session->actor.role};
}

Response fail(const WijkdataContext& ctx, const core::Error& e, int status = 0) {
    return error_response(ctx.base.request, ctx.base.renderer, e, status);
}

Response not_found(const WijkdataContext& ctx) {
    return fail(ctx, core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
}

Response method_not_allowed(const WijkdataContext& ctx, const char* allow) {
    return web::method_not_allowed(ctx.base.request, ctx.base.renderer, allow);
}

// The login page for anonymous visitors, 403 for those without the role; nullopt when allowed.
std::optional<Response> refuse(const WijkdataContext& ctx, services::WijkdataAction action) {
    auto editor = editor_of(ctx.base);
    if (editor.user == 0) return Response::redirect("/account/inloggen");
    if (services::may(editor, action)) return std::nullopt;
    std::string_view key = action == services::WijkdataAction::ImportFiles ? "wijkdata.admin.forbidden_import"
                                                                           : "wijkdata.admin.forbidden";
    return fail(ctx, core::Error::forbidden(std::string(core::msg(key))));
}

Response csrf_failed(const WijkdataContext& ctx) {
    return fail(ctx, core::Error::forbidden(std::string(core::msg("account.csrf_failed"))), 403);
}

std::string direction_text(storage::IndicatorDirection d) {
    return std::string(core::msg(std::string("wijkdata.direction.") + storage::to_slug(d)));
}

// ---- Indicator list and edit form -------------------------------------------------------

Response indicator_list(const WijkdataContext& ctx) {
    auto editor = editor_of(ctx.base);
    View rows = View::list();
    for (const auto& m : ctx.wd.all_indicators())
        rows.push(View::object().set("key", m.key).set("label", m.label).set("unit", m.unit)
                      .set("direction", direction_text(m.direction)).set("source", m.source).set("table_id", m.table_id)
                      .set("edited", std::string(core::msg(m.edited ? "wijkdata.admin.yes" : "wijkdata.admin.no")))
                      .set("url", std::string(indicators_path) + "/" + wijk::url_encode(m.key)));
    View v = View::object();
    v.set("title", std::string(core::msg("wijkdata.admin.indicators_title")));
    v.set("empty", rows.empty_list()).set("rows", std::move(rows));
    v.set("may_import", services::may(editor, services::WijkdataAction::ImportFiles));
    if (auto saved = ctx.base.request.param("bewaard"); !saved.empty()) {
        if (auto m = ctx.wd.indicator(std::string(saved)))
            v.set("saved", core::msg("wijkdata.admin.saved", {m->label}));
    }
    return Response::html(ctx.base.renderer.render_page("wijkdata_admin_indicators", v));
}

struct FieldId {
    std::string_view service;   // field name in the service's problems
    std::string_view id;        // the input's id (and its error's view key + "_fout")
};
constexpr FieldId edit_fields[] = {
    {"label", "label"}, {"unit", "eenheid"}, {"direction", "richting"}, {"source", "bron"}};

Response indicator_form(const WijkdataContext& ctx, const storage::IndicatorMeta& current,
                        const services::IndicatorEdit& shown, const core::Error* error) {
    auto token = form_token(ctx.base.request, ctx.base.session);
    View v = View::object();
    v.set("title", core::msg("wijkdata.admin.edit_title", {current.label}));
    v.set("csrf", token.value).set("key", current.key).set("table_id", current.table_id);
    v.set("action", std::string(indicators_path) + "/" + wijk::url_encode(current.key));
    v.set("label", shown.label).set("unit", shown.unit).set("source", shown.source);
    View directions = View::list();
    for (auto d : {storage::IndicatorDirection::Unknown, storage::IndicatorDirection::HigherIsBetter,
                   storage::IndicatorDirection::HigherIsWorse}) {
        std::string slug = storage::to_slug(d);
        directions.push(View::object().set("value", slug).set("id", "richting-" + slug).set("label", direction_text(d))
                            .set("checked", slug == shown.direction));
    }
    v.set("directions", std::move(directions));
    int status = 200;
    if (error) {
        status = http_status(error->code());
        View list = View::list();
        for (const auto& p : error->problems())
            for (const auto& f : edit_fields)
                if (p.field == f.service) {
                    list.push(View::object().set("id", std::string(f.id) + (f.id == "richting" ? "-onbekend" : "")).set("reason", p.reason));
                    v.set(std::string(f.id) + "_fout", p.reason);
                }
        v.set("has_errors", !list.empty_list()).set("errors", std::move(list));
        if (error->problems().empty()) v.set("message", error->message());
    }
    auto r = Response::html(ctx.base.renderer.render_page("wijkdata_admin_indicator", v), status);
    remember_form_token(r, token, ctx.base.config.base_url.rfind("https://", 0) == 0);
    return r;
}

Response indicator_page(const WijkdataContext& ctx, std::string_view key) {
    auto current = ctx.wd.indicator(std::string(key));
    if (!current) return fail(ctx, core::Error::not_found(std::string(core::msg("wijkdata.thing_indicator")), std::string(key)));
    const auto& req = ctx.base.request;
    if (req.method == "GET" || req.method == "HEAD") {
        services::IndicatorEdit shown{current->key, current->label, current->unit, storage::to_slug(current->direction),
                                      current->source};
        return indicator_form(ctx, *current, shown, nullptr);
    }
    if (req.method != "POST") return method_not_allowed(ctx, "GET, HEAD, POST");
    auto form = parse_form(req.body);
    if (!form_token_ok(req, form, ctx.base.session)) return csrf_failed(ctx);
    services::IndicatorEdit edit{current->key, form_field(form, "label"), form_field(form, "unit"),
                                 form_field(form, "direction"), form_field(form, "source")};
    auto done = ctx.wd.edit_indicator(editor_of(ctx.base), edit);
    if (!done) {
        if (done.error().code() != core::ErrorCode::InvalidInput) return fail(ctx, done.error());
        return indicator_form(ctx, *current, edit, &done.error());
    }
    return Response::redirect(std::string(indicators_path) + "?bewaard=" + wijk::url_encode(current->key));
}

// ---- Upload ------------------------------------------------------------------------------

std::string megabytes(std::size_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB"; }

std::string outcome_text(const services::FileImport& f) {
    using services::ImportOutcome;
    std::string what = f.boundaries ? core::msg("wijkdata.upload.what_boundaries", {f.table_id, std::to_string(f.year)})
                                    : core::msg("wijkdata.upload.what_table", {f.table_id, std::to_string(f.year)});
    switch (f.outcome) {
    case ImportOutcome::Imported: return core::msg("wijkdata.upload.imported", {what});
    case ImportOutcome::Replaced: return core::msg("wijkdata.upload.replaced", {what});
    case ImportOutcome::Unchanged: return core::msg("wijkdata.upload.unchanged", {what});
    case ImportOutcome::Refused: break;
    }
    return std::string(core::msg("wijkdata.upload.refused"));
}

View report_of(const services::FileImport& f) {
    View item = View::object();
    item.set("file", f.file).set("ok", f.outcome != services::ImportOutcome::Refused).set("outcome", outcome_text(f));
    item.set("areas", std::to_string(f.areas)).set("has_counts", f.outcome != services::ImportOutcome::Refused);
    item.set("indicators", std::to_string(f.indicators)).set("values", std::to_string(f.values)).set("boundaries", f.boundaries);
    if (f.error) {
        item.set("message", f.error->message());
        View problems = View::list();
        for (const auto& p : f.error->problems())
            problems.push(View::object().set("line", p.line > 0 ? std::to_string(p.line) : std::string("\xE2\x80\x93"))
                              .set("column", p.field.empty() ? std::string("\xE2\x80\x93") : p.field).set("reason", p.reason));
        item.set("has_problems", !problems.empty_list()).set("problems", std::move(problems));
    }
    return item;
}

Response upload_page(const WijkdataContext& ctx, const std::vector<services::FileImport>* results,
                     const core::Error* error) {
    auto token = form_token(ctx.base.request, ctx.base.session);
    View v = View::object();
    v.set("title", std::string(core::msg("wijkdata.upload.title")));
    v.set("csrf", token.value).set("action", std::string(wijkdata_upload_path));
    v.set("hint", core::msg("wijkdata.upload.field_hint", {megabytes(ctx.base.config.max_import_bytes)}));
    int status = 200;
    if (error) {
        v.set("message", error->message());
        status = http_status(error->code());
    }
    if (results) {
        View list = View::list();
        bool refused = false;
        for (const auto& f : *results) {
            list.push(report_of(f));
            refused = refused || f.outcome == services::ImportOutcome::Refused;
        }
        v.set("has_results", true).set("results", std::move(list));
        if (refused && results->size() == 1 && (*results)[0].error) status = http_status((*results)[0].error->code());
    }
    View datasets = View::list();
    if (auto all = ctx.wd.datasets())
        for (const auto& d : *all)
            datasets.push(View::object().set("table_id", d.table_id).set("year", std::to_string(d.year))
                              .set("file", d.source_file).set("at", d.imported_at)
                              .set("areas", std::to_string(d.area_count)).set("indicators", std::to_string(d.indicator_count)));
    v.set("has_datasets", !datasets.empty_list()).set("datasets", std::move(datasets));
    auto r = Response::html(ctx.base.renderer.render_page("wijkdata_admin_import", v), status);
    remember_form_token(r, token, ctx.base.config.base_url.rfind("https://", 0) == 0);
    return r;
}

Response upload_submit(const WijkdataContext& ctx) {
    const auto& req = ctx.base.request;
    MultipartLimits limits;
    limits.max_parts = 16;
    limits.max_file_bytes = ctx.base.config.max_import_bytes;
    limits.max_field_bytes = 4096;
    auto parts = parse_multipart(req.header("content-type"), req.body, limits);
    if (!parts) {
        // Without the parts there is no CSRF field to check either; nothing was imported.
        return upload_page(ctx, nullptr, &parts.error());
    }
    Params csrf{{std::string(csrf_field), std::string(field_value(*parts, csrf_field))}};
    if (!form_token_ok(req, csrf, ctx.base.session)) return csrf_failed(ctx);
    std::vector<services::FileImport> results;
    for (const auto& p : *parts)
        if (p.is_file && p.name == "bestand" && !p.filename.empty())
            results.push_back(ctx.wd.import_upload(editor_of(ctx.base), p.filename, p.data));
    if (results.empty()) {
        auto e = core::Error::invalid_input(std::string(core::msg("wijkdata.upload.no_file")));
        return upload_page(ctx, nullptr, &e);
    }
    return upload_page(ctx, &results, nullptr);
}

}  // namespace

Response wijkdata_admin_route(const WijkdataContext& ctx, const std::vector<std::string_view>& seg) {
    const auto& req = ctx.base.request;
    const bool read = req.method == "GET" || req.method == "HEAD";
    const auto n = seg.size();
    if (n == 2) {
        if (!read) return method_not_allowed(ctx, "GET, HEAD");
        if (auto no = refuse(ctx, services::WijkdataAction::EditIndicators)) return *no;
        return Response::redirect(std::string(indicators_path));
    }
    if (seg[2] == "cijfers" && n <= 4) {
        if (auto no = refuse(ctx, services::WijkdataAction::EditIndicators)) return *no;
        if (n == 4) return indicator_page(ctx, seg[3]);
        if (!read) return method_not_allowed(ctx, "GET, HEAD");
        return indicator_list(ctx);
    }
    if (seg[2] == "importeren" && n == 3) {
        if (!read && req.method != "POST") return method_not_allowed(ctx, "GET, HEAD, POST");
        if (auto no = refuse(ctx, services::WijkdataAction::ImportFiles)) return *no;
        return read ? upload_page(ctx, nullptr, nullptr) : upload_submit(ctx);
    }
    return not_found(ctx);
}

}  // namespace gezondin::web
