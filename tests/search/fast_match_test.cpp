// The fast matcher (search/xapian/fast_match.h) against Xapian's own matcher: same totals,
// pages, order, percentages, snippets and facet counts on a synthetic corpus.
#include <algorithm>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "../../bench/search/corpus.h"
#include "search/xapian/doc_sets.h"
#include "search/xapian/fast_match.h"
#include "test_index.h"

using namespace gezondin;
using namespace gezondin::search;
using namespace gezondin::search::test;

namespace {

TEST(DocSet, SetOperationsAndIteration) {
    DocSet a(200), b(200);
    for (Xapian::docid d : {1u, 5u, 64u, 65u, 199u}) a.add(d);
    for (Xapian::docid d : {5u, 65u, 100u}) b.add(d);
    auto members = [](const DocSet& s) {
        std::vector<Xapian::docid> out;
        s.for_each([&](Xapian::docid d) { out.push_back(d); });
        return out;
    };
    DocSet i = a;
    i.intersect(b);
    EXPECT_EQ(members(i), (std::vector<Xapian::docid>{5, 65}));
    DocSet u = a;
    u.unite(b);
    EXPECT_EQ(members(u), (std::vector<Xapian::docid>{1, 5, 64, 65, 100, 199}));
    EXPECT_EQ(u.count(), 6u);
    DocSet d = a;
    d.subtract(b);
    EXPECT_EQ(members(d), (std::vector<Xapian::docid>{1, 64, 199}));
    DocSet x = a;
    x.symmetric_difference(b);
    EXPECT_EQ(members(x), (std::vector<Xapian::docid>{1, 64, 100, 199}));
    EXPECT_TRUE(a.contains(199));
    EXPECT_FALSE(a.contains(198));
    EXPECT_FALSE(a.contains(100000));
}

// A small hand-made database: the matcher's BM25 scores must order documents as Xapian does.
class FastMatchDirect : public ::testing::Test {
protected:
    void SetUp() override {
        Xapian::WritableDatabase db(m_dir.path(), Xapian::DB_CREATE);
        for (int i = 1; i <= 300; ++i) {
            Xapian::Document doc;
            if (i % 2 == 0) doc.add_term("Zwijk", static_cast<Xapian::termcount>(1 + i % 5));
            if (i % 3 == 0) doc.add_term("Zgezond", static_cast<Xapian::termcount>(1 + i % 7));
            if (i % 10 == 0) doc.add_term("XCgala", 1);
            doc.add_term("Zfiller", static_cast<Xapian::termcount>(1 + i % 13));   // lengths differ
            doc.add_boolean_term(i % 4 == 0 ? "XLlokaal" : "XLregionaal");
            doc.add_value(date_slot, "2024" + std::string(i % 9 < 5 ? "01" : "02") + "15");
            db.add_document(doc);
        }
        db.commit();
        m_db = Xapian::Database(m_dir.path());
        m_table = FacetTable::read(m_db);
    }

    std::optional<FastMatch> match(const Xapian::Query& q, bool by_date, Xapian::doccount first, Xapian::doccount count) {
        PostingsSource postings = [&](const std::string& t) { return TermPostings::read(m_db, t); };
        return fast_match({&q, true, by_date, first, count}, m_db, *m_table, postings);
    }

    // Xapian's page, all matches considered, and the page from the candidates only.
    void expect_same_page(const Xapian::Query& q, bool by_date, Xapian::doccount first, Xapian::doccount count) {
        auto fast = match(q, by_date, first, count);
        ASSERT_TRUE(fast.has_value()) << q.get_description();
        Xapian::Enquire full(m_db), restricted(m_db);
        full.set_query(q);
        restricted.set_query(restrict_to(q, fast->candidates));
        for (auto* e : {&full, &restricted})
            if (by_date) e->set_sort_by_value_then_relevance(date_slot, true);
        auto expected = full.get_mset(first, count, m_db.get_doccount());
        auto actual = restricted.get_mset(first, count);
        EXPECT_EQ(fast->total, static_cast<long>(expected.get_matches_estimated())) << q.get_description();
        std::vector<std::pair<Xapian::docid, int>> e, a;
        for (auto it = expected.begin(); it != expected.end(); ++it) e.emplace_back(*it, it.get_percent());
        for (auto it = actual.begin(); it != actual.end(); ++it)
            a.emplace_back(*it, xapian_percent(it.get_weight(), actual.get_max_attained(), fast->matched_fraction));
        EXPECT_EQ(a, e) << q.get_description() << " first " << first;
    }

    TempDir m_dir;
    Xapian::Database m_db;
    std::shared_ptr<const FacetTable> m_table;
};

TEST_F(FastMatchDirect, PagesEqualXapiansForAndOrNotMaybeAndSynonym) {
    using Q = Xapian::Query;
    const Q wijk("Zwijk"), gezond("Zgezond"), gala("XCgala"), lokaal("XLlokaal");
    const std::vector<Q> queries = {
        Q(Q::OP_AND, wijk, gezond),
        Q(Q::OP_OR, wijk, gezond),
        Q(Q::OP_AND_NOT, wijk, gezond),
        Q(Q::OP_AND_MAYBE, wijk, gezond),
        Q(Q::OP_XOR, wijk, gezond),
        Q(Q::OP_FILTER, Q(Q::OP_OR, wijk, gezond), lokaal),
        Q(Q::OP_SYNONYM, wijk, gala),
        Q(Q::OP_AND, Q(Q::OP_SYNONYM, gezond, gala), Q(Q::OP_OR, wijk, Q("Zfiller"))),
        Q(Q::OP_OR, Q(Q::OP_AND, wijk, gala), gezond),   // a doc with "wijk" but not "gala" gets no weight for it
    };
    for (const auto& q : queries)
        for (bool by_date : {false, true})
            for (Xapian::doccount first : {0u, 10u, 35u}) expect_same_page(q, by_date, first, 10);
}

TEST_F(FastMatchDirect, CountsEveryMatchAndKeepsFewCandidates) {
    auto fast = match(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("Zwijk"), Xapian::Query("Zgezond")), false, 0, 10);
    ASSERT_TRUE(fast.has_value());
    EXPECT_EQ(fast->total, 50);   // multiples of 6 up to 300
    EXPECT_EQ(fast->matches.count(), 50u);
    EXPECT_LE(fast->candidates.size(), 16u);
    EXPECT_GE(fast->candidates.size(), 10u);
    EXPECT_TRUE(std::is_sorted(fast->candidates.begin(), fast->candidates.end()));
}

TEST_F(FastMatchDirect, LeavesPhrasesRepeatedTermsAndDeepPagesToXapian) {
    using Q = Xapian::Query;
    std::vector<Q> terms = {Q("Zwijk", 1, 1), Q("Zgezond", 1, 2)};
    EXPECT_FALSE(match(Q(Q::OP_PHRASE, terms.begin(), terms.end()), false, 0, 10).has_value());
    EXPECT_FALSE(match(Q(Q::OP_AND, Q("Zwijk"), Q("Zwijk")), false, 0, 10).has_value());
    EXPECT_FALSE(match(Q(2.0, Q("Zwijk")), false, 0, 10).has_value());
    EXPECT_FALSE(match(Q("Zwijk"), false, fast_match_max_window, 10).has_value());
    EXPECT_TRUE(match(Q("Zwijk"), false, fast_match_max_window - 10, 10).has_value());
}

TEST(PostingsCache, KeepsWithinBudgetAndForgetsOldRevisions) {
    TempDir dir;
    Xapian::WritableDatabase db(dir.path(), Xapian::DB_CREATE);
    for (int i = 1; i <= 1000; ++i) {
        Xapian::Document doc;
        doc.add_term("T" + std::to_string(i % 20), 2);
        db.add_document(doc);
    }
    db.commit();
    Xapian::Database r(dir.path());
    auto one = TermPostings::read(r, "T1");
    EXPECT_EQ(one->frequency(), 50u);
    EXPECT_EQ(one->wdf(21), 2u);
    EXPECT_EQ(one->wdf(22), 0u);
    PostingsCache cache(one->bytes() * 3 + 64);
    auto a = cache.get(r, 0, r.get_revision(), "T1");
    EXPECT_EQ(cache.get(r, 0, r.get_revision(), "T1"), a);   // cached
    for (int t = 2; t <= 5; ++t) cache.get(r, 0, r.get_revision(), "T" + std::to_string(t));
    EXPECT_NE(cache.get(r, 0, r.get_revision(), "T1"), a);   // pushed out by the budget
    auto b = cache.get(r, 0, r.get_revision(), "T2");
    auto newer = cache.get(r, 0, r.get_revision() + 1, "T2");
    EXPECT_NE(newer, b);   // another revision: read anew
}

// The same corpus in two indexes, one searched by the fast matcher and one by Xapian's.
class FastMatchEquivalence : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_fast_dir = new TempDir();
        s_slow_dir = new TempDir();
        auto fast_options = project_options();
        auto slow_options = fast_options;
        slow_options.fast_matching = false;
        s_fast = XapianIndex::open(s_fast_dir->path(), fast_options).value().release();
        s_slow = XapianIndex::open(s_slow_dir->path(), slow_options).value().release();
        for (std::int64_t n = 1; n <= 2500; ++n) {
            auto item = bench::generate_item(n).indexed;
            ASSERT_TRUE(s_fast->put(item).has_value());
            ASSERT_TRUE(s_slow->put(item).has_value());
        }
        ASSERT_TRUE(s_fast->commit(1).has_value());
        ASSERT_TRUE(s_slow->commit(1).has_value());
    }
    static void TearDownTestSuite() {
        delete s_fast;
        delete s_slow;
        delete s_fast_dir;
        delete s_slow_dir;
    }

    static std::string describe(const SearchResult& r) {
        std::ostringstream out;
        out << "total " << r.total << "\n";
        for (const auto& h : r.hits) out << h.id << " " << h.score << " " << h.snippet_html << "\n";
        for (const auto& [facet, counts] : r.facets) {
            out << facet_key(facet) << ":";
            for (const auto& c : counts) out << " " << c.value << "=" << c.count;
            out << "\n";
        }
        out << "suggestion " << r.suggestion.value_or("-") << "\n";
        return out.str();
    }

    static void expect_same(const SearchQuery& q) {
        auto fast = s_fast->search(q);
        auto slow = s_slow->search(q);
        ASSERT_TRUE(fast.has_value() && slow.has_value()) << q.text;
        EXPECT_EQ(describe(*fast), describe(*slow)) << "query '" << q.text << "' page " << q.page;
    }

    static inline TempDir* s_fast_dir = nullptr;
    static inline TempDir* s_slow_dir = nullptr;
    static inline XapianIndex* s_fast = nullptr;
    static inline XapianIndex* s_slow = nullptr;
};

TEST_F(FastMatchEquivalence, TwoWordQueriesWithFiltersSortsAndPages) {
    int compared = 0;
    for (const auto& text : bench::two_word_queries(40)) {
        for (auto sort : {SortOrder::Relevance, SortOrder::Date}) {
            for (long page : {1L, 2L, 5L}) {
                SearchQuery q = text_query(text);
                q.sort = sort;
                q.page = page;
                expect_same(q);
                q.filters[Facet::Theme] = {"wonen", "jeugd"};
                q.filters[Facet::Level] = {"lokaal"};
                expect_same(q);
                compared += 2;
            }
        }
    }
    EXPECT_EQ(compared, 480);
}

TEST_F(FastMatchEquivalence, SingleWordsSynonymsAndOperators) {
    std::vector<std::string> texts = {"gezondheid", "wijk", "gemeenten", "GALA", "Gezond en Actief Leven Akkoord", "IZA wijk",
                                      "Wmo OR GLI", "gezondheid -wijk", "+gezondheid wijk", "gezondheid NOT wijk",
                                      "\"in de praktijk\"", "wijk wijken", "geinspireerd", "gezondheidsverschilen",
                                      "(wijk OR buurt) AND gezondheid", "onbekendwoordxyz"};
    for (const auto& text : texts)
        for (auto sort : {SortOrder::Relevance, SortOrder::Date})
            for (long page : {1L, 3L}) {
                SearchQuery q = text_query(text);
                q.sort = sort;
                q.page = page;
                q.page_size = 10;
                expect_same(q);
            }
}

TEST_F(FastMatchEquivalence, BrowsingWithoutTextNewestFirst) {
    for (long page : {1L, 2L, 7L}) {
        SearchQuery q;
        q.page = page;
        expect_same(q);
        q.filters[Facet::Type] = {"instrument"};
        expect_same(q);
        q.filters[Facet::Year] = {"2020", "2021"};
        q.filters[Facet::GalaGoal] = {"3"};
        expect_same(q);
    }
}

}  // namespace
