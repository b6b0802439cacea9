#pragma once
// Inputs shared by the stats benchmarks and the export for the Python reference: the real
// 2024 buurten with their population, 10 synthetic indicators (fixed seed), and synthetic
// decile rows for the SII of every gemeente (real gemeente population split over deciles).

#include <cstdint>
#include <string>
#include <vector>

#include "stats/need_index.h"
#include "stats/allocation.h"
#include "stats/sii.h"

namespace gezondin::stats::bench {

struct BuurtInputs {
    std::vector<std::string> codes;
    std::vector<double> population;
    std::vector<std::vector<double>> indicators;  // 10 columns
    std::vector<Direction> directions;
};

struct SiiInputs {
    std::vector<std::string> gemeenten;
    std::vector<std::vector<SiiRow>> rows;  // 10 deciles each
};

// Reads ../shared/data (GEZONDIN_SHARED_DATA or the path compiled in); exits with a message
// when the file is absent.
BuurtInputs load_buurten();
SiiInputs make_sii_inputs();

std::vector<IndicatorInput> indicator_inputs(const BuurtInputs& in);
NeedIndexSpec bench_spec();
AllocationParams bench_allocation();
SiiOptions bench_sii_options();

}  // namespace gezondin::stats::bench
