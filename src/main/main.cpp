// gezondin: one binary with subcommands. Configuration comes from flags and GEZONDIN_*
// environment variables and is checked before anything starts.

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <tuple>
#include <vector>
#include <iostream>

#include "core/messages.h"
#include "main/commands.h"
#include "main/user_commands.h"

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
                                          std::tuple{"GEZONDIN_PAGE_CACHE", &s.page_cache_entries, "1000"},
                                          std::tuple{"GEZONDIN_MAX_UPLOAD_MB", &s.max_upload_mb, "10"},
                                          std::tuple{"GEZONDIN_MAX_IMPORT_MB", &s.max_import_mb, "64"},
                                          std::tuple{"GEZONDIN_GEHEIM_MIN_AANTAL", &s.geheim_min_count, "10"},
                                          std::tuple{"GEZONDIN_GEHEIM_MIN_INWONERS", &s.geheim_min_population, "50"}}) {
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
    serve->add_option("--max-upload-mb", s.max_upload_mb, "Grootste bijlage bij een bijdrage in megabyte (GEZONDIN_MAX_UPLOAD_MB)")->check(CLI::Range(1, 1024))->capture_default_str();
    serve->add_option("--max-import-mb", s.max_import_mb, "Grootste bestand op de importpagina voor wijkdata in megabyte (GEZONDIN_MAX_IMPORT_MB)")->check(CLI::Range(1, 1024))->capture_default_str();
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
    std::vector<std::string> data_files;
    auto* data = import->add_subcommand("data", "Importeer CBS/RIVM-tabellen en gebiedsgrenzen (wijkdata)");
    common(data);
    data->add_option("FILE", data_files, "TypedDataSet-CSV, kwb-CSV/xlsx, StatLine-export, GeoJSON of TopoJSON")->required();

    auto* items = cli.add_subcommand("items", "Importeer of exporteer kennisbank-items (JSON lines)");
    items->require_subcommand(1);
    auto* items_import = items->add_subcommand("import", "Importeer items uit een .jsonl-bestand");
    common(items_import);
    items_import->add_option("FILE", file, "JSON-lines-bestand")->required();
    auto* items_export = items->add_subcommand("export", "Schrijf alle items als JSON lines");
    common(items_export);
    items_export->add_option("FILE", file, "Doelbestand; zonder: standaarduitvoer");

    app::SiiCommandOptions sii;
    auto* stats = cli.add_subcommand("stats", "Rekenen op eigen tabellen (SII, verdeling)");
    stats->require_subcommand(1);
    auto* stats_sii = stats->add_subcommand("sii", "Slope en relative index of inequality uit een CSV met kwantielen");
    stats_sii->add_option("FILE", file, "CSV met quantile, population, value en standard_error of lower_cl/upper_cl")->required();
    stats_sii->add_option("--value-type", sii.value_type, "mean, rate of proportion")->capture_default_str();
    stats_sii->add_flag("--transform", sii.transform, "log (rate) of logit (proportion) gebruiken");
    stats_sii->add_option("--multiplier", sii.multiplier, "Vermenigvuldiger van de SII, bijv. 100")->capture_default_str();
    stats_sii->add_option("--confidence", sii.confidence, "Betrouwbaarheid, herhaalbaar (0.95, 0.998)")->capture_default_str();
    stats_sii->add_option("--input-confidence", sii.input_confidence, "Betrouwbaarheid van de gegeven grenzen")->capture_default_str();
    stats_sii->add_option("--repetitions", sii.repetitions, "Herhalingen voor de betrouwbaarheidsgrenzen")->check(CLI::Range(0, 100000))->capture_default_str();
    stats_sii->add_option("--seed", sii.seed, "Startwaarde van de toevalsgenerator")->capture_default_str();
    app::AllocateCommandOptions allocate;
    auto* stats_allocate = stats->add_subcommand("allocate", "Verdeel een budget over gebieden naar behoefte");
    stats_allocate->add_option("FILE", file, "CSV met code, population en need (en eventueel previous)")->required();
    stats_allocate->add_option("--budget", allocate.budget_euros, "Budget in euro")->required()->check(CLI::PositiveNumber);
    stats_allocate->add_option("--universal", allocate.universal_share, "Universeel deel (0 tot 1)")->capture_default_str();
    stats_allocate->add_option("--proportionality", allocate.proportionality, "0 = per inwoner, hoger = meer naar meer behoefte")->capture_default_str();
    stats_allocate->add_option("--floor", allocate.floor, "Minimum per inwoner in euro");
    stats_allocate->add_option("--cap", allocate.cap, "Maximum per inwoner in euro");
    stats_allocate->add_option("--damping", allocate.damping, "Demping tegen een vorige verdeling (0 tot 1)");
    stats_allocate->add_option("--missing", allocate.missing_need, "Gebieden zonder behoefte: universeel of uitsluiten")->capture_default_str();
    stats_allocate->add_flag("--csv", allocate.csv, "Uitvoer als CSV in plaats van JSON");

    std::string user_name, user_email, user_role = "lid";
    bool remove_contributions = false;
    auto* user = cli.add_subcommand("user", "Beheer accounts (als beheerder op de server; het logboek noemt u 'systeem')");
    user->require_subcommand(1);
    auto* user_list = user->add_subcommand("list", "Toon alle accounts");
    common(user_list);
    auto* user_create = user->add_subcommand("create", "Maak een account; het wachtwoord ziet u maar een keer");
    common(user_create);
    user_create->add_option("--name", user_name, "Naam")->required();
    user_create->add_option("--email", user_email, "E-mailadres")->required();
    user_create->add_option("--role", user_role, "lid, redacteur of beheerder")->capture_default_str();
    auto* user_role_cmd = user->add_subcommand("role", "Wijzig de rol van een account (de persoon moet opnieuw inloggen)");
    common(user_role_cmd);
    user_role_cmd->add_option("EMAIL", user_email, "E-mailadres van het account")->required();
    user_role_cmd->add_option("ROLE", user_role, "lid, redacteur of beheerder")->required();
    auto* user_delete = user->add_subcommand("delete", "Verwijder een account en de persoonsgegevens");
    common(user_delete);
    user_delete->add_option("EMAIL", user_email, "E-mailadres van het account")->required();
    user_delete->add_flag("--remove-contributions", remove_contributions,
                          "Verwijder ook de voorbeelden en reacties (anders blijven ze staan onder 'voormalig lid')");

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }
    if (*stats_sii) return app::run_stats_sii(file, sii);
    if (*stats_allocate) return app::run_stats_allocate(file, allocate);
    if (s.data_dir.empty()) {
        std::cerr << core::msg("cli.bad_data_dir") << "\n";
        return 2;
    }
    if (*serve) return app::run_serve(s);
    if (*migrate) return app::run_migrate(s);
    if (*demo) return app::run_demo(s);
    if (*reindex) return app::run_reindex(s);
    if (*gemeenten) return app::run_import_gemeenten(s, file);
    if (*data) return app::run_import_data(s, data_files);
    if (*items_import) return app::run_items_import(s, file);
    if (*items_export) return app::run_items_export(s, file);
    if (*user_list) return app::run_user_list(s, std::cout);
    if (*user_create) return app::run_user_create(s, user_name, user_email, user_role, std::cout);
    if (*user_role_cmd) return app::run_user_role(s, user_email, user_role, std::cout);
    if (*user_delete) return app::run_user_delete(s, user_email, remove_contributions, std::cout);
    return 2;
}
