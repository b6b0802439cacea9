#include "bench_inputs.h"

#include <cstdio>
#include <cstdlib>
#include <random>

#include "kwb_fixture.h"

namespace gezondin::stats::bench {
namespace {

std::filesystem::path data_dir() {
    if (auto dir = testing::shared_data_dir()) return *dir;
    return GEZONDIN_SHARED_DATA_DEFAULT;
}

AreaTable load_table() {
    auto table = testing::load_kwb_2024(data_dir());
    if (!table) {
        std::fprintf(stderr, "KWB 2024 niet gevonden onder %s\n", data_dir().c_str());
        std::exit(2);
    }
    return std::move(*table);
}

}  // namespace

BuurtInputs load_buurten() {
    AreaTable table = load_table();
    BuurtInputs in;
    for (auto row : table.rows_at(AreaLevel::Buurt)) {
        in.codes.push_back(table.code(row));
        in.population.push_back(table.populations()[row]);
    }
    std::mt19937_64 rng(20240611);
    std::normal_distribution<double> normal;
    in.indicators.resize(10);
    for (std::size_t k = 0; k < 10; ++k) {
        in.directions.push_back(k % 3 == 2 ? Direction::HigherIsBetter : Direction::HigherIsWorse);
        for (std::size_t i = 0; i < in.codes.size(); ++i) in.indicators[k].push_back(20 + 5 * normal(rng) + k);
    }
    return in;
}

SiiInputs make_sii_inputs() {
    AreaTable table = load_table();
    std::mt19937_64 rng(342);
    std::uniform_real_distribution<double> unit(0, 1);
    SiiInputs out;
    for (auto row : table.rows_at(AreaLevel::Gemeente)) {
        out.gemeenten.push_back(table.code(row));
        double population = table.populations()[row];
        double slope = 4 + 6 * unit(rng);
        std::vector<SiiRow> rows;
        for (int q = 1; q <= 10; ++q) {
            double share = population / 10 * (0.8 + 0.4 * unit(rng));
            double value = 76 + slope * (q - 0.5) / 10 + unit(rng);
            rows.push_back({q, std::round(share), value, 0.5 + unit(rng)});
        }
        out.rows.push_back(std::move(rows));
    }
    return out;
}

std::vector<IndicatorInput> indicator_inputs(const BuurtInputs& in) {
    std::vector<IndicatorInput> out;
    for (std::size_t k = 0; k < in.indicators.size(); ++k) {
        out.push_back({"ind" + std::to_string(k), in.indicators[k], in.directions[k], 1.0 + 0.1 * k});
    }
    return out;
}

NeedIndexSpec bench_spec() { return NeedIndexSpec{Normalisation::ZScore, Aggregation::ArithmeticMean}; }

AllocationParams bench_allocation() {
    AllocationParams p;
    p.budget_cents = 100'000'000'00;
    p.universal_share = 0.4;
    p.proportionality = 1;
    return p;
}

SiiOptions bench_sii_options() {
    SiiOptions o;
    o.repetitions = 10000;
    o.seed = 7;
    return o;
}

}  // namespace gezondin::stats::bench
