#include "stats/uncertainty.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "stats/uncertainty_kernel.h"

namespace gezondin::stats {
namespace {

constexpr int bins = 400;
constexpr std::uint16_t skip = 0xffff;  // a bin entry that counts nowhere
const double euro_span = std::log(16.0);  // euro bins cover ref / 16 .. ref * 16

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// Everything a draw reads; built once, shared read-only by the threads.
struct Setup {
    std::array<detail::FloatColumns, 6> prepared;  // [normalisation * 2 + aggregation]; only the variants drawn
    std::vector<double> weights;
    std::span<const double> population;
    NeedIndexSpec chosen;
    const UncertaintySpec* spec = nullptr;
    std::vector<double> reference_euros;
    std::vector<double> inverse_reference;  // 1 / reference_euros, 0 where there is none
    std::vector<std::uint16_t> position_bin;  // rank bin of the k-th highest score
    std::size_t areas = 0;
    std::size_t ranked = 0;
    std::size_t rank_bins = 0;
    std::size_t top = 0;  // size of the priority group
};

template <typename Count>
struct Histograms {
    std::vector<Count> rank;  // areas x rank_bins
    std::vector<Count> euro;  // areas x (bins + 1); bin 0 holds zero euros
};

// The counts of all draws; threads add theirs under the mutex (sums of integers, so the
// order does not matter).
struct Tally {
    Histograms<std::uint32_t> hist;
    std::vector<std::uint32_t> priority;
    std::mutex mutex;
};

int variant(Normalisation n, Aggregation a) { return static_cast<int>(n) * 2 + static_cast<int>(a); }

// Runs a range of draws into the tally. Per draw: weights and method, scores (single
// precision), rank bins, the allocation and the euro bins; nothing is allocated. Counts are
// kept in 16 bits (half the memory traffic) and added to the tally every 65,535 draws.
class Drawer {
public:
    Drawer(const Setup& setup, Tally& tally)
        : m_setup(setup), m_tally(tally), m_hist{std::vector<std::uint16_t>(setup.areas * setup.rank_bins),
                                                 std::vector<std::uint16_t>(setup.areas * (bins + 1))},
          m_priority(setup.areas), m_score(setup.areas), m_used(setup.areas), m_need(setup.areas),
          m_euros(setup.areas) {
        if (!setup.spec->allocation) return;
        m_allocation.emplace(setup.population, *setup.spec->allocation);
        m_euro_bins.emplace(setup.inverse_reference, bins);
    }

    void run(int first, int last) {
        m_chunk.assign(chunk * m_setup.areas * 2, skip);
        int counted = 0;
        for (int d = first; d < last; ++d) {
            draw(d);
            if (++m_filled == chunk) flush();
            if (++counted == std::numeric_limits<std::uint16_t>::max()) {
                flush();
                merge();
                counted = 0;
            }
        }
        flush();
        merge();
    }

private:
    void draw(int d) {
        std::mt19937_64 engine(splitmix(m_setup.spec->seed ^ splitmix(static_cast<std::uint64_t>(d))));
        draw_weights(engine);
        const auto& columns = m_setup.prepared[choose_variant(engine)];
        detail::weighted_scores(columns, m_weights, m_setup.chosen.missing == MissingValueRule::UseAvailable, m_score,
                                m_used);
        std::uint16_t* row = &m_chunk[m_filled * m_setup.areas * 2];
        auto range = detail::score_range(m_score);
        m_rank_bins.assign(m_score, range, m_setup.position_bin, m_setup.top, skip, row, 2, m_priority);
        if (m_allocation) tally_euros(range, row);
    }

    void draw_weights(std::mt19937_64& engine) {
        const auto& spec = *m_setup.spec;
        m_weights = m_setup.weights;
        for (double& w : m_weights) {
            if (w == 0) continue;
            if (spec.weight_noise == WeightNoise::Dirichlet) {
                w = std::gamma_distribution<double>(spec.concentration * w, 1.0)(engine);
            } else {
                w *= std::exp(spec.sigma * std::normal_distribution<double>()(engine) - spec.sigma * spec.sigma / 2);
            }
        }
    }

    int choose_variant(std::mt19937_64& engine) {
        const auto& spec = *m_setup.spec;
        auto n = spec.vary_normalisation ? static_cast<Normalisation>(engine() % 3) : m_setup.chosen.normalisation;
        m_aggregation = spec.vary_aggregation ? static_cast<Aggregation>(engine() % 2) : m_setup.chosen.aggregation;
        return variant(n, m_aggregation);
    }

    // Without an allocation the euro entries keep the `skip` they got in run().
    void tally_euros(detail::ScoreRange range, std::uint16_t* row) {
        detail::need_from_float_scores(m_score, range, m_aggregation == Aggregation::GeometricMean, m_need);
        if (m_allocation->allocate(m_need, m_euros)) {
            m_euro_bins->bin(m_euros, skip, row + 1, 2);
        } else {
            for (std::size_t i = 0; i < m_setup.areas; ++i) row[2 * i + 1] = skip;
        }
    }

    // Histogram rows are touched area by area for a whole chunk of draws, so each row is
    // fetched from memory once per chunk instead of once per draw. The chunk is read in
    // blocks of 16 areas (one cache line of entries per draw).
    void flush() {
        constexpr std::size_t block = 16;
        const std::size_t stride = m_setup.areas * 2;
        for (std::size_t first = 0; first < m_setup.areas; first += block) {
            std::size_t last = std::min(m_setup.areas, first + block);
            for (std::size_t c = 0; c < m_filled; ++c) {
                const std::uint16_t* entry = &m_chunk[c * stride];
                for (std::size_t i = first; i < last; ++i) {
                    std::uint16_t r = entry[2 * i], e = entry[2 * i + 1];
                    if (r != skip) ++m_hist.rank[i * m_setup.rank_bins + r];
                    if (e != skip) ++m_hist.euro[i * (bins + 1) + e];
                }
            }
        }
        m_filled = 0;
    }

    void merge() {
        std::lock_guard lock(m_tally.mutex);
        auto add = [](auto& into, auto& from) {
            std::transform(into.begin(), into.end(), from.begin(), into.begin(), std::plus<>());
            std::fill(from.begin(), from.end(), 0);
        };
        add(m_tally.hist.rank, m_hist.rank);
        add(m_tally.hist.euro, m_hist.euro);
        add(m_tally.priority, m_priority);
    }

    static constexpr std::size_t chunk = 256;

    const Setup& m_setup;
    Tally& m_tally;
    Histograms<std::uint16_t> m_hist;
    std::vector<std::uint32_t> m_priority;
    std::size_t m_filled = 0;
    std::vector<std::uint16_t> m_chunk;  // [draw in chunk][area][rank bin, euro bin]
    detail::RankBins m_rank_bins;
    std::optional<detail::AllocationKernel> m_allocation;
    std::optional<detail::EuroBins> m_euro_bins;
    Aggregation m_aggregation = Aggregation::ArithmeticMean;
    std::vector<double> m_weights;
    std::vector<float> m_score, m_used;
    std::vector<double> m_need, m_euros;
};

std::string check_spec(const UncertaintySpec& s) {
    if (s.draws < 1 || s.draws > 1000000) return "Het aantal trekkingen moet tussen 1 en 1.000.000 liggen.";
    if (s.threads < 1 || s.threads > 64) return "Het aantal threads moet tussen 1 en 64 liggen.";
    if (!(s.priority_share > 0 && s.priority_share <= 1)) return "De prioriteitsgroep moet tussen 0 en 100% liggen.";
    if (!(s.concentration > 0) || !(s.sigma >= 0)) return "De spreiding van de gewichten klopt niet.";
    if (!(s.robust_probability > 0.5 && s.robust_probability <= 1)) return "De grens voor robuust moet tussen 0,5 en 1 liggen.";
    if (s.allocation && s.allocation->damping > 0) return "Demping kan in de onzekerheidsanalyse niet worden meegenomen.";
    return {};
}

void run_draws(const Setup& setup, Tally& tally) {
    tally.hist.rank.assign(setup.areas * setup.rank_bins, 0);
    tally.hist.euro.assign(setup.areas * (bins + 1), 0);
    tally.priority.assign(setup.areas, 0);
    int threads = setup.spec->threads;
    int draws = setup.spec->draws;
    auto run = [&](int t) { Drawer(setup, tally).run(draws * t / threads, draws * (t + 1) / threads); };
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t) workers.emplace_back(run, t);
    run(0);  // the calling thread takes the first share
    for (auto& w : workers) w.join();
}

// First bin at which the cumulative count reaches share * total.
std::size_t bin_at(const std::uint32_t* hist, std::size_t count, double share, int total) {
    double needed = std::max(1.0, std::ceil(share * total));
    double cumulative = 0;
    for (std::size_t b = 0; b < count; ++b) {
        cumulative += hist[b];
        if (cumulative >= needed) return b;
    }
    return count - 1;
}

void summarise(const Setup& s, const Tally& t, std::size_t i, AreaUncertainty& out) {
    int draws = s.spec->draws;
    out.priority_probability = static_cast<double>(t.priority[i]) / draws;
    double r = s.spec->robust_probability;
    out.method_dependent = out.priority_probability > 1 - r && out.priority_probability < r;
    const std::uint32_t* ranks = &t.hist.rank[i * s.rank_bins];
    bool ranked = std::any_of(ranks, ranks + s.rank_bins, [](std::uint32_t c) { return c > 0; });
    double per_bin = static_cast<double>(s.ranked) / std::max<std::size_t>(1, s.rank_bins);
    out.rank_low = ranked ? std::floor(bin_at(ranks, s.rank_bins, 0.05, draws) * per_bin) + 1 : std::nan("");
    out.rank_high = ranked ? std::floor((bin_at(ranks, s.rank_bins, 0.95, draws) + 1) * per_bin) : std::nan("");
    out.euros_low = out.euros_high = std::nan("");
    if (!s.spec->allocation || !(s.reference_euros[i] > 0)) return;
    const std::uint32_t* euros = &t.hist.euro[i * (bins + 1)];
    auto edge = [&](std::size_t b) { return s.reference_euros[i] * std::exp(-euro_span + 2 * euro_span * b / bins); };
    std::size_t low = bin_at(euros, bins + 1, 0.05, draws), high = bin_at(euros, bins + 1, 0.95, draws);
    out.euros_low = low == 0 ? 0 : edge(low - 1);
    out.euros_high = high == 0 ? 0 : edge(high);
}

// Only the variants a draw can pick are prepared.
void prepare_variants(std::span<const IndicatorInput> indicators, Setup& setup) {
    const auto& spec = *setup.spec;
    for (int n = 0; n < 3; ++n) {
        for (int a = 0; a < 2; ++a) {
            NeedIndexSpec variant_spec = setup.chosen;
            variant_spec.normalisation = static_cast<Normalisation>(n);
            variant_spec.aggregation = static_cast<Aggregation>(a);
            if (!spec.vary_normalisation && variant_spec.normalisation != setup.chosen.normalisation) continue;
            if (!spec.vary_aggregation && variant_spec.aggregation != setup.chosen.aggregation) continue;
            setup.prepared[variant(variant_spec.normalisation, variant_spec.aggregation)] =
                detail::to_float_columns(prepare_indicators(indicators, setup.population, variant_spec), setup.areas);
        }
    }
}

// Rank bins are fixed by the chosen index: the areas it ranks set the scale.
void set_rank_bins(const NeedIndexResult& chosen, Setup& setup) {
    setup.ranked = std::count_if(chosen.rank.begin(), chosen.rank.end(), [](int r) { return r > 0; });
    setup.rank_bins = std::min<std::size_t>(bins, setup.ranked);
    setup.top = static_cast<std::size_t>(std::ceil(setup.spec->priority_share * setup.ranked));
    for (std::size_t k = 0; k < setup.areas; ++k) {
        // Without any ranked area in the chosen index there are no rank bins to count in.
        std::size_t bin = setup.ranked == 0 ? skip : std::min(setup.rank_bins - 1, k * setup.rank_bins / setup.ranked);
        setup.position_bin.push_back(static_cast<std::uint16_t>(bin));
    }
}

// Euro bins are relative to the larger of the chosen allocation and an equal share per
// inhabitant, so areas that get little in the chosen method still have a useful scale.
void set_reference_euros(const std::vector<double>& chosen_euros, Setup& setup) {
    const auto& population = setup.population;
    double people = 0;
    for (double p : population) people += std::isfinite(p) && p > 0 ? p : 0;
    double fair = static_cast<double>(setup.spec->allocation->budget_cents) / 100 / people;
    for (std::size_t i = 0; i < population.size(); ++i) {
        double share = std::isfinite(population[i]) && population[i] > 0 ? fair * population[i] : 0;
        double reference = std::max(chosen_euros[i], share);
        setup.reference_euros.push_back(reference);
        setup.inverse_reference.push_back(reference > 0 ? 1 / reference : 0.0);
    }
}

}  // namespace

std::vector<double> need_from_scores(std::span<const double> scores) {
    double low = INFINITY, high = -INFINITY;
    for (double s : scores) {
        if (!std::isnan(s)) { low = std::min(low, s); high = std::max(high, s); }
    }
    std::vector<double> need;
    for (double s : scores) need.push_back(std::isnan(s) ? s : high > low ? (s - low) / (high - low) : 0.0);
    return need;
}

core::Result<UncertaintyResult> analyse_uncertainty(std::span<const IndicatorInput> indicators,
                                                    std::span<const double> population, const NeedIndexSpec& chosen,
                                                    const UncertaintySpec& spec) {
    if (auto reason = check_spec(spec); !reason.empty()) return core::fail(core::Error::invalid_input(reason));
    auto point = compute_need_index(indicators, population, chosen);
    if (!point) return core::fail(point.error());
    UncertaintyResult result{{}, std::move(*point), {}};
    Setup setup;
    setup.population = population;
    setup.chosen = chosen;
    setup.spec = &spec;
    setup.areas = result.chosen.score.size();
    for (const auto& indicator : indicators) setup.weights.push_back(indicator.weight);
    prepare_variants(indicators, setup);
    set_rank_bins(result.chosen, setup);
    if (spec.allocation) {
        auto euros = allocate_unrounded({population, need_from_scores(result.chosen.score), {}}, *spec.allocation);
        if (!euros) return core::fail(euros.error());
        result.chosen_euros = std::move(*euros);
        set_reference_euros(result.chosen_euros, setup);
    }
    Tally tally;
    run_draws(setup, tally);
    result.areas.resize(setup.areas);
    for (std::size_t i = 0; i < setup.areas; ++i) summarise(setup, tally, i, result.areas[i]);
    return result;
}

}  // namespace gezondin::stats
