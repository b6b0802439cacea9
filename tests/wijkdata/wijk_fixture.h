#pragma once
// Helpers for the wijkdata service and web tests: a service on a fresh SQLite database, small
// TypedDataSet files, and the shared Amsterdam 2019 files.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "services/wijkdata.h"
#include "storage/database.h"
#include "storage/wijkdata.h"

namespace gezondin::testing {

inline std::filesystem::path shared_data() {
    const char* d = std::getenv("GEZONDIN_SHARED_DATA");
    return d ? std::filesystem::path(d) : std::filesystem::path("../shared/data");
}

inline std::filesystem::path amsterdam_kwb() {
    return shared_data() / "cbs_kwb_84583NED_2019/amsterdam_2019_marginal_distributions_84583NED.csv";
}
inline std::filesystem::path amsterdam_ses() {
    return shared_data() / "cbs_ses_woa_85163NED_amsterdam_2019/SES_WOA_scores_per_wijk_en_buurt_25042023_160857.csv";
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

// A service on a fresh SQLite file in its own folder.
struct WijkService {
    std::filesystem::path dir;
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<storage::WijkdataStore> store;
    std::unique_ptr<services::Wijkdata> wd;

    explicit WijkService(services::WijkdataOptions options = {}) {
        dir = std::filesystem::temp_directory_path() / ("gezondin-wijk-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::create_directories(dir);
        std::string url = (dir / "gezondin.db").string();
        db = std::move(storage::open_database(url, 1).value());
        EXPECT_TRUE(db->migrate());
        store = std::move(storage::open_wijkdata_store(url, 2).value());
        wd = std::make_unique<services::Wijkdata>(*store, options);
        EXPECT_TRUE(wd->load());
    }
    ~WijkService() {
        wd.reset();
        store.reset();
        db.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    static int& counter() {
        static int n = 0;
        return n;
    }
    std::filesystem::path file(const std::string& name, const std::string& text) {
        write_file(dir / name, text);
        return dir / name;
    }
};

// TypedDataSet rows: "ID";"WijkenEnBuurten";columns...
inline std::string typed_dataset(const std::string& header, const std::vector<std::string>& rows) {
    std::string out = "\"ID\";\"WijkenEnBuurten\";" + header + "\r\n";
    for (std::size_t i = 0; i < rows.size(); ++i) out += std::to_string(i) + ";" + rows[i] + "\r\n";
    return out;
}

}  // namespace gezondin::testing
