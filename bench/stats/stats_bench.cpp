// Benchmarks for the stats engine on the 14,574 buurten of 2024. With --export=DIR the
// program instead writes its inputs, outputs and timings as CSV for reference.py.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <string>

#include "bench_inputs.h"
#include "stats/uncertainty.h"

namespace gezondin::stats::bench {
namespace {

const BuurtInputs& buurten() {
    static const BuurtInputs inputs = load_buurten();
    return inputs;
}

const SiiInputs& sii_inputs() {
    static const SiiInputs inputs = make_sii_inputs();
    return inputs;
}

AllocationResult need_and_allocation(const BuurtInputs& in, NeedIndexResult* index_out = nullptr) {
    auto indicators = indicator_inputs(in);
    auto index = compute_need_index(indicators, in.population, bench_spec());
    auto need = need_from_scores(index->score);
    auto allocation = allocate({in.population, need, {}}, bench_allocation());
    if (index_out) *index_out = std::move(*index);
    return std::move(*allocation);
}

std::vector<SiiResult> all_sii(const SiiInputs& in, int repetitions) {
    SiiOptions options = bench_sii_options();
    options.repetitions = repetitions;
    std::vector<SiiResult> results;
    for (const auto& rows : in.rows) results.push_back(*compute_sii(rows, options));
    return results;
}

void BM_NeedIndexAndAllocation(benchmark::State& state) {
    const auto& in = buurten();
    for (auto _ : state) benchmark::DoNotOptimize(need_and_allocation(in));
    state.counters["buurten"] = static_cast<double>(in.codes.size());
}
BENCHMARK(BM_NeedIndexAndAllocation)->Unit(benchmark::kMillisecond);

void BM_Sii10000RepsAllGemeenten(benchmark::State& state) {
    const auto& in = sii_inputs();
    for (auto _ : state) benchmark::DoNotOptimize(all_sii(in, 10000));
    state.counters["gemeenten"] = static_cast<double>(in.rows.size());
}
BENCHMARK(BM_Sii10000RepsAllGemeenten)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_Uncertainty10000DrawsAllBuurten(benchmark::State& state) {
    const auto& in = buurten();
    auto indicators = indicator_inputs(in);
    UncertaintySpec spec;
    spec.draws = 10000;
    spec.threads = 2;
    spec.allocation = bench_allocation();
    for (auto _ : state) benchmark::DoNotOptimize(analyse_uncertainty(indicators, in.population, bench_spec(), spec));
}
BENCHMARK(BM_Uncertainty10000DrawsAllBuurten)->Unit(benchmark::kMillisecond)->Iterations(2);

// One thread, so that CPU time per draw can be read on a busy machine (the time is the
// calling thread's): divide by 1,000.
void BM_Uncertainty1000DrawsOneThread(benchmark::State& state) {
    const auto& in = buurten();
    auto indicators = indicator_inputs(in);
    UncertaintySpec spec;
    spec.draws = 1000;
    spec.threads = 1;
    spec.allocation = bench_allocation();
    for (auto _ : state) benchmark::DoNotOptimize(analyse_uncertainty(indicators, in.population, bench_spec(), spec));
}
BENCHMARK(BM_Uncertainty1000DrawsOneThread)->Unit(benchmark::kMillisecond)->Iterations(3);

template <typename F>
double median_ms(F&& f, int runs) {
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
        auto start = std::chrono::steady_clock::now();
        f();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void export_all(const std::string& dir) {
    const auto& in = buurten();
    std::ofstream inputs(dir + "/buurt_inputs.csv");
    inputs.precision(17);
    inputs << "code,population";
    for (std::size_t k = 0; k < in.indicators.size(); ++k) {
        inputs << ",ind" << k << "_" << (in.directions[k] == Direction::HigherIsBetter ? "better" : "worse") << "_w" << 1.0 + 0.1 * k;
    }
    inputs << "\n";
    NeedIndexResult index;
    AllocationResult allocation = need_and_allocation(in, &index);
    std::ofstream outputs(dir + "/buurt_outputs.csv");
    outputs.precision(17);
    outputs << "code,score,rank,decile,cents\n";
    for (std::size_t i = 0; i < in.codes.size(); ++i) {
        inputs << in.codes[i] << "," << in.population[i];
        for (const auto& column : in.indicators) inputs << "," << column[i];
        inputs << "\n";
        outputs << in.codes[i] << "," << index.score[i] << "," << index.rank[i] << "," << index.decile[i] << ","
                << allocation.cents[i] << "\n";
    }
    const auto& sii = sii_inputs();
    auto results = all_sii(sii, 0);
    std::ofstream sii_in(dir + "/sii_inputs.csv"), sii_out(dir + "/sii_outputs.csv");
    sii_in.precision(17);
    sii_out.precision(17);
    sii_in << "gemeente,quantile,population,value,se\n";
    sii_out << "gemeente,sii,rii,intercept\n";
    for (std::size_t g = 0; g < sii.rows.size(); ++g) {
        for (const auto& row : sii.rows[g]) {
            sii_in << sii.gemeenten[g] << "," << row.quantile << "," << row.population << "," << row.value << "," << row.standard_error << "\n";
        }
        sii_out << sii.gemeenten[g] << "," << results[g].sii << "," << results[g].rii << "," << results[g].intercept << "\n";
    }
    std::ofstream timings(dir + "/cpp_timings.csv");
    timings << "task,ms\n";
    timings << "need_index_and_allocation," << median_ms([&] { need_and_allocation(in); }, 21) << "\n";
    timings << "sii_points_342," << median_ms([&] { all_sii(sii, 0); }, 21) << "\n";
}

}  // namespace
}  // namespace gezondin::stats::bench

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--export=", 9) == 0) {
            gezondin::stats::bench::export_all(argv[i] + 9);
            return 0;
        }
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
