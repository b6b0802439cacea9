#include "test_index.h"

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>

#include <unistd.h>

namespace gezondin::search::test {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    auto base = std::filesystem::temp_directory_path() /
                ("gezondin-search-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(base);
    std::filesystem::create_directories(base);
    m_path = base.string();
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

IndexOptions project_options() {
    IndexOptions o;
    o.synonyms = parse_synonyms(read_file(std::string(GEZONDIN_SOURCE_DIR) + "/data/synonyms.txt")).value();
    return o;
}

IndexedItem make_item(const ItemSpec& s) {
    IndexedItem in;
    auto& i = in.item;
    i.id = s.id;
    i.external_id = "ext-" + std::to_string(s.id);
    i.title = s.title;
    i.summary = s.summary;
    i.body = s.body;
    i.type = s.type;
    i.date = core::Date::parse(s.date).value();
    i.themes = s.themes;
    i.gala_goals = s.goals;
    i.tracks = s.tracks;
    i.level = s.level;
    i.municipality_code = s.municipality;
    in.province_code = s.province;
    return in;
}

std::vector<domain::ItemId> ids(const std::vector<SearchHit>& hits) {
    std::vector<domain::ItemId> out;
    for (const auto& h : hits) out.push_back(h.id);
    return out;
}

std::vector<domain::ItemId> ids(const SearchResult& r) { return ids(r.hits); }

SearchQuery text_query(std::string text) {
    SearchQuery q;
    q.text = std::move(text);
    return q;
}

}  // namespace gezondin::search::test
