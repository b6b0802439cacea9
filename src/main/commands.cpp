#include "main/commands.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/messages.h"
#include "services/community/tokens.h"
#include "services/ongelijk/ongelijk.h"

namespace gezondin::defaults {
std::optional<std::string_view> embedded_file(std::string_view path);
}

namespace gezondin::app {

namespace fs = std::filesystem;

namespace {

core::Result<std::string> read_file(const std::string& path, std::size_t max_bytes = 1u << 30) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (ec) return core::fail(core::Error::not_found("Bestand", path));
    if (size > max_bytes) return core::fail(core::Error::too_large(core::msg("cli.file_too_large", {path})));
    std::ifstream in(path, std::ios::binary);
    std::string text(static_cast<std::size_t>(size), '\0');   // read in place: no second copy of a large file
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return core::fail(core::Error::unavailable(core::msg("cli.cannot_read", {path})));
    return text;
}

void print_report(const services::ImportReport& r) {
    std::cout << core::msg("cli.import_report", {std::to_string(r.created), std::to_string(r.updated), std::to_string(r.unchanged)}) << "\n";
}

// One line per file; the reason (file, line, column, problem) for a refused one. False when refused.
bool print_file_import(const services::FileImport& r) {
    using services::ImportOutcome;
    switch (r.outcome) {
    case ImportOutcome::Imported:
    case ImportOutcome::Replaced:
        std::cout << core::msg(r.outcome == ImportOutcome::Imported ? "cli.data_imported" : "cli.data_replaced",
                               {r.file, r.table_id, std::to_string(r.year), std::to_string(r.areas),
                                std::to_string(r.indicators), std::to_string(r.values)})
                  << "\n";
        return true;
    case ImportOutcome::Unchanged:
        std::cout << core::msg("cli.data_unchanged", {r.file}) << "\n";
        return true;
    case ImportOutcome::Refused: break;
    }
    std::cerr << core::msg("cli.data_refused", {r.file}) << "\n";
    if (r.error) report_error(*r.error);
    return false;
}

// One account per role with a random password, printed once; existing accounts stay as they are.
int create_demo_accounts(const Settings& s) {
    auto community = open_community(s, 0);
    if (!community) return report_error(community.error());
    auto& c = **community;
    for (auto role : {domain::Role::Lid, domain::Role::Redacteur, domain::Role::Beheerder}) {
        const std::string slug(domain::to_slug(role));
        const std::string email = slug + "@demo.gezondin.example";
        auto existing = c.db->user_by_email(email);
        if (existing) continue;
        if (existing.error().code() != core::ErrorCode::NotFound) return report_error(existing.error());
        const std::string password = services::new_token().substr(0, 20);
        auto created = c.accounts->create_confirmed_account("Demo " + slug, email, password, role);
        if (!created) return report_error(created.error());
        std::cout << core::msg("cli.demo_account", {slug, email, password}) << "\n";
    }
    return 0;
}

}  // namespace

int report_error(const core::Error& e) {
    std::cerr << core::msg("cli.error") << " " << e.message() << "\n";
    for (const auto& p : e.problems()) {
        std::cerr << "  ";
        if (p.line > 0) std::cerr << core::msg("cli.line") << " " << p.line << ", ";
        std::cerr << p.field << ": " << p.reason << "\n";
    }
    return e.code() == core::ErrorCode::InvalidInput ? 2 : 1;
}

int run_migrate(const Settings& s) {
    auto rt = open_runtime(s, IndexMode::Optional);
    if (!rt) return report_error(rt.error());
    std::cout << core::msg("cli.migrated", {rt->db->engine()}) << "\n";
    return 0;
}

int run_import_gemeenten(const Settings& s, const std::string& file) {
    auto text = read_file(file);
    if (!text) return report_error(text.error());
    auto rt = open_runtime(s, IndexMode::Optional);
    if (!rt) return report_error(rt.error());
    auto n = rt->kennisbank->import_municipalities_csv(*text);
    if (!n) return report_error(n.error());
    std::cout << core::msg("cli.gemeenten_imported", {std::to_string(*n)}) << "\n";
    return 0;
}

int run_import_data(const Settings& s, const std::vector<std::string>& files) {
    auto rt = open_runtime(s, IndexMode::Optional);
    if (!rt) return report_error(rt.error());
    if (auto loaded = rt->wijkdata->load(); !loaded) return report_error(loaded.error());
    int refused = 0;
    for (const auto& file : files) {
        auto r = rt->wijkdata->import_file(file);
        refused += print_file_import(r) ? 0 : 1;
    }
    return refused == 0 ? 0 : 2;
}

int run_items_import(const Settings& s, const std::string& file) {
    auto text = read_file(file);
    if (!text) return report_error(text.error());
    auto rt = open_runtime(s, IndexMode::Optional);
    if (!rt) return report_error(rt.error());
    auto report = rt->kennisbank->import_items_jsonl(*text);
    if (!report) return report_error(report.error());
    print_report(*report);
    if (!rt->kennisbank->has_index()) std::cout << core::msg("cli.index_by_server") << "\n";
    return 0;
}

int run_items_export(const Settings& s, const std::string& file) {
    auto rt = open_runtime(s, IndexMode::Optional);
    if (!rt) return report_error(rt.error());
    std::ofstream out_file;
    std::ostream* out = &std::cout;
    if (!file.empty() && file != "-") {
        out_file.open(file, std::ios::binary | std::ios::trunc);
        if (!out_file) return report_error(core::Error::unavailable(core::msg("cli.cannot_write", {file})));
        out = &out_file;
    }
    auto r = rt->kennisbank->export_items_jsonl([&](std::string_view line) { *out << line << '\n'; });
    if (!r) return report_error(r.error());
    out->flush();
    return out->good() ? 0 : report_error(core::Error::unavailable(core::msg("cli.cannot_write", {file})));
}

int run_reindex(const Settings& s) {
    // Build a fresh index beside the old one, then swap folders, so a failed rebuild leaves
    // the old index intact.
    auto rt = open_runtime(s, IndexMode::Required);
    if (!rt) return report_error(rt.error());
    rt->kennisbank.reset();
    rt->index.reset();   // releases the write lock
    std::string dir = index_dir(s), fresh_dir = dir + ".nieuw", old_dir = dir + ".oud";
    std::error_code ec;
    fs::remove_all(fresh_dir, ec);
    auto count = [&]() -> core::Result<long> {
        auto fresh = open_index(fresh_dir, s);
        if (!fresh) return core::fail(fresh.error());
        services::Kennisbank kb(*rt->db, nullptr, *rt->taxonomy);
        auto community = open_community(s, 0);
        if (!community) return core::fail(community.error());
        if (auto added = add_contributions(**community, *rt); !added) return core::fail(added.error());
        kb.set_attachment_text([a = (*community)->attachments.get()](const domain::Item& item) { return a->search_text(item); });
        return kb.rebuild_index(**fresh);
    }();
    if (!count) return report_error(count.error());
    fs::remove_all(old_dir, ec);
    fs::rename(dir, old_dir, ec);
    fs::rename(fresh_dir, dir, ec);
    if (ec) return report_error(core::Error::unavailable(core::msg("cli.cannot_write", {dir})));
    fs::remove_all(old_dir, ec);
    std::cout << core::msg("cli.reindexed", {std::to_string(*count)}) << "\n";
    return 0;
}

int run_demo(const Settings& s) {
    auto rt = open_runtime(s, IndexMode::Optional);
    if (!rt) return report_error(rt.error());
    auto gemeenten = rt->kennisbank->import_municipalities_csv(defaults::embedded_file("demo/gemeenten.csv").value_or(""));
    if (!gemeenten) return report_error(gemeenten.error());
    auto report = rt->kennisbank->import_items_jsonl(defaults::embedded_file("demo/items.jsonl").value_or(""));
    if (!report) return report_error(report.error());
    std::cout << core::msg("cli.demo_loaded") << "\n";
    print_report(*report);
    if (auto loaded = rt->wijkdata->load(); !loaded) return report_error(loaded.error());
    for (const auto& r : services::import_demo_data(*rt->wijkdata))
        if (!print_file_import(r)) return 1;
    for (const auto& r : services::import_demo_comparison(*rt->wijkdata))
        if (!print_file_import(r)) return 1;
    return create_demo_accounts(s);
}

}  // namespace gezondin::app
