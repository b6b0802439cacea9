// Search benchmark: reindex 100,000 synthetic items into Xapian, then measure in-process
// search latency (2-word queries, all facets) against SQLite FTS5 as a baseline, and how many
// relevant items each finds for stemmed and synonym queries. Prints a Markdown report.
//   bench_search [--items N] [--queries N] [--reps N] [--dir PATH] [--index-only 1] [--keep 1]
//                [--reuse 1] [--xapian-only 1]
// --xapian-only runs the Xapian queries alone on a kept index (for profiling with perf).
// Times are wall-clock; CPU seconds of the build are printed too, because the machine is
// shared and the wall-clock time depends on what else runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include "corpus.h"
#include "search/synonyms.h"
#include "search/xapian/xapian_index.h"

using namespace gezondin;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    long items = 100000;
    int queries = 100;
    int reps = 10;
    std::string dir;
    bool index_only = false;   // build the Xapian index, print its time and size, stop
    bool keep = false;         // leave the indexes in `dir`
    bool reuse = false;        // use the indexes a --keep run left in `dir`
    bool xapian_only = false;  // with --reuse: only the Xapian queries and similar items
    bool fast = true;          // the fast matcher (IndexOptions::fast_matching); 0: Xapian's matcher only
};

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// CPU seconds used by the whole process (all threads) so far.
double process_cpu_s() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    auto s = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; };
    return s(u.ru_utime) + s(u.ru_stime);
}

// CPU milliseconds used by the calling thread so far: unlike wall-clock time, hardly affected
// by other processes on a shared machine.
double thread_cpu_ms() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double load_average() {
    double load[1] = {0};
    return ::getloadavg(load, 1) == 1 ? load[0] : -1;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "bench_search: %s\n", what.c_str());
    std::exit(1);
}

class Fts {
public:
    Fts(const std::string& path, bool create) {
        if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK) die("sqlite open");
        exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        if (create) exec("CREATE VIRTUAL TABLE docs USING fts5(title, summary, body, tokenize='unicode61 remove_diacritics 2')");
    }
    ~Fts() { sqlite3_close(m_db); }
    void exec(const char* sql) {
        char* err = nullptr;
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) die(std::string("sqlite: ") + (err ? err : ""));
    }
    sqlite3_stmt* prepare(const char* sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr) != SQLITE_OK) die(sqlite3_errmsg(m_db));
        return st;
    }
    // FTS5 query text: each word quoted (implicit AND), or one phrase.
    static std::string match_expr(const std::string& text, bool phrase) {
        if (phrase) return "\"" + text + "\"";
        std::string out;
        std::istringstream in(text);
        for (std::string w; in >> w;) out += (out.empty() ? "\"" : " \"") + w + "\"";
        return out;
    }
    std::vector<std::int64_t> top(const std::string& expr, int limit) {
        static thread_local sqlite3_stmt* st = nullptr;
        if (!st) st = prepare("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT ?2");
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, expr.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 2, limit);
        std::vector<std::int64_t> ids;
        while (sqlite3_step(st) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(st, 0));
        return ids;
    }
    long count(const std::string& expr) {
        static thread_local sqlite3_stmt* st = nullptr;
        if (!st) st = prepare("SELECT count(*) FROM docs WHERE docs MATCH ?1");
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, expr.c_str(), -1, SQLITE_TRANSIENT);
        return sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    }
    sqlite3* db() { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

Options parse_args(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--items") o.items = std::stol(v);
        else if (k == "--queries") o.queries = std::stoi(v);
        else if (k == "--reps") o.reps = std::stoi(v);
        else if (k == "--dir") o.dir = v;
        else if (k == "--index-only") o.index_only = v != "0";
        else if (k == "--keep") o.keep = v != "0";
        else if (k == "--reuse") o.reuse = v != "0";
        else if (k == "--xapian-only") o.xapian_only = v != "0";
        else if (k == "--fast") o.fast = v != "0";
        else die("unknown option " + k);
    }
    if (o.dir.empty()) o.dir = (std::filesystem::temp_directory_path() / ("gezondin-bench-" + std::to_string(::getpid()))).string();
    return o;
}

long dir_size_mb(const std::string& dir) {
    std::uintmax_t total = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file()) total += e.file_size();
    return static_cast<long>(total / (1024 * 1024));
}

std::set<std::int64_t> xapian_all_ids(const search::XapianIndex& index, const std::string& text) {
    std::set<std::int64_t> ids;
    search::SearchQuery q;
    q.text = text;
    q.page_size = 100;
    for (q.page = 1; q.page <= 1000; ++q.page) {
        auto r = index.search(q);
        if (!r) die(r.error().message());
        for (const auto& h : r->hits) ids.insert(h.id);
        if (r->hits.size() < 100) break;
    }
    return ids;
}

}  // namespace

int main(int argc, char** argv) {
    auto opt = parse_args(argc, argv);
    if (!opt.reuse) std::filesystem::remove_all(opt.dir);
    std::filesystem::create_directories(opt.dir);

    auto t = Clock::now();
    std::vector<bench::GeneratedItem> items;
    items.reserve(static_cast<std::size_t>(opt.items));
    if (!(opt.reuse && opt.xapian_only))
        for (long n = 1; n <= opt.items; ++n) items.push_back(bench::generate_item(n));
    double gen_ms = ms_since(t);
    double words = 0;
    for (const auto& g : items) words += static_cast<double>(std::count(g.indexed.item.body.begin(), g.indexed.item.body.end(), ' '));

    search::IndexOptions options;
    auto synonyms = search::parse_synonyms(read_file(std::string(GEZONDIN_SOURCE_DIR) + "/data/synonyms.txt"));
    if (!synonyms) die(synonyms.error().message());
    options.synonyms = *synonyms;
    options.fast_matching = opt.fast;
    auto opened = search::XapianIndex::open(opt.dir + "/xapian", options);
    if (!opened) die(opened.error().message());
    auto& index = **opened;
    double load_before = load_average();
    t = Clock::now();
    double cpu = process_cpu_s();
    if (!opt.reuse) {
        for (const auto& g : items)
            if (!index.put(g.indexed)) die("put failed");
        if (!index.commit(1)) die("commit failed");
    }
    double reindex_s = ms_since(t) / 1000;
    double reindex_cpu_s = process_cpu_s() - cpu;
    std::printf("Xapian build: %.1f s wall, %.1f s CPU, %ld MB (load average %.1f before, %.1f after)\n\n", reindex_s,
                reindex_cpu_s, dir_size_mb(opt.dir + "/xapian"), load_before, load_average());
    if (opt.reuse && opt.xapian_only) {
        auto queries = bench::two_word_queries(opt.queries);
        std::vector<double> ms, similar_ms, cpu_ms, similar_cpu_ms, first_ms;
        long found = 0;
        for (int rep = 0; rep < opt.reps; ++rep)
            for (const auto& text : queries) {
                search::SearchQuery q;
                q.text = text;
                t = Clock::now();
                double c = thread_cpu_ms();
                auto r = index.search(q);
                if (!r) die(r.error().message());
                found += r->total;
                ms.push_back(ms_since(t));
                cpu_ms.push_back(thread_cpu_ms() - c);
                if (rep == 0) first_ms.push_back(ms.back());
            }
        if (found == 0) die("the queries found nothing: is the kept index in --dir?");
        for (long id = 1; id <= 1000; ++id) {
            t = Clock::now();
            double c = thread_cpu_ms();
            auto similar = index.similar(id, 4);
            if (!similar || similar->empty()) die("similar failed");
            similar_ms.push_back(ms_since(t));
            similar_cpu_ms.push_back(thread_cpu_ms() - c);
        }
        // Each query's fastest repetition: what the code costs without the noise of a shared
        // (virtual) machine, for comparing two versions of the code.
        std::vector<double> fastest(queries.size(), 1e300);
        for (std::size_t i = 0; i < ms.size(); ++i) fastest[i % queries.size()] = std::min(fastest[i % queries.size()], ms[i]);
        std::printf("Xapian only (fast matcher %s): median of each query's fastest run %.2f ms; first repetition "
                    "(posting bitmaps read on first use) p50 %.2f ms, p99 %.2f ms\n",
                    opt.fast ? "on" : "off", percentile(fastest, 0.5), percentile(first_ms, 0.5), percentile(first_ms, 0.99));
        std::printf("Xapian only: 2-word query p50 %.2f ms (CPU %.2f), p99 %.2f ms (CPU %.2f); similar items p50 %.2f ms "
                    "(CPU %.2f), p99 %.2f ms (CPU %.2f); load average %.1f\n",
                    percentile(ms, 0.5), percentile(cpu_ms, 0.5), percentile(ms, 0.99), percentile(cpu_ms, 0.99),
                    percentile(similar_ms, 0.5), percentile(similar_cpu_ms, 0.5), percentile(similar_ms, 0.99),
                    percentile(similar_cpu_ms, 0.99), load_average());
        return 0;
    }
    if (opt.index_only) {
        opened->reset();
        if (!opt.keep) std::filesystem::remove_all(opt.dir);
        return 0;
    }

    Fts fts(opt.dir + "/fts.sqlite", !opt.reuse);
    t = Clock::now();
    fts.exec(opt.reuse ? "BEGIN; DELETE FROM docs WHERE 0" : "BEGIN");
    auto* ins = fts.prepare("INSERT INTO docs(rowid, title, summary, body) VALUES (?1, ?2, ?3, ?4)");
    for (const auto& g : items) {
        if (opt.reuse) break;
        const auto& it = g.indexed.item;
        sqlite3_reset(ins);
        sqlite3_bind_int64(ins, 1, it.id);
        sqlite3_bind_text(ins, 2, it.title.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, it.summary.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 4, it.body.c_str(), -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE) die("fts insert");
    }
    sqlite3_finalize(ins);
    fts.exec("COMMIT");
    double fts_build_s = ms_since(t) / 1000;

    auto queries = bench::two_word_queries(opt.queries);
    std::vector<double> xap_ms, fts_ms, all_ms, xap_cpu_ms, fts_cpu_ms, xap_first_ms;
    long xap_total = 0, fts_total = 0;
    // Each engine runs its queries in a block of its own: interleaved, each query would start
    // with the CPU caches full of the other engine's data.
    for (int rep = 0; rep < opt.reps; ++rep)
        for (const auto& text : queries) {
            search::SearchQuery q;
            q.text = text;
            t = Clock::now();
            double c = thread_cpu_ms();
            auto r = index.search(q);
            xap_ms.push_back(ms_since(t));
            xap_cpu_ms.push_back(thread_cpu_ms() - c);
            if (!r) die(r.error().message());
            if (rep == 0) xap_total += r->total;
            if (rep == 0) xap_first_ms.push_back(xap_ms.back());
        }
    for (int rep = 0; rep < opt.reps; ++rep)
        for (const auto& text : queries) {
            auto expr = Fts::match_expr(text, false);
            t = Clock::now();
            double c = thread_cpu_ms();
            auto top = fts.top(expr, 20);
            long n = fts.count(expr);
            fts_ms.push_back(ms_since(t));
            fts_cpu_ms.push_back(thread_cpu_ms() - c);
            if (rep == 0) fts_total += n;
        }
    double load_after_queries = load_average();
    std::vector<double> similar_ms;   // what an item page asks: 4 similar items
    for (long id = 1; id <= std::min(opt.items, 1000L); ++id) {
        t = Clock::now();
        if (!index.similar(id, 4)) die("similar failed");
        similar_ms.push_back(ms_since(t));
    }
    for (int rep = 0; rep < 20; ++rep) {
        t = Clock::now();
        if (!index.search(search::SearchQuery{})) die("match-all search failed");
        all_ms.push_back(ms_since(t));
    }

    std::printf("## Search benchmark (%ld items, %.0f body words per item on average)\n\n", opt.items, words / static_cast<double>(opt.items));
    std::printf("Corpus generation: %.1f s. Xapian index: %ld MB. FTS5 database: %ld MB.\n\n", gen_ms / 1000,
                dir_size_mb(opt.dir + "/xapian"), static_cast<long>(std::filesystem::file_size(opt.dir + "/fts.sqlite") / (1024 * 1024)));
    std::printf("| Measure | Xapian (GezondIn) | SQLite FTS5 baseline | Target |\n|---|---|---|---|\n");
    std::printf("| Full index build | %.1f s (%.1f s CPU) | %.1f s | Xapian <= 60 s |\n", reindex_s, reindex_cpu_s, fts_build_s);
    std::printf("| 2-word query p50 (%zu queries x %d) | %.2f ms | %.2f ms | <= 3 ms |\n", queries.size(), opt.reps,
                percentile(xap_ms, 0.5), percentile(fts_ms, 0.5));
    std::printf("| 2-word query p99 | %.2f ms | %.2f ms | <= 15 ms |\n", percentile(xap_ms, 0.99), percentile(fts_ms, 0.99));
    std::printf("| 2-word query, first repetition only, p50 / p99 (fast matcher %s: posting bitmaps read on first use) | %.2f / %.2f ms | - | |\n",
                opt.fast ? "on" : "off", percentile(xap_first_ms, 0.5), percentile(xap_first_ms, 0.99));
    std::printf("| 2-word query CPU time p50 / p99 | %.2f / %.2f ms | %.2f / %.2f ms | |\n", percentile(xap_cpu_ms, 0.5),
                percentile(xap_cpu_ms, 0.99), percentile(fts_cpu_ms, 0.5), percentile(fts_cpu_ms, 0.99));
    std::printf("| Mean matches per query | %.0f | %.0f | |\n", static_cast<double>(xap_total) / static_cast<double>(queries.size()),
                static_cast<double>(fts_total) / static_cast<double>(queries.size()));
    std::printf("| No text, all facets over every item, p50 / p99 | %.2f / %.2f ms | - | |\n", percentile(all_ms, 0.5), percentile(all_ms, 0.99));
    std::printf("| 4 similar items (item page), p50 / p99 | %.2f / %.2f ms | - | |\n\n", percentile(similar_ms, 0.5), percentile(similar_ms, 0.99));
    std::printf("Xapian: exact total, top 20 with snippets, counts for all 8 facets. FTS5: top 20 by bm25 plus count(*), no facets.\n");
    std::printf("Load average after the query runs: %.1f.\n\n", load_after_queries);

    std::printf("### Relevant items found (an item is relevant when it mentions the concept in any form)\n\n");
    std::printf("| Query | Kind | Relevant | Xapian found (relevant) | FTS5 found (relevant) |\n|---|---|---|---|---|\n");
    for (std::size_t c = 0; c < bench::concepts().size(); ++c) {
        const auto& concept_ = bench::concepts()[c];
        std::set<std::int64_t> relevant;
        for (const auto& g : items)
            if (g.mentions[c]) relevant.insert(g.indexed.item.id);
        for (const auto& form : concept_.forms) {
            auto xap = xapian_all_ids(index, form);
            auto expr = Fts::match_expr(form, form.find(' ') != std::string::npos);
            auto fts_ids = fts.top(expr, 1 << 30);
            auto hits = [&](const auto& found) {
                return std::count_if(found.begin(), found.end(), [&](std::int64_t id) { return relevant.count(id) > 0; });
            };
            std::printf("| %s | %s | %zu | %zu (%ld) | %zu (%ld) |\n", form.c_str(), concept_.synonym ? "synonym" : "word form",
                        relevant.size(), xap.size(), static_cast<long>(hits(xap)), fts_ids.size(), static_cast<long>(hits(fts_ids)));
        }
    }
    opened->reset();
    if (!opt.keep) std::filesystem::remove_all(opt.dir);
    return 0;
}
