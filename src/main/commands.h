#pragma once
// The subcommands of the gezondin binary. Each returns the process exit code and prints
// what it did (Dutch, for operators) or what went wrong.

#include <cstdint>
#include <string>
#include <vector>

#include "main/runtime.h"

namespace gezondin::app {

int run_serve(const Settings& s);
int run_migrate(const Settings& s);
int run_demo(const Settings& s);
int run_import_gemeenten(const Settings& s, const std::string& file);
// Imports wijkdata files one by one; prints per file what happened. Exit 0 only when no file
// was refused.
int run_import_data(const Settings& s, const std::vector<std::string>& files);
int run_items_import(const Settings& s, const std::string& file);
int run_items_export(const Settings& s, const std::string& file);   // "-" or empty: stdout
int run_reindex(const Settings& s);

struct SiiCommandOptions {
    std::string value_type = "mean";   // mean | rate | proportion
    bool transform = false;            // log (rate) or logit (proportion)
    double multiplier = 1;
    std::vector<double> confidence = {0.95};
    double input_confidence = 0.95;
    int repetitions = 10000;
    std::uint64_t seed = 1;
};
struct AllocateCommandOptions {
    double budget_euros = 0;
    double universal_share = 0.4;
    double proportionality = 1;
    double floor = 0;
    double cap = 0;
    double damping = 0;
    std::string missing_need = "universeel";
    bool csv = false;
};
int run_stats_sii(const std::string& file, const SiiCommandOptions& o);
int run_stats_allocate(const std::string& file, const AllocateCommandOptions& o);

// Prints an error with its field problems to stderr; returns the exit code for it.
int report_error(const core::Error& e);

}  // namespace gezondin::app
