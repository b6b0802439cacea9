// Comments through the pages: add, flag, hide and restore for each role, the moderation queue,
// the anonymous page cache (a change shows at once), hidden text kept from anonymous HTML,
// CSRF, and hostile strings through the comment text and the flag and hide reasons.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/item.h"
#include "tests/community_web/fixture.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// A Location as a browser requests it: without the #fragment.
std::string followed(const web::Response& redirect) {
    const std::string location(redirect.header("Location"));
    return location.substr(0, location.find('#'));
}

constexpr const char* password = "een lang wachtwoord";
constexpr const char* hidden_note = "Deze reactie is verborgen door de redactie";

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

class CommentPagesTest : public ::testing::Test {
protected:
    CommentPagesTest() {
        item = fx.web.rt.kennisbank->item(1).value();
        path = domain::item_path(item);
        auteur = fx.make_account("Anne Auteur", "anne@example.org", domain::Role::Lid);
        fx.make_account("Bas Lid", "bas@example.org", domain::Role::Lid);
        fx.make_account("Rita Redacteur", "rita@example.org", domain::Role::Redacteur);
        fx.make_account("Ben Beheerder", "ben@example.org", domain::Role::Beheerder);
    }

    // A browser logged in as `email`, with the CSRF field of the item page.
    Browser as(const std::string& email, const std::string& ip = "192.0.2.20") {
        Browser b(*fx.web.app, ip);
        EXPECT_EQ(b.login(email, password).status, 303);
        b.get(path);
        return b;
    }
    web::Response comment(Browser& b, const std::string& text) {
        return b.post("/reacties/nieuw", {{"item", std::to_string(item.id)}, {"body", text}, {"csrf", b.csrf()}});
    }
    domain::CommentId last_comment_id() { return fx.db->comments_on(item.id, true).value().back().id; }
    std::string action(domain::CommentId id, const std::string& what) {
        return "/reacties/" + std::to_string(id) + "/" + what;
    }

    CommunityWebFixture fx;
    domain::Item item;
    std::string path;
    domain::UserId auteur = 0;
};

TEST_F(CommentPagesTest, AnonymousVisitorSeesTheLoginLinkAndNoForm) {
    Browser anon(*fx.web.app);
    auto page = anon.get(path);
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("<h2 id=\"reacties-titel\">Reacties en vragen</h2>"));
    EXPECT_THAT(page.body, HasSubstr("<a href=\"/account/inloggen\">Log in om te reageren</a>"));
    EXPECT_THAT(page.body, Not(HasSubstr("action=\"/reacties/nieuw\"")));
    EXPECT_THAT(page.body, Not(HasSubstr("name=\"csrf\"")));
}

TEST_F(CommentPagesTest, MemberCommentShowsWithNameAndDateAndAnonymousCopyIsRenewedAtOnce) {
    Browser anon(*fx.web.app, "192.0.2.99");
    auto before = anon.get(path);
    ASSERT_EQ(before.status, 200);
    const std::string old_etag(before.header("ETag"));
    ASSERT_FALSE(old_etag.empty());
    EXPECT_EQ(anon.get(path).body, before.body) << "served from the page cache";

    Browser anne = as("anne@example.org");
    auto form = anne.get(path);
    EXPECT_THAT(form.body, HasSubstr("<label for=\"reactie-tekst\">Uw reactie of vraag</label>"));
    EXPECT_THAT(form.body, Not(HasSubstr("Log in om te reageren")));
    auto posted = comment(anne, "Werkt dit ook in een kleine gemeente?\nWij hebben 20.000 inwoners.");
    ASSERT_EQ(posted.status, 303) << posted.body;
    const auto id = last_comment_id();
    EXPECT_EQ(posted.header("Location"), path + "?melding=geplaatst#reactie-" + std::to_string(id));
    EXPECT_THAT(anne.get(followed(posted)).body, HasSubstr("Uw reactie staat nu bij dit item."));

    auto after = anon.get(path);
    EXPECT_THAT(after.body, HasSubstr("Werkt dit ook in een kleine gemeente?\nWij hebben 20.000 inwoners."));
    EXPECT_THAT(after.body, HasSubstr("<span class=\"comment-author\">Anne Auteur</span>"));
    EXPECT_THAT(after.body, HasSubstr("<time datetime=\"" + domain::to_iso8601(fx.clock.now()) + "\">"));
    EXPECT_THAT(after.body, HasSubstr("1 reactie"));
    EXPECT_NE(after.header("ETag"), old_etag);
    auto conditional = fx.web.get(path, {{"if-none-match", old_etag}});
    EXPECT_EQ(conditional.status, 200) << "the old copy in a browser is out of date";
    EXPECT_EQ(fx.web.get(path, {{"if-none-match", std::string(after.header("ETag"))}}).status, 304);
}

TEST_F(CommentPagesTest, EmptyOrTooLongCommentShowsTheFormAgainWithTheMessage) {
    Browser anne = as("anne@example.org");
    auto empty = comment(anne, "   ");
    EXPECT_EQ(empty.status, 400);
    EXPECT_THAT(empty.body, HasSubstr("Vul dit veld in."));
    EXPECT_THAT(empty.body, HasSubstr("aria-invalid=\"true\""));
    const std::string long_text(10'001, 'x');
    auto too_long = comment(anne, long_text);
    EXPECT_EQ(too_long.status, 400);
    EXPECT_THAT(too_long.body, HasSubstr(long_text)) << "the text is kept for the next try";
    EXPECT_TRUE(fx.db->comments_on(item.id, true).value().empty());
    EXPECT_EQ(comment(anne, "Een vraag").status, 303);
    auto unknown = anne.post("/reacties/nieuw", {{"item", "999"}, {"body", "Een vraag"}, {"csrf", anne.csrf()}});
    EXPECT_EQ(unknown.status, 404);
}

TEST_F(CommentPagesTest, HiddenCommentTextNeverReachesAnonymousOrOtherMembers) {
    Browser anne = as("anne@example.org");
    ASSERT_EQ(comment(anne, "Bel ons voor goedkope pillen").status, 303);
    const auto id = last_comment_id();
    Browser anon(*fx.web.app, "192.0.2.99");
    EXPECT_THAT(anon.get(path).body, HasSubstr("goedkope pillen"));   // cached now

    Browser bas = as("bas@example.org", "192.0.2.21");
    EXPECT_EQ(bas.post(action(id, "verbergen"), {{"reason", "Reclame"}, {"csrf", bas.csrf()}}).status, 403);
    Browser rita = as("rita@example.org", "192.0.2.22");
    auto hidden = rita.post(action(id, "verbergen"), {{"reason", "Reclame voor een bedrijf"}, {"from", "item"}, {"csrf", rita.csrf()}});
    ASSERT_EQ(hidden.status, 303);
    EXPECT_EQ(hidden.header("Location"), path + "?melding=verborgen#reactie-" + std::to_string(id));

    for (auto* who : {&anon, &bas}) {
        auto page = who->get(path);
        EXPECT_THAT(page.body, HasSubstr(hidden_note));
        EXPECT_THAT(page.body, Not(HasSubstr("goedkope pillen")));
        EXPECT_THAT(page.body, Not(HasSubstr("Reclame voor een bedrijf")));
        EXPECT_THAT(page.body, Not(HasSubstr(action(id, "melden"))));
    }
    auto own = anne.get(path);
    EXPECT_THAT(own.body, HasSubstr("Reden: Reclame voor een bedrijf"));
    EXPECT_THAT(own.body, Not(HasSubstr("goedkope pillen")));
    auto editor = rita.get(path);
    EXPECT_THAT(editor.body, HasSubstr("Reden: Reclame voor een bedrijf"));
    EXPECT_THAT(editor.body, HasSubstr("goedkope pillen"));
    EXPECT_THAT(editor.body, HasSubstr("action=\"" + action(id, "herstellen") + "\""));

    EXPECT_EQ(bas.post(action(id, "herstellen"), {{"csrf", bas.csrf()}}).status, 403);
    Browser ben = as("ben@example.org", "192.0.2.23");
    ASSERT_EQ(ben.post(action(id, "herstellen"), {{"from", "item"}, {"csrf", ben.csrf()}}).status, 303);
    auto restored = anon.get(path);
    EXPECT_THAT(restored.body, HasSubstr("goedkope pillen"));
    EXPECT_THAT(restored.body, Not(HasSubstr(hidden_note)));

    const auto log = fx.db->audit_entries(0, 10).value();
    ASSERT_GE(log.size(), 2u);
    EXPECT_EQ(log[0].action, "comment.restore");
    EXPECT_EQ(log[1].action, "comment.hide");
    EXPECT_EQ(log[1].detail, "Reclame voor een bedrijf");
}

TEST_F(CommentPagesTest, MembersFlagOthersCommentsOnceAndEditorsHideFromTheQueue) {
    Browser anne = as("anne@example.org");
    ASSERT_EQ(comment(anne, "Een reactie met een fout").status, 303);
    const auto id = last_comment_id();
    EXPECT_THAT(anne.get(path).body, Not(HasSubstr(action(id, "melden")))) << "no flag button on one's own comment";
    EXPECT_EQ(anne.post(action(id, "melden"), {{"reason", "x"}, {"csrf", anne.csrf()}}).status, 403);

    Browser bas = as("bas@example.org", "192.0.2.21");
    EXPECT_THAT(bas.get(path).body, HasSubstr("action=\"" + action(id, "melden") + "\""));
    auto flagged = bas.post(action(id, "melden"), {{"reason", "Dit klopt niet"}, {"csrf", bas.csrf()}});
    ASSERT_EQ(flagged.status, 303);
    auto page = bas.get(followed(flagged));
    EXPECT_THAT(page.body, HasSubstr("U heeft deze reactie gemeld."));
    EXPECT_THAT(page.body, Not(HasSubstr(action(id, "melden"))));
    EXPECT_EQ(bas.post(action(id, "melden"), {{"reason", "nog eens"}, {"csrf", bas.csrf()}}).status, 409);
    EXPECT_EQ(fx.db->flags_on(id).value().size(), 1u);

    EXPECT_EQ(Browser(*fx.web.app).get("/redactie/reacties").status, 303);
    EXPECT_EQ(bas.get("/redactie/reacties").status, 403);
    EXPECT_THAT(bas.get("/").body, Not(HasSubstr("href=\"/redactie/reacties\"")));
    Browser rita = as("rita@example.org", "192.0.2.22");
    EXPECT_THAT(rita.get("/").body, HasSubstr("<a href=\"/redactie/reacties\">Reacties modereren</a>"));
    auto queue = rita.get("/redactie/reacties");
    ASSERT_EQ(queue.status, 200);
    EXPECT_THAT(queue.body, HasSubstr("Een reactie met een fout"));
    EXPECT_THAT(queue.body, HasSubstr("Dit klopt niet"));
    EXPECT_THAT(queue.body, HasSubstr("1 melding"));
    EXPECT_THAT(queue.body, HasSubstr(item.title));

    auto no_reason = rita.post(action(id, "verbergen"), {{"reason", ""}, {"from", "wachtrij"}, {"csrf", rita.csrf()}});
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_THAT(no_reason.body, HasSubstr("name=\"from\" value=\"wachtrij\""));
    auto hidden = rita.post(action(id, "verbergen"), {{"reason", "Onjuist"}, {"from", "wachtrij"}, {"csrf", rita.csrf()}});
    ASSERT_EQ(hidden.status, 303);
    EXPECT_EQ(hidden.header("Location"), "/redactie/reacties?melding=verborgen");
    auto empty = rita.get("/redactie/reacties?melding=verborgen");
    EXPECT_THAT(empty.body, HasSubstr("Er zijn geen gemelde reacties."));
    EXPECT_THAT(empty.body, HasSubstr("De reactie is verborgen."));
}

TEST_F(CommentPagesTest, EveryRoleMayCommentAndOnlyEditorsModerate) {
    struct Role {
        const char* email;
        int hide_status;
    };
    for (const Role& r : {Role{"bas@example.org", 403}, Role{"rita@example.org", 303}, Role{"ben@example.org", 303}}) {
        Browser b = as(r.email);
        ASSERT_EQ(comment(b, std::string("Reactie van ") + r.email).status, 303) << r.email;
        Browser anne = as("anne@example.org", "192.0.2.30");
        ASSERT_EQ(comment(anne, "Reactie om te verbergen").status, 303);
        const auto id = last_comment_id();
        EXPECT_EQ(b.post(action(id, "verbergen"), {{"reason", "Reden"}, {"csrf", b.csrf()}}).status, r.hide_status) << r.email;
        EXPECT_EQ(fx.db->comment(id).value().hidden.has_value(), r.hide_status == 303) << r.email;
        EXPECT_EQ(b.post(action(id, "herstellen"), {{"csrf", b.csrf()}}).status, r.hide_status) << r.email;
        EXPECT_FALSE(fx.db->comment(id).value().hidden.has_value()) << r.email;
    }
    EXPECT_EQ(fx.db->comments_on(item.id, true).value().size(), 6u);
}

TEST_F(CommentPagesTest, PostsWithoutOrWithWrongCsrfAre403AndChangeNothing) {
    Browser anne = as("anne@example.org");
    ASSERT_EQ(comment(anne, "Eerste reactie").status, 303);
    const auto id = last_comment_id();
    Browser rita = as("rita@example.org", "192.0.2.22");
    const std::vector<std::pair<std::string, web::Params>> posts = {
        {"/reacties/nieuw", {{"item", std::to_string(item.id)}, {"body", "Zonder token"}}},
        {action(id, "melden"), {{"reason", "Zonder token"}}},
        {action(id, "verbergen"), {{"reason", "Zonder token"}}},
    };
    for (const auto& [target, fields] : posts) {
        EXPECT_EQ(rita.post(target, fields).status, 403) << target;
        auto wrong = fields;
        wrong.emplace_back("csrf", "0123456789abcdef");
        EXPECT_EQ(rita.post(target, wrong).status, 403) << target;
    }
    const auto all = fx.db->comments_on(item.id, true).value();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_FALSE(all[0].hidden.has_value());
    EXPECT_TRUE(fx.db->flags_on(id).value().empty());
    EXPECT_EQ(anne.get("/reacties/nieuw").status, 405);
    EXPECT_EQ(anne.get("/reacties/abc/melden").status, 404);
}

TEST_F(CommentPagesTest, AnonymousPostWithAValidFormTokenGoesToTheLoginPage) {
    Browser anon(*fx.web.app);
    anon.get("/account/inloggen");
    auto r = anon.post("/reacties/nieuw", {{"item", std::to_string(item.id)}, {"body", "Hallo"}, {"csrf", anon.csrf()}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("Location"), "/account/inloggen");
    EXPECT_TRUE(fx.db->comments_on(item.id, true).value().empty());
}

TEST_F(CommentPagesTest, HostileStringsAreEscapedOnThePagesAndStoredIntact) {
    const std::size_t scripts = count(Browser(*fx.web.app).get(path).body, "<script");
    Browser anne = as("anne@example.org");
    Browser bas = as("bas@example.org", "192.0.2.21");
    Browser rita = as("rita@example.org", "192.0.2.22");
    Browser anon(*fx.web.app, "192.0.2.99");
    int stored = 0, refused = 0;
    for (const auto& hostile : hostile_strings()) {
        // Through the comment text.
        auto posted = comment(anne, hostile);
        ASSERT_TRUE(posted.status == 303 || posted.status == 400) << posted.status << " " << hostile;
        const bool markup = hostile.find_first_of("<>\"'&") != std::string::npos && hostile.size() >= 8;
        if (posted.status == 400) {
            ++refused;
            EXPECT_EQ(count(posted.body, "<script"), scripts) << hostile;
            if (markup) {
                EXPECT_THAT(posted.body, Not(HasSubstr(hostile))) << hostile;
            }
            continue;
        }
        ++stored;
        const auto id = last_comment_id();
        EXPECT_EQ(fx.db->comment(id).value().body, hostile) << "stored byte for byte";

        // Through the flag reason and the hide reason.
        auto flag = bas.post(action(id, "melden"), {{"reason", hostile}, {"csrf", bas.csrf()}});
        ASSERT_TRUE(flag.status == 303 || flag.status == 400) << flag.status << " " << hostile;
        if (flag.status == 303) {
            EXPECT_EQ(fx.db->flags_on(id).value().at(0).reason, hostile);
            auto queue = rita.get("/redactie/reacties");
            EXPECT_EQ(count(queue.body, "<script"), scripts) << hostile;
            if (markup) {
                EXPECT_THAT(queue.body, Not(HasSubstr(hostile))) << hostile;
            }
        }
        auto hide = rita.post(action(id, "verbergen"), {{"reason", hostile}, {"from", "item"}, {"csrf", rita.csrf()}});
        ASSERT_TRUE(hide.status == 303 || hide.status == 400) << hide.status << " " << hostile;
        if (hide.status == 303) {
            EXPECT_EQ(fx.db->comment(id).value().hidden->reason, hostile);
        }

        for (auto* who : {&anne, &rita, &anon}) {
            auto page = who->get(path);
            EXPECT_EQ(count(page.body, "<script"), scripts) << hostile;
            // The editor also sees the earlier (hidden) strings, whose escaped form may be
            // a later string of the list ("&lt;script&gt;").
            if (markup && who != &rita) {
                EXPECT_THAT(page.body, Not(HasSubstr(hostile))) << hostile;
            }
        }
        if (hide.status == 303) {
            EXPECT_EQ(rita.post(action(id, "herstellen"), {{"csrf", rita.csrf()}}).status, 303);
        }
        // Keep the page small: later strings are checked on their own.
        ASSERT_EQ(rita.post(action(id, "verbergen"), {{"reason", "opgeruimd"}, {"csrf", rita.csrf()}}).status, 303);
    }
    EXPECT_GT(stored, 80);
    EXPECT_GT(refused, 5);
}

}  // namespace
