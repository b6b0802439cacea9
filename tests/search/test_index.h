#pragma once
// Helpers for tests against a real Xapian index in a temporary folder.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "search/xapian/xapian_index.h"

namespace gezondin::search::test {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

std::string read_file(const std::string& path);

// Options with the project's data/synonyms.txt and the system Hunspell dictionary.
IndexOptions project_options();

struct ItemSpec {
    domain::ItemId id = 0;
    std::string title;
    std::string summary;
    std::string body;
    domain::ItemType type = domain::ItemType::Praktijkvoorbeeld;
    std::string date = "2024-01-15";
    std::vector<std::string> themes;
    std::vector<int> goals;
    std::vector<std::string> tracks;
    domain::Level level = domain::Level::Lokaal;
    std::string municipality;
    std::string province;
};

IndexedItem make_item(const ItemSpec& spec);

// The ids of the hits, in order.
std::vector<domain::ItemId> ids(const SearchResult& r);
std::vector<domain::ItemId> ids(const std::vector<SearchHit>& hits);

SearchQuery text_query(std::string text);

}  // namespace gezondin::search::test
