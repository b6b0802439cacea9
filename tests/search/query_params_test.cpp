#include "search/query_params.h"

#include <gtest/gtest.h>

using namespace gezondin;
using namespace gezondin::search;
using Params = std::vector<std::pair<std::string, std::string>>;

namespace {

domain::Taxonomy tax() { return domain::Taxonomy::from_themes_text("wonen = Wonen\neenzaamheid = Eenzaamheid\n").value(); }

std::vector<std::string> problem_fields(const core::Error& e) {
    std::vector<std::string> out;
    for (const auto& p : e.problems()) out.push_back(p.field);
    return out;
}

core::Error error_of(const Params& p) {
    auto r = parse_search_params(p, tax());
    EXPECT_FALSE(r.has_value());
    return r ? core::Error::internal("expected an error") : r.error();
}

}  // namespace

TEST(SearchParams, ParsesEveryParameter) {
    Params p = {{"q", "gezonde wijk"}, {"type", "instrument"}, {"type", "publicatie"}, {"doel", "3"}, {"doel", "doel-5"},
                {"spoor", "participatie"}, {"thema", "wonen"}, {"niveau", "lokaal"}, {"provincie", "pv27"},
                {"gemeente", "gm0363"}, {"jaar", "2024"}, {"sort", "datum"}, {"pagina", "3"}, {"per_pagina", "50"}};
    auto q = parse_search_params(p, tax());
    ASSERT_TRUE(q.has_value()) << q.error().message();
    EXPECT_EQ(q->text, "gezonde wijk");
    EXPECT_EQ(q->filters.at(Facet::Type), (std::vector<std::string>{"instrument", "publicatie"}));
    EXPECT_EQ(q->filters.at(Facet::GalaGoal), (std::vector<std::string>{"3", "5"}));
    EXPECT_EQ(q->filters.at(Facet::Track), std::vector<std::string>{"participatie"});
    EXPECT_EQ(q->filters.at(Facet::Theme), std::vector<std::string>{"wonen"});
    EXPECT_EQ(q->filters.at(Facet::Level), std::vector<std::string>{"lokaal"});
    EXPECT_EQ(q->filters.at(Facet::Province), std::vector<std::string>{"PV27"});
    EXPECT_EQ(q->filters.at(Facet::Municipality), std::vector<std::string>{"GM0363"});
    EXPECT_EQ(q->filters.at(Facet::Year), std::vector<std::string>{"2024"});
    EXPECT_EQ(q->sort, SortOrder::Date);
    EXPECT_EQ(q->page, 3);
    EXPECT_EQ(q->page_size, 50);
}

TEST(SearchParams, DefaultsWithoutParameters) {
    auto q = parse_search_params({}, tax());
    ASSERT_TRUE(q.has_value());
    EXPECT_TRUE(q->text.empty());
    EXPECT_TRUE(q->filters.empty());
    EXPECT_EQ(q->sort, SortOrder::Relevance);
    EXPECT_EQ(q->page, 1);
    EXPECT_EQ(q->page_size, 20);
}

TEST(SearchParams, IgnoresEmptyValuesUnknownParametersAndDuplicates) {
    auto q = parse_search_params({{"type", ""}, {"utm_source", "x"}, {"thema", "wonen"}, {"thema", "wonen"}, {"pagina", ""}}, tax());
    ASSERT_TRUE(q.has_value());
    EXPECT_EQ(q->filters.count(Facet::Type), 0u);
    EXPECT_EQ(q->filters.at(Facet::Theme).size(), 1u);
    EXPECT_EQ(q->page, 1);
}

TEST(SearchParams, JoinsRepeatedTextParameters) {
    auto q = parse_search_params({{"q", "gezonde"}, {"q", "wijk"}}, tax());
    ASSERT_TRUE(q.has_value());
    EXPECT_EQ(q->text, "gezonde wijk");
}

TEST(SearchParams, RejectsInvalidUtf8Text) {
    auto e = error_of({{"q", std::string("wijk\xff\xfe")}});
    EXPECT_EQ(e.code(), core::ErrorCode::InvalidInput);
    EXPECT_EQ(problem_fields(e), std::vector<std::string>{"q"});
}

TEST(SearchParams, RejectsTextOverTheLimitAsInvalidInput) {
    auto e = error_of({{"q", std::string(SearchLimits::max_query_bytes + 1, 'a')}});
    EXPECT_EQ(e.code(), core::ErrorCode::InvalidInput);
    EXPECT_EQ(problem_fields(e), std::vector<std::string>{"q"});
    EXPECT_TRUE(parse_search_params({{"q", std::string(SearchLimits::max_query_bytes, 'a')}}, tax()).has_value());
}

TEST(SearchParams, ManyRepeatedTextParametersStayBounded) {
    Params p(10000, {"q", std::string(1000, 'x')});
    auto e = error_of(p);
    EXPECT_EQ(problem_fields(e), std::vector<std::string>{"q"});
}

TEST(SearchParams, ListsEveryUnknownFacetValue) {
    auto e = error_of({{"type", "roman"}, {"doel", "8"}, {"doel", "0"}, {"doel", "doel-"}, {"spoor", "x"},
                       {"thema", "sport"}, {"niveau", "wereld"}, {"provincie", "PV2"}, {"provincie", "NL27"},
                       {"gemeente", "GM036"}, {"gemeente", "0363"}, {"jaar", "24"}, {"jaar", "20x4"}});
    EXPECT_EQ(e.code(), core::ErrorCode::InvalidInput);
    EXPECT_EQ(problem_fields(e), (std::vector<std::string>{"type", "doel", "doel", "doel", "spoor", "thema", "niveau",
                                                           "provincie", "provincie", "gemeente", "gemeente", "jaar", "jaar"}));
}

TEST(SearchParams, RejectsHugePageWithoutOverflow) {
    for (std::string page : {"1000000000", "1001", "99999999999999999999999999999"}) {
        auto e = error_of({{"pagina", page}});
        EXPECT_EQ(problem_fields(e), std::vector<std::string>{"pagina"}) << page;
    }
    auto ok = parse_search_params({{"pagina", std::to_string(SearchLimits::max_page)}}, tax());
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ(ok->page, SearchLimits::max_page);
}

TEST(SearchParams, RejectsPageThatIsNotAPositiveInteger) {
    for (std::string page : {"0", "-1", "1.5", "abc", "1e3", "+2", "000"}) {
        auto e = error_of({{"pagina", page}});
        EXPECT_EQ(problem_fields(e), std::vector<std::string>{"pagina"}) << page;
    }
}

TEST(SearchParams, PageSizeMustBeOneToHundred) {
    for (std::string n : {"0", "101", "-5", "x"}) EXPECT_FALSE(parse_search_params({{"per_pagina", n}}, tax()).has_value()) << n;
    EXPECT_EQ(parse_search_params({{"per_pagina", "100"}}, tax())->page_size, 100);
    EXPECT_EQ(parse_search_params({{"per_pagina", "1"}}, tax())->page_size, 1);
}

TEST(SearchParams, RejectsUnknownSort) {
    auto e = error_of({{"sort", "populair"}});
    EXPECT_EQ(problem_fields(e), std::vector<std::string>{"sort"});
    EXPECT_EQ(parse_search_params({{"sort", "relevantie"}}, tax())->sort, SortOrder::Relevance);
}

TEST(SearchParams, LimitsTheNumberOfFilterValues) {
    Params p;
    for (int i = 0; i < 200; ++i) p.push_back({"jaar", std::to_string(1900 + i)});
    auto e = error_of(p);
    EXPECT_EQ(problem_fields(e), std::vector<std::string>{"filters"});
}

TEST(SearchParams, ErrorMessagesNeverEchoInvalidUtf8) {
    auto e = error_of({{"thema", std::string("\xc3\x28")}});
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_TRUE(e.problems()[0].reason.find('\xc3') == std::string::npos);
}

TEST(SearchFacets, KeysRoundTrip) {
    EXPECT_EQ(all_facets().size(), 8u);
    for (auto f : all_facets()) EXPECT_EQ(facet_from_key(facet_key(f)), f);
    EXPECT_STREQ(facet_key(Facet::GalaGoal), "doel");
    EXPECT_STREQ(facet_key(Facet::Municipality), "gemeente");
    EXPECT_FALSE(facet_from_key("q").has_value());
}
