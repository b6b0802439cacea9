// Feeds the hostile strings (data/hostile_strings.txt) through every community input that
// stores text, on both engines. Each one is either stored and read back byte for byte, or
// refused with InvalidInput; nothing else happens (no crash, no other error, no SQL effect).

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "community_backend.h"
#include "core/text.h"

namespace gezondin::services {
namespace {

using core::ErrorCode;
using domain::Role;

std::string decode(const std::string& line) {
    if (line.rfind("!repeat ", 0) == 0) {
        std::istringstream in(line.substr(8));
        std::size_t n = 0;
        std::string text;
        in >> n;
        std::getline(in >> std::ws, text);
        std::string out;
        for (std::size_t i = 0; i < n; ++i) out += text;
        return out;
    }
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '\\' || i + 1 == line.size()) {
            out.push_back(line[i]);
            continue;
        }
        const char c = line[++i];
        if (c == 'n') out.push_back('\n');
        else if (c == 'r') out.push_back('\r');
        else if (c == 't') out.push_back('\t');
        else if (c == 'x' && i + 2 < line.size() + 1) {
            out.push_back(static_cast<char>(std::stoi(line.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else out.push_back(c);
    }
    return out;
}

const std::vector<std::string>& hostile_strings() {
    static const std::vector<std::string> all = [] {
        std::ifstream in(GEZONDIN_COMMUNITY_TEST_DATA "/hostile_strings.txt");
        std::vector<std::string> out;
        std::string line;
        while (std::getline(in, line))
            if (!line.empty() && line[0] != '#') out.push_back(decode(line));
        return out;
    }();
    return all;
}

bool has_control(const std::string& s, bool allow_tab, bool allow_newlines) {
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u == '\t' && allow_tab) continue;
        if ((u == '\n' || u == '\r') && allow_newlines) continue;
        if (u < 0x20 || u == 0x7f) return true;
    }
    return false;
}

// What the rules say should be accepted (an oracle written apart from the code under test).
bool acceptable(const std::string& s, std::size_t max, bool multi_line, bool required = true) {
    if (!core::is_valid_utf8(s) || s.size() > max || has_control(s, true, multi_line)) return false;
    return !required || !core::trim(s).empty();
}

// Checks one outcome: accepted exactly when expected, refused only with InvalidInput.
template <typename R>
void expect_outcome(const R& result, bool expected, const std::string& what, std::size_t index) {
    if (expected) {
        EXPECT_TRUE(result) << what << " #" << index << " refused: " << (result ? "" : result.error().message());
    } else {
        ASSERT_FALSE(result) << what << " #" << index << " accepted";
        EXPECT_EQ(result.error().code(), ErrorCode::InvalidInput) << what << " #" << index;
    }
}

GEZONDIN_COMMUNITY_SUITE(HostileStrings);

TEST_P(HostileStrings, TheListHasAtLeastAHundredEntries) {
    EXPECT_GE(hostile_strings().size(), 100u);
    EXPECT_EQ(hostile_strings()[0], "<script>alert(1)</script>");
}

TEST_P(HostileStrings, RegistrationNameEmailAndPassword) {
    const auto& all = hostile_strings();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string& s = all[i];
        const std::string email = "naam" + std::to_string(i) + "@example.nl";
        auto r = community_testing::register_now(*accounts, {s, email, "paard batterij nietje"});
        const bool name_ok = core::is_valid_utf8(s) && s.size() <= 200 && !has_control(s, false, false) &&
                             !core::trim(s).empty();
        expect_outcome(r, name_ok, "name", i);
        if (name_ok) {
            EXPECT_EQ(store().user_by_email(email)->name, s) << i;
        }

        auto as_email = community_testing::register_now(*accounts, {"Anne", s, "paard batterij nietje"});
        if (as_email) {
            EXPECT_EQ(store().user_by_email(domain::normalise_email(s))->email, domain::normalise_email(s));
        }
        else {
            EXPECT_EQ(as_email.error().code(), ErrorCode::InvalidInput) << i;
        }

        const std::string pw_email = "wachtwoord" + std::to_string(i) + "@example.nl";
        auto as_password = community_testing::register_now(*accounts, {"Anne", pw_email, s});
        if (as_password) {
            auto u = store().user_by_email(pw_email).value();
            ASSERT_TRUE(accounts->confirm_email(community_testing::last_code_sent_to(store(), pw_email)));
            auto login = community_testing::login_now(*accounts, {pw_email, s, "192.0.2.1", s, ""});
            EXPECT_TRUE(login.session) << "password #" << i << " does not log in";
        } else {
            EXPECT_EQ(as_password.error().code(), ErrorCode::InvalidInput) << i;
        }
    }
}

TEST_P(HostileStrings, LoginFieldsNeverCrashOrLeak) {
    ASSERT_TRUE(accounts->create_confirmed_account("Anne", "anne@example.nl", "paard batterij nietje", Role::Lid));
    const auto& all = hostile_strings();
    for (std::size_t i = 0; i < all.size(); ++i) {
        clock.advance(1000);   // stay clear of throttling
        auto as_email = community_testing::login_now(*accounts, {all[i], "paard batterij nietje", "192.0.2.1", "", ""});
        ASSERT_FALSE(as_email.session) << i;
        EXPECT_EQ(as_email.session.error().code(), ErrorCode::Unauthenticated) << i;
        auto as_password = community_testing::login_now(*accounts, {"anne@example.nl", all[i], all[i], all[i], all[i]});
        ASSERT_FALSE(as_password.session) << i;
        EXPECT_EQ(as_password.session.error().code(), ErrorCode::Unauthenticated) << i;
        EXPECT_EQ(accounts->authenticate(all[i]).error().code(), ErrorCode::Unauthenticated) << i;
        EXPECT_EQ(accounts->confirm_email(all[i]).error().code(), ErrorCode::NotFound) << i;
        EXPECT_TRUE(accounts->request_password_reset(all[i]) ||
                    accounts->request_password_reset(all[i]).error().code() == ErrorCode::InvalidInput);
    }
    clock.advance(1000);   // the last wrong password's pause (at most 15 minutes) is over
    auto ok = community_testing::login_now(*accounts, {"anne@example.nl", "paard batterij nietje", "192.0.2.1", "", ""});
    EXPECT_TRUE(ok.session);
}

TEST_P(HostileStrings, ContributionFieldsAndFeedback) {
    const Actor lid = Actor::member(make_user("Anne", "anne@example.nl"), Role::Lid);
    const Actor editor = Actor::member(make_user("Redactie", "red@example.nl", Role::Redacteur), Role::Redacteur);
    const auto& all = hostile_strings();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string& s = all[i];
        auto title = content(s);
        expect_outcome(contributions->create(lid, title), acceptable(s, 300, false), "title", i);

        auto text = content("Titel " + std::to_string(i));
        text.summary = s;
        text.body = s;
        text.links = {{"https://example.org/" + std::to_string(i), s}};
        const bool text_ok = acceptable(s, 2000, true, false) && acceptable(s, 300, false, false);
        auto created = contributions->create(lid, text);
        expect_outcome(created, text_ok, "summary/body/link title", i);
        if (created) {
            auto stored = store().contribution(*created).value();
            EXPECT_EQ(stored.content.summary, s) << i;
            EXPECT_EQ(stored.content.body, s) << i;
            EXPECT_EQ(stored.content.links.at(0).title, s) << i;
            ASSERT_TRUE(contributions->submit(lid, *created));
            auto returned = contributions->return_to_author(editor, *created, s);
            expect_outcome(returned, acceptable(s, 10000, true), "feedback", i);
            if (returned) {
                EXPECT_EQ(store().contribution(*created)->feedback, s) << i;
            }
        }
        auto body_only = content("Lang " + std::to_string(i));
        body_only.body = s;
        auto long_body = contributions->create(lid, body_only);
        expect_outcome(long_body, acceptable(s, 200000, true, false), "body", i);
        if (long_body) {
            EXPECT_EQ(store().contribution(*long_body)->content.body, s);
        }
    }
}

TEST_P(HostileStrings, CommentsFlagsModerationOrganisationsNamesAndFollows) {
    const Actor lid = Actor::member(make_user("Anne", "anne@example.nl"), Role::Lid);
    const Actor other = Actor::member(make_user("Bert", "bert@example.nl"), Role::Lid);
    const Actor admin = Actor::member(make_user("Beheer", "beheer@example.nl", Role::Beheerder), Role::Beheerder);
    auto item = make_item("k1");
    auto target = comments->add(lid, item, "Gewone reactie").value();
    auto anne_session = [&] {
        services::SessionContext ctx;
        ctx.user = store().user(*lid.user).value();
        ctx.actor = lid;
        return ctx;
    }();
    const auto& all = hostile_strings();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string& s = all[i];
        auto c = comments->add(lid, item, s);
        expect_outcome(c, acceptable(s, 10000, true), "comment", i);
        if (c) {
            EXPECT_EQ(store().comment(*c)->body, s) << i;
            auto flagged = comments->flag(other, *c, s);
            expect_outcome(flagged, acceptable(s, 1000, true, false), "flag reason", i);
            if (flagged) {
                EXPECT_EQ(store().flags_on(*c)->at(0).reason, s);
            }
        }
        auto hidden = comments->hide(admin, target, s);
        expect_outcome(hidden, acceptable(s, 1000, true), "hide reason", i);
        if (hidden) {
            EXPECT_EQ(store().comment(target)->hidden->reason, s);
        }

        auto org = organisations->create(admin, {domain::OrganisationKind::Overig, s, std::nullopt});
        expect_outcome(org, acceptable(s, 200, false), "organisation name", i);
        if (org) {
            EXPECT_EQ(store().organisation(*org)->name, s);
        }

        auto renamed = accounts->set_name(anne_session, s);
        expect_outcome(renamed, core::is_valid_utf8(s) && s.size() <= 200 && !has_control(s, false, false) &&
                                    !core::trim(s).empty(),
                       "set_name", i);
        if (renamed) {
            EXPECT_EQ(store().user(*lid.user)->name, s);
        }

        for (auto kind : {domain::FollowKind::Theme, domain::FollowKind::GalaGoal, domain::FollowKind::Municipality}) {
            auto followed = library->follow(lid, kind, s);
            if (!followed) {
                EXPECT_EQ(followed.error().code(), ErrorCode::InvalidInput) << i;
            }
        }
        auto changed = accounts->request_email_change(anne_session, s);
        if (!changed) {
            EXPECT_EQ(changed.error().code(), ErrorCode::InvalidInput) << i;
        }
    }
    // The tables are intact: every user and comment is still there.
    EXPECT_EQ(store().users(0, 1000)->size(), 3u);
    EXPECT_GT(store().comments_on(item, true)->size(), 50u);
}

}  // namespace
}  // namespace gezondin::services
