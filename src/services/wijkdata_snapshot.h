#pragma once
// Internal to the wijkdata service: the immutable in-memory tables that every read uses.
// Only disclosed columns are kept: the raw values are dropped once the snapshot is built.

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "services/wijkdata.h"
#include "stats/area_table.h"

namespace gezondin::services {

struct Spread {
    double low = 0, q1 = 0, q3 = 0, high = 0;
    long count = 0;
};

struct YearView {
    explicit YearView(int y) : table(y) {}
    stats::AreaTable table;                            // areas and disclosed columns
    std::vector<AreaRef> refs;                         // per table row
    std::vector<std::string> keys;                     // indicators in display order
    std::map<std::string, CountryFigure> country;      // per indicator
    // Spread of visible values per indicator, per (gemeente row, level); gemeente row
    // `no_row` holds the spread over all gemeenten.
    std::map<std::tuple<std::string, std::size_t, stats::AreaLevel>, Spread> spreads;
    std::vector<storage::DatasetRecord> datasets;
    std::set<std::string> fictitious_codes;            // areas with values from a demo dataset

    const stats::Column* column(const std::string& key) const;
    Shown shown(const std::string& key, std::size_t row) const;
    Shown shown_status(const stats::Column& column, std::size_t row) const;
    std::optional<std::size_t> gemeente_of(std::size_t row) const;
};

struct Wijkdata::Snapshot {
    std::int64_t version = 0;
    std::int64_t generation = 0;
    std::map<int, std::unique_ptr<YearView>> years;
    std::map<std::string, storage::IndicatorMeta> indicators;
    std::vector<storage::BoundaryRecord> boundaries;
    // Prepared maps per (year, level slug, gemeente code), made on first use.
    mutable std::mutex map_mutex;
    mutable std::map<std::tuple<int, std::string, std::string>, std::shared_ptr<const geo::PreparedMap>> maps;

    const YearView* year(int y) const {
        auto it = years.find(y);
        return it == years.end() ? nullptr : it->second.get();
    }
};

inline constexpr std::size_t no_row = static_cast<std::size_t>(-1);

// Builds the view of one year: the hierarchy, disclosure, country figures and spreads.
std::unique_ptr<YearView> build_year_view(const storage::YearData& data,
                                          const std::map<std::string, storage::IndicatorMeta>& indicators,
                                          const WijkdataOptions& options);

// True when the table id marks a fictitious (demo) dataset.
bool is_fictitious_table(const std::string& table_id);

stats::AreaLevel to_stats_level(storage::WijkLevel level);
storage::WijkLevel to_storage_level(stats::AreaLevel level);

}  // namespace gezondin::services
