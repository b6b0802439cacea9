#include "search/plain_text.h"

#include <gtest/gtest.h>

#include "core/text.h"

using namespace gezondin::search;

TEST(PlainText, StripsMarkdownSyntaxAndKeepsWords) {
    auto text = markdown_to_plain("# Kop\n\nEen **vette** en _schuine_ tekst met [een link](https://x.nl).\n\n"
                                  "- punt een\n1. punt twee\n> citaat\n\n```\ncode blok\n```\n<b>html</b> ![plaatje](a.png)\n---\n");
    EXPECT_EQ(text, "Kop Een vette en schuine tekst met een link. punt een punt twee citaat code blok html plaatje");
}

TEST(PlainText, ExcerptIsBoundedAndValidUtf8) {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "geïnspireerd ";
    auto e = bounded_excerpt(text, 50);
    EXPECT_LE(e.size(), 50u + 3u);
    EXPECT_TRUE(gezondin::core::is_valid_utf8(e));
    EXPECT_TRUE(e.ends_with("…"));
    EXPECT_EQ(bounded_excerpt("kort", 50), "kort");
    std::string one_word(60, 'a');
    one_word += "ë";
    EXPECT_TRUE(gezondin::core::is_valid_utf8(bounded_excerpt(one_word, 61)));
}
