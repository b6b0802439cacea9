#pragma once
// The subcommands of the gezondin binary. Each returns the process exit code and prints
// what it did (Dutch, for operators) or what went wrong.

#include <string>

#include "main/runtime.h"

namespace gezondin::app {

int run_serve(const Settings& s);
int run_migrate(const Settings& s);
int run_demo(const Settings& s);
int run_import_gemeenten(const Settings& s, const std::string& file);
int run_items_import(const Settings& s, const std::string& file);
int run_items_export(const Settings& s, const std::string& file);   // "-" or empty: stdout
int run_reindex(const Settings& s);

// Prints an error with its field problems to stderr; returns the exit code for it.
int report_error(const core::Error& e);

}  // namespace gezondin::app
