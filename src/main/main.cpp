// gezondin: one binary with subcommands. Configuration comes from flags and GEZONDIN_*
// environment variables and is checked before anything starts.

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <tuple>
#include <iostream>

#include "core/messages.h"
#include "main/commands.h"

using namespace gezondin;

namespace {

std::string env_or(const char* name, std::string fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

}  // namespace

int main(int argc, char** argv) {
    app::Settings s;
    s.data_dir = env_or("GEZONDIN_DATA", "var");
    s.database_url = env_or("GEZONDIN_DATABASE", "");
    s.listen = env_or("GEZONDIN_LISTEN", "127.0.0.1:8080");
    s.base_url = env_or("GEZONDIN_BASE_URL", "");
    for (auto [name, target, fallback] : {std::tuple{"GEZONDIN_MAX_BODY_KB", &s.max_body_kb, "1024"},
                                          std::tuple{"GEZONDIN_PAGE_CACHE", &s.page_cache_entries, "1000"}}) {
        std::string value = env_or(name, fallback);
        try {
            std::size_t used = 0;
            *target = std::stoul(value, &used);
            if (used != value.size()) throw std::invalid_argument(value);
        } catch (...) {
            std::cerr << core::msg("cli.bad_env", {name, value}) << "\n";
            return 2;
        }
    }

    CLI::App cli{"GezondIn: platform voor de lokale aanpak van gezondheidsverschillen", "gezondin"};
    cli.require_subcommand(1);
    auto common = [&](CLI::App* sub) {
        sub->add_option("--data", s.data_dir, "Map met database, zoekindex en uploads (GEZONDIN_DATA)")->capture_default_str();
        sub->add_option("--database", s.database_url, "Database-URL, bijv. postgresql://user@host:5432/db (GEZONDIN_DATABASE)");
    };
    auto* serve = cli.add_subcommand("serve", "Start de webserver");
    common(serve);
    serve->add_option("--listen", s.listen, "Adres en poort, bijv. 127.0.0.1:8080 (GEZONDIN_LISTEN)")->capture_default_str();
    serve->add_option("--base-url", s.base_url, "Publiek adres voor links in feeds (GEZONDIN_BASE_URL)");
    serve->add_option("--max-body-kb", s.max_body_kb, "Grootste verzoek in kilobyte (GEZONDIN_MAX_BODY_KB)")->check(CLI::Range(1, 1 << 20));
    serve->add_option("--page-cache", s.page_cache_entries, "Aantal pagina's in het geheugen; 0 = uit (GEZONDIN_PAGE_CACHE)")->check(CLI::Range(0, 100000));
    auto* migrate = cli.add_subcommand("migrate", "Werk de database bij naar de nieuwste versie");
    common(migrate);
    auto* demo = cli.add_subcommand("demo", "Vul de database met verzonnen voorbeelden");
    common(demo);
    auto* reindex = cli.add_subcommand("reindex", "Bouw de zoekindex opnieuw op uit de database");
    common(reindex);

    std::string file;
    auto* import = cli.add_subcommand("import", "Importeer referentiegegevens");
    import->require_subcommand(1);
    auto* gemeenten = import->add_subcommand("gemeenten", "Importeer de CBS-lijst 'Gemeenten alfabetisch' (CSV)");
    common(gemeenten);
    gemeenten->add_option("FILE", file, "CSV-bestand")->required();

    auto* items = cli.add_subcommand("items", "Importeer of exporteer kennisbank-items (JSON lines)");
    items->require_subcommand(1);
    auto* items_import = items->add_subcommand("import", "Importeer items uit een .jsonl-bestand");
    common(items_import);
    items_import->add_option("FILE", file, "JSON-lines-bestand")->required();
    auto* items_export = items->add_subcommand("export", "Schrijf alle items als JSON lines");
    common(items_export);
    items_export->add_option("FILE", file, "Doelbestand; zonder: standaarduitvoer");

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }
    if (s.data_dir.empty()) {
        std::cerr << core::msg("cli.bad_data_dir") << "\n";
        return 2;
    }
    if (*serve) return app::run_serve(s);
    if (*migrate) return app::run_migrate(s);
    if (*demo) return app::run_demo(s);
    if (*reindex) return app::run_reindex(s);
    if (*gemeenten) return app::run_import_gemeenten(s, file);
    if (*items_import) return app::run_items_import(s, file);
    if (*items_export) return app::run_items_export(s, file);
    return 2;
}
