// Storage benchmarks over a seeded database of 10,000 items: item by id, a filtered list
// page, and upserting a batch of 1,000 (new items, then the same batch unchanged).
//   storage_bench                          SQLite in a temporary directory
//   GEZONDIN_TEST_PG_URL=postgresql://... storage_bench   also PostgreSQL (uses that database)

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>

#include <benchmark/benchmark.h>

#include "domain/taxonomy.h"
#include "storage/database.h"

namespace {

using namespace gezondin;

constexpr int seeded_items = 10'000;

domain::Item bench_item(const std::string& key, int n) {
    static const std::vector<std::string> themes = {"armoede-en-schulden", "bestaanszekerheid", "wonen", "bewegen",
                                                    "eenzaamheid", "voeding", "roken", "alcohol"};
    const auto& types = domain::all_item_types();
    domain::Item item;
    item.external_id = key;
    item.type = types[static_cast<std::size_t>(n) % types.size()];
    item.title = "Samen gezond in de wijk: aanpak " + std::to_string(n);
    item.summary = "Gemeente en GGD werken samen aan een gezonde leefomgeving voor kinderen en ouderen.";
    item.body = std::string(1500, 'x') + " De aanpak richt zich op bewegen, voeding en ontmoeting in de buurt.";
    item.date = core::Date{2018 + n % 8, 1 + n % 12, 1 + n % 28};
    item.themes = {themes[static_cast<std::size_t>(n) % themes.size()], themes[static_cast<std::size_t>(n / 8) % themes.size()]};
    item.gala_goals = {1 + n % 7, 1 + (n / 7) % 7};
    item.tracks = {"participatie"};
    item.municipality_code = "GM" + std::to_string(1000 + n % 300);
    item.links = {{"https://example.org/" + std::to_string(n), "Meer informatie"}};
    return item;
}

struct BenchDb {
    std::unique_ptr<storage::Database> db;
    std::vector<domain::ItemId> ids;
};

BenchDb open_seeded(const std::string& url) {
    auto opened = storage::open_database(url, 4);
    if (!opened) throw std::runtime_error(opened.error().message());
    BenchDb out{std::move(*opened), {}};
    if (auto m = out.db->migrate(); !m) throw std::runtime_error(m.error().message());
    for (int start = 0; start < seeded_items; start += 1000) {
        std::vector<domain::Item> batch;
        for (int i = start; i < start + 1000; ++i) batch.push_back(bench_item("seed-" + std::to_string(i), i));
        auto written = out.db->upsert_items(batch);
        if (!written) throw std::runtime_error(written.error().message());
        for (const auto& o : *written) out.ids.push_back(o.id);
    }
    return out;
}

void item_by_id(benchmark::State& state, BenchDb* b) {
    std::mt19937 rng(42);
    for (auto _ : state) {
        auto item = b->db->item(b->ids[rng() % b->ids.size()]);
        if (!item) state.SkipWithError(item.error().message().c_str());
        benchmark::DoNotOptimize(item);
    }
}

void list_page(benchmark::State& state, BenchDb* b) {
    storage::ItemFilter filter;
    filter.theme = "wonen";
    long offset = 0;
    for (auto _ : state) {
        auto page = b->db->list_items(filter, storage::ItemOrder::DateDescending, offset, 20);
        if (!page) state.SkipWithError(page.error().message().c_str());
        offset = (offset + 20) % 1000;
        benchmark::DoNotOptimize(page);
    }
}

void upsert_new_batch(benchmark::State& state, BenchDb* b) {
    static int round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        std::vector<domain::Item> batch;
        for (int i = 0; i < 1000; ++i) batch.push_back(bench_item("new-" + std::to_string(::getpid()) + "-" + std::to_string(round) + "-" + std::to_string(i), i));
        ++round;
        state.ResumeTiming();
        if (auto r = b->db->upsert_items(batch); !r) state.SkipWithError(r.error().message().c_str());
    }
    state.SetItemsProcessed(state.iterations() * 1000);
}

void upsert_unchanged_batch(benchmark::State& state, BenchDb* b) {
    std::vector<domain::Item> batch;
    for (int i = 0; i < 1000; ++i) batch.push_back(bench_item("seed-" + std::to_string(i), i));
    for (auto _ : state)
        if (auto r = b->db->upsert_items(batch); !r) state.SkipWithError(r.error().message().c_str());
    state.SetItemsProcessed(state.iterations() * 1000);
}

void register_engine(const std::string& name, BenchDb* b) {
    benchmark::RegisterBenchmark((name + "/item_by_id").c_str(), item_by_id, b);
    benchmark::RegisterBenchmark((name + "/list_page_theme_20").c_str(), list_page, b);
    benchmark::RegisterBenchmark((name + "/upsert_1000_new").c_str(), upsert_new_batch, b)->Unit(benchmark::kMillisecond)->Iterations(5);
    benchmark::RegisterBenchmark((name + "/upsert_1000_unchanged").c_str(), upsert_unchanged_batch, b)->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
    auto dir = std::filesystem::temp_directory_path() / ("gezondin-storage-bench-" + std::to_string(::getpid()));
    BenchDb sqlite = open_seeded("sqlite://" + (dir / "bench.db").string());
    register_engine("sqlite", &sqlite);
    BenchDb postgresql;
    if (const char* url = std::getenv("GEZONDIN_TEST_PG_URL"); url && *url) {
        postgresql = open_seeded(url);
        register_engine("postgresql", &postgresql);
    } else {
        std::cerr << "GEZONDIN_TEST_PG_URL not set: PostgreSQL skipped\n";
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    sqlite.db.reset();
    if (!std::getenv("GEZONDIN_BENCH_KEEP")) std::filesystem::remove_all(dir);
    else std::cerr << "kept " << dir << "\n";
    return 0;
}
