// Writes the benchmark corpus (corpus.h: the items bench_search indexes) as JSON lines for
// `gezondin items import`, so that the server benchmarks and the search benchmark run on the
// same text. Municipality codes become the fictitious GM9901-GM9906 of data/demo/gemeenten.csv,
// which the server benchmark imports first.
// Usage: write_corpus N OUT.jsonl

#include <cstdio>
#include <fstream>
#include <string>

#include "corpus.h"
#include "services/item_jsonl.h"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: write_corpus N OUT.jsonl\n");
        return 2;
    }
    const long n = std::stol(argv[1]);
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    for (long i = 1; i <= n; ++i) {
        auto item = gezondin::bench::generate_item(i).indexed.item;
        item.id = 0;
        if (!item.municipality_code.empty()) {
            const int number = std::stoi(item.municipality_code.substr(2));
            char code[8];
            std::snprintf(code, sizeof code, "GM99%02d", 1 + number % 6);
            item.municipality_code = code;
        }
        out << gezondin::services::to_jsonl(item) << '\n';
    }
    if (!out) {
        std::fprintf(stderr, "write_corpus: cannot write %s\n", argv[2]);
        return 1;
    }
    return 0;
}
