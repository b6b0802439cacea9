#include "stats/uncertainty.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <thread>

#include "stats/fast_rank.h"

namespace gezondin::stats {
namespace {

constexpr int bins = 400;
const double euro_span = std::log(16.0);  // euro bins cover ref / 16 .. ref * 16

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// Everything a draw reads; built once, shared read-only by the threads.
struct Setup {
    std::array<std::vector<std::vector<double>>, 6> prepared;  // [normalisation * 2 + aggregation]
    std::vector<double> weights;
    std::span<const double> population;
    NeedIndexSpec chosen;
    const UncertaintySpec* spec = nullptr;
    std::vector<double> reference_euros;
    std::size_t areas = 0;
    std::size_t ranked = 0;
    std::size_t rank_bins = 0;
};

struct Tally {
    std::vector<std::uint32_t> rank_hist;   // areas x rank_bins
    std::vector<std::uint32_t> euro_hist;   // areas x (bins + 1); bin 0 holds zero euros
    std::vector<std::uint32_t> priority;
};

int variant(Normalisation n, Aggregation a) { return static_cast<int>(n) * 2 + static_cast<int>(a); }

class Drawer {
public:
    Drawer(const Setup& setup, Tally& tally) : m_setup(setup), m_tally(tally) {}

    void run(int first, int last) {
        m_rank_chunk.assign(chunk * m_setup.areas, skip);
        m_euro_chunk.assign(chunk * m_setup.areas, skip);
        for (int d = first; d < last; ++d) {
            draw(d);
            if (++m_filled == chunk) flush();
        }
        flush();
    }

private:
    void draw(int d) {
        std::mt19937_64 engine(splitmix(m_setup.spec->seed ^ splitmix(static_cast<std::uint64_t>(d))));
        draw_weights(engine);
        const auto& columns = m_setup.prepared[choose_variant(engine)];
        score(columns);
        m_ranker.rank_descending(m_score, m_ranks);
        tally_ranks();
        if (m_setup.spec->allocation) tally_euros();
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

    void score(const std::vector<std::vector<double>>& columns) {
        if (m_setup.chosen.missing == MissingValueRule::UseAvailable) return score_available(columns);
        // NaN propagates through the sum, which is exactly the Exclude rule.
        double total = 0;
        m_score.assign(m_setup.areas, 0.0);
        for (std::size_t k = 0; k < columns.size(); ++k) {
            double w = m_weights[k];
            if (w == 0) continue;
            total += w;
            const double* x = columns[k].data();
            for (std::size_t i = 0; i < m_setup.areas; ++i) m_score[i] += w * x[i];
        }
        for (double& s : m_score) s /= total;
    }

    void score_available(const std::vector<std::vector<double>>& columns) {
        m_score.assign(m_setup.areas, 0.0);
        m_used.assign(m_setup.areas, 0.0);
        for (std::size_t k = 0; k < columns.size(); ++k) {
            double w = m_weights[k];
            if (w == 0) continue;
            const double* x = columns[k].data();
            for (std::size_t i = 0; i < m_setup.areas; ++i) {
                bool skip = std::isnan(x[i]);
                m_score[i] += skip ? 0.0 : w * x[i];
                m_used[i] += skip ? 0.0 : w;
            }
        }
        for (std::size_t i = 0; i < m_setup.areas; ++i) {
            m_score[i] = m_used[i] > 0 ? m_score[i] / m_used[i] : std::nan("");
        }
    }

    void tally_ranks() {
        std::size_t top = static_cast<std::size_t>(std::ceil(m_setup.spec->priority_share * m_setup.ranked));
        std::uint16_t* bins_of_draw = &m_rank_chunk[m_filled * m_setup.areas];
        for (std::size_t i = 0; i < m_setup.areas; ++i) {
            std::uint32_t r = m_ranks[i];
            bins_of_draw[i] = r == 0 ? skip : static_cast<std::uint16_t>((r - 1) * m_setup.rank_bins / m_setup.ranked);
            if (r != 0 && r <= top) ++m_tally.priority[i];
        }
    }

    // Histogram rows are touched area by area for a whole chunk of draws, so each row is
    // fetched from memory once per chunk instead of once per draw.
    void flush() {
        for (std::size_t i = 0; i < m_setup.areas; ++i) {
            std::uint32_t* ranks = &m_tally.rank_hist[i * m_setup.rank_bins];
            std::uint32_t* euros = &m_tally.euro_hist[i * (bins + 1)];
            for (std::size_t c = 0; c < m_filled; ++c) {
                std::uint16_t r = m_rank_chunk[c * m_setup.areas + i];
                std::uint16_t e = m_euro_chunk[c * m_setup.areas + i];
                if (r != skip) ++ranks[r];
                if (e != skip) ++euros[e];
            }
        }
        m_filled = 0;
    }

    void tally_euros() {
        if (m_aggregation == Aggregation::GeometricMean) {
            for (double& s : m_score) s = std::exp(s);
        }
        auto need = need_from_scores(m_score);
        auto euros = allocate_unrounded({m_setup.population, need, {}}, *m_setup.spec->allocation);
        std::uint16_t* bins_of_draw = &m_euro_chunk[m_filled * m_setup.areas];
        std::fill(bins_of_draw, bins_of_draw + m_setup.areas, skip);
        if (!euros) return;
        for (std::size_t i = 0; i < m_setup.areas; ++i) {
            double ref = m_setup.reference_euros[i];
            if (!(ref > 0)) continue;
            std::size_t bin = 0;
            if ((*euros)[i] > 0) {
                double r = std::clamp(std::log((*euros)[i] / ref), -euro_span, euro_span);
                bin = 1 + std::min<std::size_t>(bins - 1, static_cast<std::size_t>((r + euro_span) / (2 * euro_span) * bins));
            }
            bins_of_draw[i] = static_cast<std::uint16_t>(bin);
        }
    }

    static constexpr std::size_t chunk = 64;
    static constexpr std::uint16_t skip = 0xffff;

    const Setup& m_setup;
    Tally& m_tally;
    std::size_t m_filled = 0;
    std::vector<std::uint16_t> m_rank_chunk, m_euro_chunk;  // [draw in chunk][area] -> bin
    FastRanker m_ranker;
    Aggregation m_aggregation = Aggregation::ArithmeticMean;
    std::vector<double> m_weights, m_score, m_used;
    std::vector<std::uint32_t> m_ranks;
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

Tally empty_tally(const Setup& s) {
    return {std::vector<std::uint32_t>(s.areas * s.rank_bins), std::vector<std::uint32_t>(s.areas * (bins + 1)),
            std::vector<std::uint32_t>(s.areas)};
}

Tally run_draws(const Setup& setup) {
    int threads = setup.spec->threads;
    std::vector<Tally> tallies(threads, empty_tally(setup));
    std::vector<std::thread> workers;
    int draws = setup.spec->draws;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] { Drawer(setup, tallies[t]).run(draws * t / threads, draws * (t + 1) / threads); });
    }
    for (auto& w : workers) w.join();
    for (int t = 1; t < threads; ++t) {
        std::transform(tallies[0].rank_hist.begin(), tallies[0].rank_hist.end(), tallies[t].rank_hist.begin(), tallies[0].rank_hist.begin(), std::plus<>());
        std::transform(tallies[0].euro_hist.begin(), tallies[0].euro_hist.end(), tallies[t].euro_hist.begin(), tallies[0].euro_hist.begin(), std::plus<>());
        std::transform(tallies[0].priority.begin(), tallies[0].priority.end(), tallies[t].priority.begin(), tallies[0].priority.begin(), std::plus<>());
    }
    return std::move(tallies[0]);
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
    const std::uint32_t* ranks = &t.rank_hist[i * s.rank_bins];
    bool ranked = std::any_of(ranks, ranks + s.rank_bins, [](std::uint32_t c) { return c > 0; });
    double per_bin = static_cast<double>(s.ranked) / std::max<std::size_t>(1, s.rank_bins);
    out.rank_low = ranked ? std::floor(bin_at(ranks, s.rank_bins, 0.05, draws) * per_bin) + 1 : std::nan("");
    out.rank_high = ranked ? std::floor((bin_at(ranks, s.rank_bins, 0.95, draws) + 1) * per_bin) : std::nan("");
    out.euros_low = out.euros_high = std::nan("");
    if (!s.spec->allocation || !(s.reference_euros[i] > 0)) return;
    const std::uint32_t* euros = &t.euro_hist[i * (bins + 1)];
    auto edge = [&](std::size_t b) { return s.reference_euros[i] * std::exp(-euro_span + 2 * euro_span * b / bins); };
    std::size_t low = bin_at(euros, bins + 1, 0.05, draws), high = bin_at(euros, bins + 1, 0.95, draws);
    out.euros_low = low == 0 ? 0 : edge(low - 1);
    out.euros_high = high == 0 ? 0 : edge(high);
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
    Setup setup{{}, {}, population, chosen, &spec, {}, result.chosen.score.size(), 0, 0};
    for (const auto& indicator : indicators) setup.weights.push_back(indicator.weight);
    setup.ranked = std::count_if(result.chosen.rank.begin(), result.chosen.rank.end(), [](int r) { return r > 0; });
    setup.rank_bins = std::min<std::size_t>(bins, setup.ranked);
    for (int n = 0; n < 3; ++n) {
        for (int a = 0; a < 2; ++a) {
            NeedIndexSpec variant_spec = chosen;
            variant_spec.normalisation = static_cast<Normalisation>(n);
            variant_spec.aggregation = static_cast<Aggregation>(a);
            setup.prepared[variant(variant_spec.normalisation, variant_spec.aggregation)] =
                prepare_indicators(indicators, population, variant_spec);
        }
    }
    if (spec.allocation) {
        auto euros = allocate_unrounded({population, need_from_scores(result.chosen.score), {}}, *spec.allocation);
        if (!euros) return core::fail(euros.error());
        result.chosen_euros = std::move(*euros);
        double people = 0;
        for (double p : population) people += std::isfinite(p) && p > 0 ? p : 0;
        double fair = static_cast<double>(spec.allocation->budget_cents) / 100 / people;
        for (std::size_t i = 0; i < population.size(); ++i) {
            double share = std::isfinite(population[i]) && population[i] > 0 ? fair * population[i] : 0;
            setup.reference_euros.push_back(std::max(result.chosen_euros[i], share));
        }
    }
    Tally tally = run_draws(setup);
    result.areas.resize(setup.areas);
    for (std::size_t i = 0; i < setup.areas; ++i) summarise(setup, tally, i, result.areas[i]);
    return result;
}

}  // namespace gezondin::stats
