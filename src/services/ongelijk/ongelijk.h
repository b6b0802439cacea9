#pragma once
// Ongelijk investeren ("invest unequally for equal chances"): the need index (kansenindex),
// a budget allocation by need, its robustness, inequality measures and similar gemeenten,
// for the buurten (or wijken) of one gemeente in one year.
//
// Inputs come only from the public read methods of services::Wijkdata, which has applied
// disclosure control already: a value hidden as "geheim" reaches the stats functions as NaN
// and is handled by their missing-value rules. The population is the disclosed population
// indicator, so an area whose population is secret gets no population here either.
// Thread-safe: every method only reads; the Wijkdata service must outlive this object.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "services/wijkdata.h"
#include "stats/allocation.h"
#include "stats/concentration.h"
#include "stats/need_index.h"
#include "stats/sii.h"
#include "stats/uncertainty.h"

namespace gezondin::services {

// The values of one level of areas of one gemeente, parallel vectors by area.
struct OngelijkData {
    int year = 0;
    AreaRef gemeente;
    stats::AreaLevel level = stats::AreaLevel::Buurt;
    std::vector<AreaRef> areas;
    std::vector<double> population;                   // NaN when unknown or secret
    std::vector<storage::IndicatorMeta> indicators;   // that have at least one value here
    std::vector<std::vector<double>> columns;         // parallel to indicators; NaN = missing/secret
    std::string population_key;                       // empty when none was found
    std::shared_ptr<const geo::PreparedMap> map;      // null without boundaries
    bool fictitious = false;

    const std::vector<double>* column(const std::string& key) const;
};

struct ChosenIndicator {
    std::string key;
    stats::Direction direction = stats::Direction::HigherIsWorse;
    double weight = 1;
};

// A preset with its indicator keys mapped to those in the data.
struct MappedPreset {
    std::string id;
    std::string label;
    std::vector<ChosenIndicator> indicators;   // only those found
    std::vector<std::string> missing;          // labels of preset indicators not in the data
};

struct IndexRequest {
    std::vector<ChosenIndicator> indicators;
    stats::NeedIndexSpec spec;
};

struct IndexOutcome {
    stats::NeedIndexResult result;   // parallel to OngelijkData::areas
    std::vector<std::string> labels; // of the chosen indicators
};

struct AllocationOutcome {
    IndexOutcome index;
    std::vector<double> need;        // 0..1 from the index score; NaN = missing
    stats::AllocationResult result;
};

struct InequalityRequest {
    std::string indicator;           // the value, e.g. share of low-income households
    std::string ranking;             // an indicator key, or "kansenindex"
    stats::Direction ranking_direction = stats::Direction::HigherIsBetter;
    int quantiles = 5;               // 5 or 10
    int repetitions = 1000;
};

struct QuantileRow {
    int quantile = 0;                // 1 = most disadvantaged
    double population = 0;
    double value = 0;                // population-weighted mean
    double standard_error = 0;       // between areas in the quantile (NaN with one area)
    int areas = 0;
};

struct InequalityOutcome {
    std::vector<QuantileRow> rows;
    stats::SiiResult sii;
    stats::ConcentrationResult concentration;
    std::string indicator_label, ranking_label, unit;
    bool percentage = false;         // see is_percentage(): differences are in procentpunt
    int areas_used = 0;
};

struct SimilarGemeente {
    AreaRef gemeente;
    double distance = 0;
    std::size_t shared = 0;
};

struct SimilarOutcome {
    AreaRef gemeente;
    int year = 0;
    std::vector<std::string> indicator_labels;
    std::vector<SimilarGemeente> neighbours;
    std::size_t candidates = 0;
};

// True when an indicator is a share in percent: unit "%", or no unit from the source (CBS
// typed tables and kwb files give none) with a key or label that CBS and RIVM use for shares
// ("Percentage...", "aandeel", kwb "p_...", the kwb income and housing shares, every indicator
// of the RIVM health monitor) and every value between 0 and 100. A difference between two
// such values is told in procentpunt, not in percent.
bool is_percentage(const storage::IndicatorMeta& meta, std::span<const double> values);

class Ongelijk {
public:
    explicit Ongelijk(const Wijkdata& wijkdata) : m_wd(wijkdata) {}

    // The areas of `level` (wijk or buurt) below the gemeente. NotFound for an unknown gemeente
    // or year (Dutch message), InvalidInput for another level.
    [[nodiscard]] core::Result<OngelijkData> data(const std::string& gemeente, std::optional<int> year,
                                                  stats::AreaLevel level) const;

    // The stats presets, mapped to the keys of `data` (exact key, CBS key with a "_N" suffix,
    // or a known alias such as the demo's "fictief_" keys).
    static std::vector<MappedPreset> presets(const OngelijkData& data);

    // InvalidInput (Dutch) for unknown indicator keys and what compute_need_index refuses.
    [[nodiscard]] static core::Result<IndexOutcome> need_index(const OngelijkData& data, const IndexRequest& request);
    [[nodiscard]] static core::Result<AllocationOutcome> allocation(const OngelijkData& data, const IndexRequest& request,
                                                                   const stats::AllocationParams& params);
    [[nodiscard]] static core::Result<stats::UncertaintyResult> robustness(const OngelijkData& data, const IndexRequest& request,
                                                                           const stats::UncertaintySpec& spec);
    // Areas are grouped into quantiles by population along the ranking; the SII comes from
    // those quantiles, the concentration index from the areas themselves.
    [[nodiscard]] static core::Result<InequalityOutcome> inequality(const OngelijkData& data, const IndexRequest& index,
                                                                    const InequalityRequest& request);

    // The k gemeenten most like `gemeente` among all gemeenten with figures in that year
    // (every imported gemeente-level table counts), on standardised indicators: size (log of
    // the population), urbanity, income and health, each by the first indicator of its kind
    // that the gemeente has. Without any of those three, every other indicator counts, with
    // counts of people as shares of the population. A gemeente must share at least half of
    // the indicators to be compared.
    [[nodiscard]] core::Result<SimilarOutcome> similar(const std::string& gemeente, std::optional<int> year, std::size_t k) const;

private:
    const Wijkdata& m_wd;
};

// Fictitious gemeente-level figures (2022 and 2023, marked fictitious) for the five other
// demo gemeenten of the kennisbank, GM9902 to GM9906, so that the demo's Havenwaard has
// gemeenten to be compared with. Importing again changes nothing.
std::vector<FileImport> import_demo_comparison(Wijkdata& wijkdata);

}  // namespace gezondin::services
