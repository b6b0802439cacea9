// libFuzzer target: URL-style search parameters -> parse_search_params -> XapianIndex::search.
// Input: lines "name=value" (a line without '=' is a q value). The raw first line is also
// searched directly, bypassing parameter validation, to reach the query parser with any bytes.
// A crash, a sanitizer report, or an error other than InvalidInput is a finding.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "search/query_params.h"
#include "search/xapian/xapian_index.h"

using namespace gezondin;
using namespace gezondin::search;

namespace {

struct Fixture {
    std::string dir;
    std::unique_ptr<XapianIndex> index;
    domain::Taxonomy taxonomy = domain::Taxonomy::from_themes_text("wonen = Wonen\neenzaamheid = Eenzaamheid\n").value();
};

Fixture* fixture = nullptr;

IndexedItem item(domain::ItemId id, const char* title, const char* body, int year) {
    IndexedItem in;
    in.item.id = id;
    in.item.external_id = "fuzz-" + std::to_string(id);
    in.item.title = title;
    in.item.body = body;
    in.item.date = core::Date{year, 3, 1};
    in.item.themes = {id % 2 ? "wonen" : "eenzaamheid"};
    in.item.gala_goals = {static_cast<int>(id % 7) + 1};
    in.item.tracks = {"participatie"};
    in.item.municipality_code = "GM0363";
    in.province_code = "PV27";
    return in;
}

void check(const core::Result<SearchResult>& r) {
    if (!r && r.error().code() != core::ErrorCode::InvalidInput) {
        std::fprintf(stderr, "unexpected error: %s\n", r.error().message().c_str());
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fixture = new Fixture;
    fixture->dir = (std::filesystem::temp_directory_path() / ("gezondin-fuzz-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(fixture->dir);
    IndexOptions options;
    options.synonyms = parse_synonyms("GALA | Gezond en Actief Leven Akkoord\nWmo | Wet maatschappelijke ondersteuning\n").value();
    fixture->index = std::move(XapianIndex::open(fixture->dir, options).value());
    const char* texts[][2] = {{"Gemeenten en wijken", "Het Gezond en Actief Leven Akkoord in de wijk."},
                              {"Fietsen naar school", "Geïnspireerd door **fietsers** & <b>lopers</b>."},
                              {"Wmo-loket", "Hulp via de Wet maatschappelijke ondersteuning."},
                              {"Gezondheidsverschillen", "Over \"verschillen\" (AND meer) - NOT minder."}};
    for (int i = 0; i < 4; ++i)
        if (!fixture->index->put(item(i + 1, texts[i][0], texts[i][1], 2020 + i))) std::abort();
    if (!fixture->index->commit(1)) std::abort();
    std::atexit([] {
        fixture->index.reset();
        std::filesystem::remove_all(fixture->dir);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    std::vector<std::pair<std::string, std::string>> params;
    std::size_t start = 0;
    while (start <= input.size() && params.size() < 64) {
        auto end = input.find('\n', start);
        if (end == std::string::npos) end = input.size();
        std::string line = input.substr(start, end - start);
        auto eq = line.find('=');
        if (eq == std::string::npos) params.emplace_back("q", line);
        else params.emplace_back(line.substr(0, eq), line.substr(eq + 1));
        start = end + 1;
    }
    auto query = parse_search_params(params, fixture->taxonomy);
    if (query) check(fixture->index->search(*query));
    else if (query.error().code() != core::ErrorCode::InvalidInput) std::abort();

    SearchQuery raw;
    raw.text = input.substr(0, input.find('\n'));
    check(fixture->index->search(raw));
    return 0;
}
