#pragma once
// A deterministic synthetic corpus of knowledge-base items with Dutch text of realistic length
// (summary ~40 words, body ~400 words), for benchmarks. Each item records which "concepts" it
// mentions (in one of their word forms or synonym variants) so that recall can be measured.

#include <cstdint>
#include <string>
#include <vector>

#include "search/search_index.h"

namespace gezondin::bench {

// A concept written in different forms: word forms ("gemeente", "gemeenten") or synonym
// variants ("GALA", "Gezond en Actief Leven Akkoord").
struct Concept {
    std::string name;
    std::vector<std::string> forms;
    bool synonym = false;   // forms are synonym variants rather than word forms
};

const std::vector<Concept>& concepts();

struct GeneratedItem {
    search::IndexedItem indexed;
    std::vector<bool> mentions;   // per concept
};

// Item `n` (1-based) of the corpus; the same n always gives the same item.
GeneratedItem generate_item(std::int64_t n);

// Deterministic two-word queries from the common vocabulary.
std::vector<std::string> two_word_queries(int count);

}  // namespace gezondin::bench
