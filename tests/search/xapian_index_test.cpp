#include <algorithm>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "search/plain_text.h"
#include "search/xapian/bulk_load.h"   // complete types for XapianIndex::Impl
#include "search/xapian/document_builder.h"
#include "search/xapian/index_impl.h"
#include "search/xapian/facets.h"
#include "test_index.h"

using namespace gezondin;
using namespace gezondin::search;
using namespace gezondin::search::test;
using domain::ItemType;
using domain::Level;

namespace {

class XapianIndexTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = XapianIndex::open(m_dir.path(), project_options());
        ASSERT_TRUE(opened.has_value()) << opened.error().message();
        m_index = std::move(*opened);
    }

    void add(const ItemSpec& spec) { ASSERT_TRUE(m_index->put(make_item(spec)).has_value()); }
    void commit() { ASSERT_TRUE(m_index->commit(++m_seq).has_value()); }

    SearchResult search(const SearchQuery& q) {
        auto r = m_index->search(q);
        EXPECT_TRUE(r.has_value()) << r.error().message();
        return r ? *r : SearchResult{};
    }
    std::vector<domain::ItemId> find(const std::string& text) { return ids(search(text_query(text))); }

    // Five items with distinct facets, for facet, filter and sort tests.
    void add_facet_corpus() {
        add({.id = 1, .title = "Buurtkamer tegen eenzaamheid", .summary = "Ouderen ontmoeten elkaar in de wijk.",
             .type = ItemType::Praktijkvoorbeeld, .date = "2023-05-01", .themes = {"eenzaamheid", "ouderen"},
             .goals = {3, 6}, .tracks = {"sociale-omgeving"}, .level = Level::Lokaal, .municipality = "GM0363", .province = "PV27"});
        add({.id = 2, .title = "Wandelgroep in de wijk", .summary = "Samen bewegen in de wijk.",
             .type = ItemType::Praktijkvoorbeeld, .date = "2024-02-10", .themes = {"bewegen-en-sport"},
             .goals = {2, 4}, .tracks = {"fysieke-omgeving"}, .level = Level::Lokaal, .municipality = "GM0599", .province = "PV28"});
        add({.id = 3, .title = "Instrument wijkscan", .summary = "Meet de gezondheid in elke wijk.",
             .type = ItemType::Instrument, .date = "2024-09-30", .themes = {"monitoring-en-evaluatie"},
             .goals = {1}, .tracks = {"preventie-en-zorg"}, .level = Level::Regionaal, .municipality = "", .province = "PV28"});
        add({.id = 4, .title = "Publicatie over armoede", .summary = "Armoede en gezondheid in de wijk.",
             .type = ItemType::Publicatie, .date = "2022-11-11", .themes = {"armoede-en-schulden", "eenzaamheid"},
             .goals = {1, 3}, .tracks = {"sociale-omgeving", "participatie"}, .level = Level::Landelijk});
        add({.id = 5, .title = "Nieuws over sport", .summary = "Een nieuw sportveld.", .type = ItemType::Nieuws,
             .date = "2025-01-20", .themes = {"bewegen-en-sport"}, .goals = {4}, .tracks = {"fysieke-omgeving"},
             .level = Level::Lokaal, .municipality = "GM0363", .province = "PV27"});
        commit();
    }

    static long count_of(const SearchResult& r, Facet f, const std::string& value) {
        for (const auto& c : r.facets.at(f))
            if (c.value == value) return c.count;
        return 0;
    }

    TempDir m_dir;
    std::unique_ptr<XapianIndex> m_index;
    std::int64_t m_seq = 0;
};

}  // namespace

TEST_F(XapianIndexTest, SearchFindsPluralWithSingularQuery) {
    add({.id = 1, .title = "Samenwerking", .body = "De gemeenten in de regio werken samen."});
    add({.id = 2, .title = "Anders", .body = "Iets over fietsen."});
    commit();
    EXPECT_EQ(find("gemeente"), std::vector<domain::ItemId>{1});
}

TEST_F(XapianIndexTest, SearchFindsSingularWithPluralQuery) {
    add({.id = 1, .title = "Aanpak", .body = "In deze wijk is een nieuw plan."});
    commit();
    EXPECT_EQ(find("wijken"), std::vector<domain::ItemId>{1});
}

TEST_F(XapianIndexTest, SearchMeetsWordFormsBothWays) {
    add({.id = 1, .title = "Fiets", .body = "Een fiets voor elk kind."});
    add({.id = 2, .title = "Verschillen", .body = "Gezondheidsverschillen tussen wijken."});
    add({.id = 3, .title = "Teams", .body = "De wijkteams helpen."});
    commit();
    EXPECT_EQ(find("fietsen"), std::vector<domain::ItemId>{1});
    EXPECT_EQ(find("gezondheidsverschil"), std::vector<domain::ItemId>{2});
    EXPECT_EQ(find("wijkteam"), std::vector<domain::ItemId>{3});
}

TEST_F(XapianIndexTest, SearchFoldsDiacriticsBothWays) {
    add({.id = 1, .title = "Geïnspireerd door Rotterdam", .body = "Goede ideeën."});
    add({.id = 2, .title = "Een cafe", .body = "Een coordinator helpt."});
    commit();
    EXPECT_EQ(find("geinspireerd"), std::vector<domain::ItemId>{1});
    EXPECT_EQ(find("ideeen"), std::vector<domain::ItemId>{1});
    EXPECT_EQ(find("café"), std::vector<domain::ItemId>{2});
    EXPECT_EQ(find("coördinator"), std::vector<domain::ItemId>{2});
}

TEST_F(XapianIndexTest, AbbreviationFindsLongFormAndBack) {
    add({.id = 1, .title = "Akkoord getekend", .body = "De gemeente tekende het Gezond en Actief Leven Akkoord."});
    add({.id = 2, .title = "Nieuwe GALA-middelen", .body = "Geld uit de GALA voor de wijk."});
    add({.id = 3, .title = "Zorg", .body = "Het Integraal Zorgakkoord gaat over zorg."});
    add({.id = 4, .title = "Steun", .body = "Hulp via de Wmo en de GGD."});
    add({.id = 5, .title = "Ander", .body = "Een leefstijlprogramma zonder afkortingen."});
    commit();
    auto sorted = [](std::vector<domain::ItemId> v) { std::sort(v.begin(), v.end()); return v; };
    EXPECT_EQ(sorted(find("GALA")), (std::vector<domain::ItemId>{1, 2}));
    EXPECT_EQ(sorted(find("gezond en actief leven akkoord")), (std::vector<domain::ItemId>{1, 2}));
    EXPECT_EQ(find("IZA"), std::vector<domain::ItemId>{3});
    EXPECT_EQ(find("wet maatschappelijke ondersteuning"), std::vector<domain::ItemId>{4});
    EXPECT_EQ(find("gemeentelijke gezondheidsdienst hulp"), std::vector<domain::ItemId>{4});
    EXPECT_EQ(find("GALA wijk"), std::vector<domain::ItemId>{2});
}

TEST_F(XapianIndexTest, SuggestsSpellingForMisspeltWord) {
    add({.id = 1, .title = "Gezondheidsverschillen", .body = "Over gezondheidsverschillen in de stad."});
    commit();
    auto r = search(text_query("gezondheidsverschilen"));
    ASSERT_TRUE(r.suggestion.has_value());
    EXPECT_EQ(*r.suggestion, "gezondheidsverschillen");
    EXPECT_FALSE(search(text_query("gezondheidsverschillen stad")).suggestion.has_value());
    EXPECT_FALSE(search(text_query("GALA")).suggestion.has_value());
}

TEST_F(XapianIndexTest, SuggestsSpellingWhenStemmingAlsoFindsTheMisspeltWord) {
    add({.id = 1, .title = "Minder eenzaamheid", .body = "Samen tegen eenzaamheid in de wijk."});
    commit();
    auto r = search(text_query("eenzaamhied"));
    ASSERT_TRUE(r.suggestion.has_value());
    EXPECT_EQ(*r.suggestion, "eenzaamheid");
}

TEST_F(XapianIndexTest, SearchDoesNotSuggestForWordFoundByStemming) {
    add({.id = 1, .title = "Aanpak in wijken", .body = "Bewoners van drie wijken werken samen."});
    add({.id = 2, .title = "Gezondheidsverschillen", .body = "Over gezondheidsverschillen in de stad."});
    commit();
    auto r = search(text_query("wijk"));
    EXPECT_EQ(ids(r), std::vector<domain::ItemId>{1});
    EXPECT_FALSE(r.suggestion.has_value()) << *r.suggestion;
    EXPECT_FALSE(search(text_query("gezondheidsverschil")).suggestion.has_value());
    EXPECT_FALSE(search(text_query("wijk bewoners")).suggestion.has_value());
    // A misspelling that stems onto an indexed term is still corrected.
    auto typo = search(text_query("gezondheidsverschilen"));
    ASSERT_TRUE(typo.suggestion.has_value());
    EXPECT_EQ(*typo.suggestion, "gezondheidsverschillen");
}

TEST_F(XapianIndexTest, SpellingDataComesFromTitleSummaryAndBody) {
    add({.id = 1, .title = "Titel", .summary = "Over leefstijlcoaching.", .body = "Een verhaal over beweegvriendelijk inrichten."});
    commit();
    auto summary_word = search(text_query("leefstijlcoachng"));
    ASSERT_TRUE(summary_word.suggestion.has_value());
    EXPECT_EQ(*summary_word.suggestion, "leefstijlcoaching");
    auto body_word = search(text_query("beweegvriendlijk"));
    ASSERT_TRUE(body_word.suggestion.has_value());
    EXPECT_EQ(*body_word.suggestion, "beweegvriendelijk");
}

TEST_F(XapianIndexTest, PhrasesMatchInTitleAndSummary) {
    add({.id = 1, .title = "Gezonde school in de wijk", .summary = "Een aanpak voor jonge ouders."});
    add({.id = 2, .title = "School", .summary = "Gezonde voeding voor de school."});
    commit();
    EXPECT_EQ(find("\"gezonde school\""), std::vector<domain::ItemId>{1});
    EXPECT_EQ(find("\"jonge ouders\""), std::vector<domain::ItemId>{1});
}

TEST_F(XapianIndexTest, FacetCountsAreExactUnderTextAndFilters) {
    add_facet_corpus();
    auto r = search(text_query("wijk"));
    EXPECT_EQ(r.total, 4);
    EXPECT_EQ(count_of(r, Facet::Type, "praktijkvoorbeeld"), 2);
    EXPECT_EQ(count_of(r, Facet::Type, "instrument"), 1);
    EXPECT_EQ(count_of(r, Facet::Type, "nieuws"), 0);
    EXPECT_EQ(count_of(r, Facet::GalaGoal, "3"), 2);
    EXPECT_EQ(count_of(r, Facet::GalaGoal, "1"), 2);
    EXPECT_EQ(count_of(r, Facet::Theme, "eenzaamheid"), 2);
    EXPECT_EQ(count_of(r, Facet::Track, "sociale-omgeving"), 2);
    EXPECT_EQ(count_of(r, Facet::Level, "lokaal"), 2);
    EXPECT_EQ(count_of(r, Facet::Province, "PV28"), 2);
    EXPECT_EQ(count_of(r, Facet::Municipality, "GM0363"), 1);
    EXPECT_EQ(count_of(r, Facet::Year, "2024"), 2);
    EXPECT_EQ(r.facets.at(Facet::Year).front().value, "2024");  // newest first

    auto q = text_query("wijk");
    q.filters[Facet::Theme] = {"eenzaamheid"};
    auto f = search(q);
    EXPECT_EQ(f.total, 2);
    EXPECT_EQ(count_of(f, Facet::Type, "praktijkvoorbeeld"), 1);
    EXPECT_EQ(count_of(f, Facet::Type, "publicatie"), 1);
    EXPECT_EQ(count_of(f, Facet::Year, "2024"), 0);
}

TEST_F(XapianIndexTest, FiltersAreOrWithinAFacetAndAndAcrossFacets) {
    add_facet_corpus();
    SearchQuery q;
    q.filters[Facet::Type] = {"praktijkvoorbeeld", "nieuws"};
    EXPECT_EQ(search(q).total, 3);
    q.filters[Facet::Municipality] = {"GM0363"};
    auto r = search(q);
    EXPECT_EQ(r.total, 2);
    q.filters[Facet::Year] = {"2025"};
    EXPECT_EQ(ids(search(q)), std::vector<domain::ItemId>{5});
    q.filters[Facet::GalaGoal] = {"1"};
    EXPECT_EQ(search(q).total, 0);
}

TEST_F(XapianIndexTest, CountsWithoutTextFollowCommits) {
    add_facet_corpus();
    SearchQuery q;
    q.filters[Facet::Type] = {"nieuws"};
    EXPECT_EQ(search(q).total, 1);
    EXPECT_EQ(count_of(search(SearchQuery{}), Facet::Type, "nieuws"), 1);
    add({.id = 6, .title = "Nog meer nieuws", .type = ItemType::Nieuws, .date = "2025-02-01"});
    commit();
    auto r = search(q);
    EXPECT_EQ(r.total, 2);
    EXPECT_EQ(ids(r), (std::vector<domain::ItemId>{6, 5}));
    EXPECT_EQ(count_of(search(SearchQuery{}), Facet::Type, "nieuws"), 2);
    ASSERT_TRUE(m_index->remove(6).has_value());
    commit();
    EXPECT_EQ(search(q).total, 1);
}

TEST_F(XapianIndexTest, CountsUnderTextFollowChangesAndRemovals) {
    add_facet_corpus();
    auto q = text_query("wijk");
    EXPECT_EQ(count_of(search(q), Facet::Theme, "eenzaamheid"), 2);
    // Item 1 leaves the theme, item 4 goes, item 7 comes: the counts of the next search (the
    // in-memory facet values of the new revision) must show all three changes.
    add({.id = 1, .title = "Buurtkamer", .summary = "Ouderen ontmoeten elkaar in de wijk.", .themes = {"ouderen"},
         .municipality = "GM0363", .province = "PV27"});
    ASSERT_TRUE(m_index->remove(4).has_value());
    add({.id = 7, .title = "Wijkteam", .summary = "Een wijkteam in de wijk.", .themes = {"eenzaamheid"}, .goals = {7}});
    commit();
    auto r = search(q);
    EXPECT_EQ(r.total, 4);
    EXPECT_EQ(count_of(r, Facet::Theme, "eenzaamheid"), 1);
    EXPECT_EQ(count_of(r, Facet::Theme, "ouderen"), 1);
    EXPECT_EQ(count_of(r, Facet::GalaGoal, "7"), 1);
    EXPECT_EQ(count_of(r, Facet::Type, "publicatie"), 0);
    EXPECT_EQ(count_of(r, Facet::Level, "landelijk"), 0);
}

TEST(XapianIndexKnownTerms, ReadersUseTheTermsTheIndexerStored) {
    // The indexer looked "huizen" up in Hunspell (lemma "huis") and stored the term; a reader
    // without a dictionary finds the item through the stored term, where Snowball alone
    // would make "huiz" of it.
    TempDir dir;
    {
        auto index = XapianIndex::open(dir.path(), project_options()).value();
        ASSERT_TRUE(index->put(make_item({.id = 1, .title = "Groene huizen"})));
        ASSERT_TRUE(index->commit(1));
    }
    auto snowball_only = project_options();
    snowball_only.hunspell_aff.clear();
    snowball_only.hunspell_dic.clear();
    auto index = XapianIndex::open(dir.path(), snowball_only).value();
    SearchQuery q;
    q.text = "huizen";
    EXPECT_EQ(index->search(q).value().total, 1);
    q.text = "huis";
    EXPECT_EQ(index->search(q).value().total, 1);
}

namespace {

// Texts with the punctuation, case and characters that word splitting must get right.
const std::vector<std::string>& awkward_texts() {
    static const std::vector<std::string> texts = {
        "De wijk, de wijk; de wijk! (De wijk?) \"wijk\" 'wijk' [wijk] *wijk*",
        "Het I.B.M.-model en de I.B.M. aanpak, C++ en C# in de G40.",
        "Auto's van 's-Hertogenbosch; 3,5 miljoen en 1.000.000 euro. Einde.",
        "gezondheids-verschillen en gezondheidsverschillen\tin\nde\r\nwijken\f\v",
        "snake_case _onderstreept_ en e-mail: info@example.nl of https://example.nl/pad?x=1.",
        "Geïnspireerd\u00a0door ideeën… — en “slimme” quotes.",
        "Leeg ,, ;; .. !! ?? () . , en een punt aan het eind.",
        "gemeenten gemeente gemeenten wijken wijk buurten 2024 x y z "
        "eenwoordvanmeerdanvierenzestigtekensdatxapiannietalseenwoordindexeertmaarweglaat en kort",
    };
    return texts;
}

std::map<std::string, Xapian::termcount> terms_of(const Xapian::Document& doc, const std::string& prefix = "") {
    std::map<std::string, Xapian::termcount> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if ((*it).starts_with(prefix)) out[*it] = it.get_wdf();
    return out;
}

}  // namespace

// The DocumentBuilder indexes a body by distinct chunk and adds plain words' terms itself: the
// result must equal the TermGenerator's word by word.
TEST(DocumentBuilder, BodyTermsEqualWordByWordIndexing) {
    XapianIndex::Impl impl;   // no synonyms, Snowball only
    DocumentBuilder builder(impl);
    for (const auto& text : awkward_texts()) {
        IndexedItem item;
        item.item.id = 1;
        item.item.body = text;
        auto built = builder.build(item);
        Xapian::TermGenerator reference;
        reference.set_stemmer(make_xapian_stem(nullptr));
        reference.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        Xapian::Document expected;
        reference.set_document(expected);
        reference.index_text_without_positions(markdown_to_plain(text));
        EXPECT_EQ(terms_of(built, "Z"), terms_of(expected, "Z")) << text;
        EXPECT_FALSE(terms_of(built, "Z").empty());
    }
}

// Indexing by distinct chunk (DocumentBuilder) must give exactly the terms and wdf of indexing
// word by word, whatever the punctuation.
TEST(TextChunks, IndexingByChunkGivesTheSameTermsAsWordByWord) {
    auto terms = [](const Xapian::Document& doc) { return terms_of(doc); };
    for (const auto& text : awkward_texts()) {
        Xapian::TermGenerator whole, chunked;
        for (auto* g : {&whole, &chunked}) {
            g->set_stemmer(Xapian::Stem("dutch"));
            g->set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        }
        Xapian::Document a, b;
        whole.set_document(a);
        whole.index_text_without_positions(text);
        std::map<std::string, unsigned> counts;
        for (auto chunk : text_chunks(text)) ++counts[std::string(chunk)];
        chunked.set_document(b);
        for (const auto& [chunk, n] : counts) chunked.index_text_without_positions(chunk, n);
        EXPECT_EQ(terms(a), terms(b)) << text;
        EXPECT_FALSE(terms(a).empty());
    }
    EXPECT_EQ(text_chunks(" (wijk), I.B.M. eind. "), (std::vector<std::string_view>{"wijk", "I.B.M.", "eind"}));
}

TEST(FacetTable, FindsEachDocumentsValueByIdAndNothingForOthers) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const char* v : {"eerste", "", "derde", "vierde"}) {
        Xapian::Document doc;
        if (*v) doc.add_value(facets_slot, v);
        db.add_document(doc);
    }
    db.delete_document(4);
    db.commit();
    auto table = FacetTable::read(db);
    EXPECT_EQ(table->documents(), 2u);
    EXPECT_EQ(table->packed(1), "eerste");
    EXPECT_EQ(table->packed(2), "");
    EXPECT_EQ(table->packed(3), "derde");
    EXPECT_EQ(table->packed(4), "");
    EXPECT_EQ(table->packed(0), "");
    EXPECT_EQ(table->packed(99), "");
}

TEST_F(XapianIndexTest, SortsByDateNewestFirst) {
    add_facet_corpus();
    auto q = text_query("wijk");
    q.sort = SortOrder::Date;
    EXPECT_EQ(ids(search(q)), (std::vector<domain::ItemId>{3, 2, 1, 4}));
    EXPECT_EQ(ids(search(SearchQuery{})), (std::vector<domain::ItemId>{5, 3, 2, 1, 4}));
}

TEST_F(XapianIndexTest, PagesThroughResultsWithExactTotal) {
    for (int i = 1; i <= 25; ++i)
        add({.id = i, .title = "Buurtproject " + std::to_string(i), .body = "Een project in de buurt.",
             .date = "2024-01-" + std::string(i < 10 ? "0" : "") + std::to_string(i)});
    commit();
    auto q = text_query("buurt");
    q.sort = SortOrder::Date;
    q.page_size = 10;
    q.page = 3;
    auto r = search(q);
    EXPECT_EQ(r.total, 25);
    EXPECT_EQ(ids(r), (std::vector<domain::ItemId>{5, 4, 3, 2, 1}));
    q.page = 4;
    EXPECT_TRUE(search(q).hits.empty());
    q.page = 1000000000;
    auto bad = m_index->search(q);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code(), core::ErrorCode::InvalidInput);
}

TEST_F(XapianIndexTest, SnippetsAreEscapedWithMarkedMatches) {
    add({.id = 1, .title = "Fietsen", .summary = "Fietsen & wandelen als 5 < 7.", .body = "Meer over **fietsen** in de stad."});
    commit();
    auto r = search(text_query("fiets"));
    ASSERT_EQ(r.hits.size(), 1u);
    const auto& s = r.hits[0].snippet_html;
    EXPECT_NE(s.find("<mark>Fietsen</mark>"), std::string::npos) << s;
    EXPECT_NE(s.find("&amp;"), std::string::npos) << s;
    EXPECT_NE(s.find("&lt;"), std::string::npos) << s;
    EXPECT_EQ(s.find("**"), std::string::npos) << s;
}

TEST_F(XapianIndexTest, HitsCarryWhatAResultListNeeds) {
    add({.id = 42, .title = "Gezonde school", .summary = "Een korte samenvatting.", .body = "Tekst.",
         .type = ItemType::Instrument, .date = "2024-03-05", .municipality = "GM0363"});
    commit();
    auto r = search(text_query("school"));
    ASSERT_EQ(r.hits.size(), 1u);
    const auto& h = r.hits[0];
    EXPECT_EQ(h.id, 42);
    EXPECT_EQ(h.external_id, "ext-42");
    EXPECT_EQ(h.title, "Gezonde school");
    EXPECT_EQ(h.type, "instrument");
    EXPECT_EQ(h.date, "2024-03-05");
    EXPECT_EQ(h.municipality_code, "GM0363");
    EXPECT_EQ(h.summary, "Een korte samenvatting.");
    EXPECT_GT(h.score, 0.0);
    EXPECT_LE(h.score, 1.0);
}

TEST_F(XapianIndexTest, SimilarFindsRelatedItemsButNeverItself) {
    add({.id = 1, .title = "Moestuin in de wijk", .body = "Bewoners werken samen in een moestuin met groente en kruiden."});
    add({.id = 2, .title = "Nog een moestuin", .body = "Een moestuin waar bewoners groente kweken."});
    add({.id = 3, .title = "Schuldhulp", .body = "Hulp bij schulden en armoede."});
    commit();
    auto r = m_index->similar(1, 5);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    ASSERT_FALSE(r->empty());
    EXPECT_EQ(r->front().id, 2);
    for (const auto& h : *r) EXPECT_NE(h.id, 1);
    EXPECT_TRUE(m_index->similar(999, 5)->empty());
}

TEST_F(XapianIndexTest, SimilarLeavesOutWordsThatManyItemsHave) {
    // 480 of 1,200 items say "gemeente" often (Xapian itself drops terms in more than half of
    // the items); only item 2 shares a rarer word with item 1. A word in more than a quarter of
    // the items is no ground for "similar", so only item 2 comes back.
    for (int i = 10; i < 1210; ++i) {
        if (i % 5 < 2) add({.id = i, .title = "Gemeente gemeente", .body = "gemeente gemeente gemeente"});
        else add({.id = i, .title = "Fiets", .body = "fiets"});
    }
    add({.id = 1, .title = "Gemeente moestuin", .body = "gemeente gemeente gemeente moestuin"});
    add({.id = 2, .title = "Moestuin", .body = "Een moestuin."});
    commit();
    auto r = m_index->similar(1, 4);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    ASSERT_EQ(r->size(), 1u);
    EXPECT_EQ(r->front().id, 2);
    EXPECT_TRUE(m_index->similar(10, 4)->empty()) << "an item of common words only has no similar items";
}

TEST_F(XapianIndexTest, PutReplacesAndRemoveDeletes) {
    add({.id = 1, .title = "Oude titel over fietsen"});
    commit();
    add({.id = 1, .title = "Nieuwe titel over wandelen"});
    commit();
    EXPECT_TRUE(find("fietsen").empty());
    EXPECT_EQ(find("wandelen"), std::vector<domain::ItemId>{1});
    EXPECT_EQ(*m_index->document_count(), 1);
    ASSERT_TRUE(m_index->remove(1).has_value());
    commit();
    EXPECT_EQ(*m_index->document_count(), 0);
}

TEST_F(XapianIndexTest, LoadIntoEmptyIndexKeepsReplacesAndRemovesInOrder) {
    EXPECT_EQ(*m_index->document_count(), 0);   // a reader opened before the load
    for (int i = 1; i <= 300; ++i)
        add({.id = i, .title = "Project " + std::to_string(i) + " over fietsen", .body = "Samen fietsen in de wijk."});
    add({.id = 7, .title = "Project 7 over wandelen"});
    ASSERT_TRUE(m_index->remove(8).has_value());
    ASSERT_TRUE(m_index->remove(9999).has_value());
    commit();
    EXPECT_EQ(*m_index->document_count(), 299);
    EXPECT_EQ(search(text_query("fiets")).total, 298);
    EXPECT_EQ(find("wandelen"), std::vector<domain::ItemId>{7});
    EXPECT_EQ(*m_index->applied_seq(), m_seq);
    auto suggestion = search(text_query("fietssen")).suggestion;
    ASSERT_TRUE(suggestion.has_value());
    EXPECT_EQ(*suggestion, "fietsen");

    add({.id = 1, .title = "Project 1 over lopen"});   // the index is not empty now: written directly
    commit();
    EXPECT_EQ(find("lopen"), std::vector<domain::ItemId>{1});
    EXPECT_EQ(search(text_query("fiets")).total, 297);
    m_index.reset();
    auto reopened = XapianIndex::open(m_dir.path(), project_options());
    ASSERT_TRUE(reopened.has_value());
    EXPECT_FALSE((*reopened)->needs_rebuild());
    EXPECT_EQ(*(*reopened)->document_count(), 299);
    EXPECT_TRUE(std::filesystem::exists(m_dir.path() + "/iamglass"));
    EXPECT_FALSE(std::filesystem::exists(m_dir.path() + "/bulk-load"));
}

TEST_F(XapianIndexTest, WritesAreInvisibleUntilCommit) {
    add({.id = 1, .title = "Fietsen"});
    EXPECT_TRUE(find("fietsen").empty());
    commit();
    EXPECT_EQ(find("fietsen"), std::vector<domain::ItemId>{1});
}

TEST_F(XapianIndexTest, CommitRecordsAppliedSeqDurably) {
    EXPECT_EQ(*m_index->applied_seq(), 0);
    add({.id = 1, .title = "Fietsen"});
    ASSERT_TRUE(m_index->commit(17).has_value());
    EXPECT_EQ(*m_index->applied_seq(), 17);
    m_index.reset();
    auto reopened = XapianIndex::open(m_dir.path(), project_options());
    ASSERT_TRUE(reopened.has_value());
    EXPECT_EQ(*(*reopened)->applied_seq(), 17);
    EXPECT_EQ(*(*reopened)->document_count(), 1);
    EXPECT_FALSE((*reopened)->needs_rebuild());
}

TEST_F(XapianIndexTest, ChangedSynonymsAskForARebuild) {
    add({.id = 1, .title = "Fietsen"});
    commit();
    m_index.reset();
    auto options = project_options();
    options.synonyms.push_back({{"OV", "openbaar vervoer"}});
    auto reopened = XapianIndex::open(m_dir.path(), options);
    ASSERT_TRUE(reopened.has_value());
    EXPECT_TRUE((*reopened)->needs_rebuild());
}

TEST_F(XapianIndexTest, SecondOpenOfTheSameFolderIsUnavailable) {
    auto second = XapianIndex::open(m_dir.path(), project_options());
    ASSERT_FALSE(second.has_value());
    EXPECT_EQ(second.error().code(), core::ErrorCode::Unavailable);
}

TEST(XapianIndexOpen, MissingDictionaryIsUnavailable) {
    TempDir dir;
    IndexOptions o;
    o.hunspell_aff = "/nonexistent/nl.aff";
    auto r = XapianIndex::open(dir.path(), o);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), core::ErrorCode::Unavailable);
}
