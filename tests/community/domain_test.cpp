// Unit tests of the community domain types: the line diff, ISO weeks, e-mail and name rules.

#include <gtest/gtest.h>

#include "domain/contribution.h"
#include "domain/timestamp.h"
#include "domain/user.h"

namespace gezondin::domain {
namespace {

using K = DiffKind;

std::string render(const std::vector<DiffLine>& diff) {
    std::string out;
    for (const auto& l : diff) out += std::string(l.kind == K::Added ? "+" : l.kind == K::Removed ? "-" : " ") + l.text + "\n";
    return out;
}

TEST(LineDiff, IdenticalTextsAreAllUnchanged) {
    EXPECT_EQ(render(diff_lines("a\nb\nc", "a\nb\nc")), " a\n b\n c\n");
    EXPECT_TRUE(diff_lines("", "").empty());
}

TEST(LineDiff, ReplacedLineIsRemovedThenAdded) {
    EXPECT_EQ(render(diff_lines("a\nb\nc\n", "a\nB\nc\n")), " a\n-b\n+B\n c\n");
}

TEST(LineDiff, InsertionsAndDeletionsAnywhere) {
    EXPECT_EQ(render(diff_lines("", "x\ny")), "+x\n+y\n");
    EXPECT_EQ(render(diff_lines("x\ny", "")), "-x\n-y\n");
    EXPECT_EQ(render(diff_lines("a\nc", "a\nb\nc")), " a\n+b\n c\n");
    EXPECT_EQ(render(diff_lines("a\nb\nc", "b\nc\nd")), "-a\n b\n c\n+d\n");
}

TEST(LineDiff, IsAShortestEditScript) {
    // Myers' classic example: ABCABBA -> CBABAC needs 5 edits.
    auto split = [](std::string s) {
        std::string out;
        for (char c : s) out += std::string(1, c) + "\n";
        return out;
    };
    auto diff = diff_lines(split("ABCABBA"), split("CBABAC"));
    int edits = 0;
    std::string before, after;
    for (const auto& l : diff) {
        if (l.kind != K::Unchanged) ++edits;
        if (l.kind != K::Added) before += l.text;
        if (l.kind != K::Removed) after += l.text;
    }
    EXPECT_EQ(edits, 5);
    EXPECT_EQ(before, "ABCABBA");
    EXPECT_EQ(after, "CBABAC");
}

TEST(LineDiff, ReconstructsBothSidesOfALargeEdit) {
    std::string a, b;
    for (int i = 0; i < 3000; ++i) {
        a += "regel " + std::to_string(i) + "\n";
        if (i % 100 != 0) b += "regel " + std::to_string(i) + "\n";
        if (i % 250 == 0) b += "nieuw " + std::to_string(i) + "\n";
    }
    auto diff = diff_lines(a, b);
    std::string before, after;
    int edits = 0;
    for (const auto& l : diff) {
        if (l.kind != K::Added) before += l.text + "\n";
        if (l.kind != K::Removed) after += l.text + "\n";
        if (l.kind != K::Unchanged) ++edits;
    }
    EXPECT_EQ(before, a);
    EXPECT_EQ(after, b);
    EXPECT_EQ(edits, 30 + 12);
}

TEST(LineDiff, FallsBackToRemoveAllAddAllBeyondTheEditLimit) {
    auto diff = diff_lines("a\nb\nc\nd", "w\nx\ny\nz", 3);
    EXPECT_EQ(render(diff), "-a\n-b\n-c\n-d\n+w\n+x\n+y\n+z\n");
}

TEST(LineDiff, KeepsCarriageReturnsAndEmptyLines) {
    EXPECT_EQ(render(diff_lines("a\r\n\nb", "a\r\n\nc")), " a\r\n \n-b\n+c\n");
}

TEST(Timestamp, FormatsIso8601Utc) {
    EXPECT_EQ(to_iso8601(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(to_iso8601(1'795'000'000), "2026-11-18T11:06:40Z");
    EXPECT_EQ(to_iso8601(951'782'400), "2000-02-29T00:00:00Z");
}

TEST(Timestamp, IsoWeeksAcrossYearBoundaries) {
    EXPECT_EQ(iso_week(0), "1970-W01");                 // Thursday 1 January 1970
    EXPECT_EQ(iso_week(1'795'000'000), "2026-W47");     // Wednesday 18 November 2026
    EXPECT_EQ(iso_week(1'609'459'200), "2020-W53");     // Friday 1 January 2021
    EXPECT_EQ(iso_week(1'704'067'200), "2024-W01");     // Monday 1 January 2024
    EXPECT_EQ(iso_week(1'735'603'200), "2025-W01");     // Tuesday 31 December 2024
}

TEST(UserRules, EmailIsNormalisedToLowerCaseAsciiOnly) {
    EXPECT_EQ(normalise_email("Anne.De.Vries@Gemeente.NL"), "anne.de.vries@gemeente.nl");
    EXPECT_EQ(normalise_email("ÉLISE@x.nl"), "Élise@x.nl");   // only ASCII letters change
}

TEST(UserRules, PlausibleEmail) {
    EXPECT_TRUE(is_plausible_email("a@b.nl"));
    EXPECT_TRUE(is_plausible_email("anne+ggd@gemeente.amsterdam"));
    for (const char* bad : {"", "a", "a@b", "@b.nl", "a@.nl", "a@b.nl.", "a@@b.nl", "a b@c.nl", "a@b..nl",
                            "a@b.nl\r\nBcc: x@y.nl", "a\n@b.nl", "a@b.nl\x01"})
        EXPECT_FALSE(is_plausible_email(bad)) << bad;
    EXPECT_FALSE(is_plausible_email(std::string(250, 'a') + "@b.nl"));
    EXPECT_FALSE(is_plausible_email("\xC0\xAF@b.nl"));
}

TEST(UserRules, AcceptableName) {
    EXPECT_TRUE(is_acceptable_name("Anne de Vries"));
    EXPECT_TRUE(is_acceptable_name("Özlem Yılmaz"));
    EXPECT_TRUE(is_acceptable_name("<script>alert(1)</script>"));   // stored as given, escaped on output
    for (std::string bad : {std::string(""), std::string("   "), std::string("a\r\nb"), std::string("a\tb"),
                            std::string("\x7f"), std::string(201, 'a'), std::string("\xED\xA0\x80")})
        EXPECT_FALSE(is_acceptable_name(bad)) << bad;
}

TEST(UserRules, DisplayNameOfDeletedAccountIsFormerMember) {
    User u;
    u.name = "Anne";
    u.status = UserStatus::Active;
    EXPECT_EQ(display_name(u), "Anne");
    u.status = UserStatus::Deleted;
    EXPECT_EQ(display_name(u), "voormalig lid");
}

TEST(Slugs, RoundTrip) {
    for (Role r : {Role::Lid, Role::Redacteur, Role::Beheerder}) EXPECT_EQ(role_from_slug(to_slug(r)), r);
    for (auto s : {ContributionStatus::Draft, ContributionStatus::Submitted, ContributionStatus::Published,
                   ContributionStatus::Returned})
        EXPECT_EQ(contribution_status_from_slug(to_slug(s)), s);
    EXPECT_FALSE(role_from_slug("admin"));
    EXPECT_EQ(contribution_external_id(12), "bijdrage-12");
    EXPECT_TRUE(at_least(Role::Beheerder, Role::Redacteur));
    EXPECT_FALSE(at_least(Role::Lid, Role::Redacteur));
}

}  // namespace
}  // namespace gezondin::domain
