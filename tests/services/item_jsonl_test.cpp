#include "services/item_jsonl.h"

#include <gtest/gtest.h>

using namespace gezondin;

namespace {

domain::Taxonomy taxonomy() { return domain::Taxonomy::from_themes_text("wonen = Wonen\narmoede = Armoede\n").value(); }

const char* valid_line =
    R"({"external_id":"a-1","type":"instrument","title":"Checklist","summary":"Kort.","body":"## Kop\ntekst","date":"2024-02-29","themes":["wonen"],"gala_goals":[2,4],"tracks":["fysieke-omgeving"],"level":"regionaal","municipality":"GM0363","links":[{"url":"https://example.org/x","title":"X"}]})";

}  // namespace

TEST(ItemJsonl, ParsesEveryField) {
    auto items = services::parse_items_jsonl(valid_line, taxonomy());
    ASSERT_TRUE(items) << items.error().message();
    ASSERT_EQ(items->size(), 1u);
    const auto& i = (*items)[0];
    EXPECT_EQ(i.type, domain::ItemType::Instrument);
    EXPECT_EQ(i.level, domain::Level::Regionaal);
    EXPECT_EQ(i.date.to_string(), "2024-02-29");
    EXPECT_EQ(i.gala_goals, (std::vector<int>{2, 4}));
    EXPECT_EQ(i.links.at(0).title, "X");
}

TEST(ItemJsonl, ExportReadsBackUnchanged) {
    auto items = services::parse_items_jsonl(valid_line, taxonomy()).value();
    auto line = services::to_jsonl(items[0]);
    auto again = services::parse_items_jsonl(line, taxonomy()).value();
    EXPECT_TRUE(again[0].same_content(items[0]));
}

TEST(ItemJsonl, ListsEveryProblemWithLineAndField) {
    std::string text = std::string(valid_line) + "\n" +
                       R"({"external_id":"a-2","type":"nope","title":"","date":"2024-02-30","gala_goals":[0],"level":"lokaal"})" + "\n" +
                       "{not json\n" +
                       "\n" + valid_line + "\n" +
                       "{\"external_id\":\"a-3\",\"title\":\"\xC3\x28\"}\n";
    auto r = services::parse_items_jsonl(text, taxonomy());
    ASSERT_FALSE(r);
    const auto& p = r.error().problems();
    auto has = [&](long line, const std::string& field) {
        for (const auto& fp : p)
            if (fp.line == line && fp.field == field) return true;
        return false;
    };
    EXPECT_TRUE(has(2, "type"));
    EXPECT_TRUE(has(2, "title"));
    EXPECT_TRUE(has(2, "date"));
    EXPECT_TRUE(has(2, "gala_goals"));
    EXPECT_TRUE(has(3, "regel"));
    EXPECT_TRUE(has(5, "external_id"));   // duplicate of line 1
    EXPECT_TRUE(has(6, "regel"));         // invalid UTF-8
}

TEST(ItemJsonl, RefusesEmptyFile) { EXPECT_FALSE(services::parse_items_jsonl("\n\n", taxonomy())); }
