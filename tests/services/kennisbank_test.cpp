// The Kennisbank service on a real SQLite database and a real Xapian index.

#include "services/kennisbank.h"

#include <gtest/gtest.h>

#include "main/runtime.h"
#include "tests/web/fixture.h"

using namespace gezondin;

namespace {

struct Fresh {
    std::string dir = gezondin::testing::temp_dir("gezondin-kb-");
    app::Runtime rt;
    Fresh() {
        app::Settings s;
        s.data_dir = dir;
        rt = std::move(app::open_runtime(s, app::IndexMode::Required).value());
    }
    ~Fresh() {
        rt = app::Runtime{};
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

long total(services::Kennisbank& kb, const std::string& q) {
    search::SearchQuery query;
    query.text = q;
    return kb.search(query).value().total;
}

}  // namespace

web::Params gezondin::testing::WebFixture::parse(const std::string&) { return {}; }

TEST(KennisbankService, ImportIsIdempotentOnExternalId) {
    Fresh f;
    auto& kb = *f.rt.kennisbank;
    auto first = kb.import_items_jsonl(gezondin::testing::fixture_items()).value();
    EXPECT_EQ(first.created, 3);
    auto second = kb.import_items_jsonl(gezondin::testing::fixture_items()).value();
    EXPECT_EQ(second.created, 0);
    EXPECT_EQ(second.unchanged, 3);
    EXPECT_EQ(kb.list({}, 0, 10).value().total, 3);
}

TEST(KennisbankService, InvalidFileWritesNothing) {
    Fresh f;
    auto& kb = *f.rt.kennisbank;
    std::string text = std::string(gezondin::testing::fixture_items()) + "{\"external_id\":\"x\"}\n";
    auto r = kb.import_items_jsonl(text);
    ASSERT_FALSE(r);
    EXPECT_FALSE(r.error().problems().empty());
    EXPECT_EQ(kb.list({}, 0, 10).value().total, 0);
    EXPECT_EQ(total(kb, ""), 0);
}

TEST(KennisbankService, ChangedItemIsUpdatedAndReindexed) {
    Fresh f;
    auto& kb = *f.rt.kennisbank;
    (void)kb.import_items_jsonl(gezondin::testing::fixture_items()).value();
    EXPECT_EQ(total(kb, "zeepkist"), 0);
    std::string changed = gezondin::testing::fixture_items();
    auto pos = changed.find("Buurtkamers tegen eenzaamheid");
    changed.replace(pos, 11, "Zeepkisten");
    auto r = kb.import_items_jsonl(changed).value();
    EXPECT_EQ(r.updated, 1);
    EXPECT_EQ(r.unchanged, 2);
    EXPECT_EQ(total(kb, "zeepkisten"), 1);
    search::SearchQuery q;
    q.text = "eenzaamheid";
    auto hits = kb.search(q).value().hits;
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].title, "Zeepkisten tegen eenzaamheid in de wijken");
}

TEST(KennisbankService, ExportWritesWhatWasImported) {
    Fresh f;
    auto& kb = *f.rt.kennisbank;
    (void)kb.import_items_jsonl(gezondin::testing::fixture_items()).value();
    std::string exported;
    ASSERT_TRUE(kb.export_items_jsonl([&](std::string_view line) { exported += std::string(line) + "\n"; }));
    Fresh g;
    auto r = g.rt.kennisbank->import_items_jsonl(exported).value();
    EXPECT_EQ(r.created, 3);
    auto a = kb.list({}, 0, 10).value().items, b = g.rt.kennisbank->list({}, 0, 10).value().items;
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(a[i].same_content(b[i])) << a[i].external_id;
}

TEST(KennisbankService, RebuildGivesTheSameSearchResults) {
    Fresh f;
    auto& kb = *f.rt.kennisbank;
    (void)kb.import_items_jsonl(gezondin::testing::fixture_items()).value();
    std::string dir = f.dir + "/rebuilt";
    auto fresh = app::open_index(dir, f.rt.settings).value();
    EXPECT_EQ(kb.rebuild_index(*fresh).value(), 3);
    services::Kennisbank other(*f.rt.db, fresh.get(), *f.rt.taxonomy);
    for (const char* q : {"wijk", "GALA", "schulden", ""}) EXPECT_EQ(total(kb, q), total(other, q)) << q;
}
