// The content services on both engines: contributions with review and revisions, comments
// with flags and moderation, organisations, bookmarks and follows with the weekly digest,
// outbox delivery, and the privacy export and account deletion.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "community_backend.h"

namespace gezondin::services {
namespace {

using core::ErrorCode;
using domain::ContributionStatus;
using domain::Role;

GEZONDIN_COMMUNITY_SUITE(ContentService);

struct People {
    Actor lid, other, editor, admin;
};

// A lid (Anne), another lid (Bert), a redacteur and a beheerder, made with `user`.
template <typename MakeUser>
People cast(MakeUser&& user) {
    return {Actor::member(user("Anne", "anne@example.nl", Role::Lid), Role::Lid),
            Actor::member(user("Bert", "bert@example.nl", Role::Lid), Role::Lid),
            Actor::member(user("Redactie", "red@example.nl", Role::Redacteur), Role::Redacteur),
            Actor::member(user("Beheer", "beheer@example.nl", Role::Beheerder), Role::Beheerder)};
}

#define PEOPLE People p = cast([this](const char* n, const char* e, Role r) { return make_user(n, e, r); })

TEST_P(ContentService, ContributionLifecycleWithReviewRevisionsAndPublishing) {
    PEOPLE;
    auto id = contributions->create(p.lid, content("Buurtkamer in Noord")).value();
    ASSERT_TRUE(contributions->update(p.lid, id, content("Buurtkamer in Noord", "Eerste regel\nNieuwe regel")));
    EXPECT_EQ(contributions->publish(p.editor, id).error().code(), ErrorCode::Forbidden);  // not submitted yet
    EXPECT_EQ(contributions->submit(p.other, id).error().code(), ErrorCode::NotFound);     // others cannot see it
    ASSERT_TRUE(contributions->submit(p.lid, id));
    EXPECT_EQ(contributions->update(p.lid, id, content("Later")).error().code(), ErrorCode::Forbidden);
    ASSERT_TRUE(contributions->return_to_author(p.editor, id, "Voeg een resultaat toe.\nGraag met cijfers."));
    auto returned = contributions->contribution(p.lid, id).value();
    EXPECT_EQ(returned.status, ContributionStatus::Returned);
    EXPECT_EQ(returned.feedback, "Voeg een resultaat toe.\nGraag met cijfers.");
    ASSERT_TRUE(contributions->update(p.lid, id, content("Buurtkamer in Noord", "Eerste regel\nNieuwe regel\nResultaat: 40 bezoekers")));
    ASSERT_TRUE(contributions->submit(p.lid, id));
    auto item_id = contributions->publish(p.editor, id);
    ASSERT_TRUE(item_id) << item_id.error().message();
    EXPECT_EQ(index_syncs, 1);
    auto item = items().item(*item_id).value();
    EXPECT_EQ(item.external_id, "bijdrage-" + std::to_string(id));
    EXPECT_EQ(item.title, "Buurtkamer in Noord");
    EXPECT_EQ(contributions->contribution(p.lid, id)->published_item, *item_id);

    auto revisions = contributions->revisions(p.editor, id).value();
    ASSERT_EQ(revisions.size(), 3u);
    auto diff = contributions->diff(p.editor, id, 1, 3).value();
    std::vector<domain::DiffLine> expected = {{domain::DiffKind::Unchanged, "Eerste regel"},
                                              {domain::DiffKind::Removed, "Tweede regel"},
                                              {domain::DiffKind::Added, "Nieuwe regel"},
                                              {domain::DiffKind::Added, "Resultaat: 40 bezoekers"}};
    EXPECT_EQ(diff.body, expected);
    EXPECT_FALSE(diff.title_changed);
    EXPECT_EQ(contributions->diff(p.other, id, 1, 3).error().code(), ErrorCode::NotFound);

    // An editor's later edit updates the kennisbank item too and is audited.
    ASSERT_TRUE(contributions->update(p.editor, id, content("Buurtkamer in Amsterdam-Noord")));
    EXPECT_EQ(items().item(*item_id)->title, "Buurtkamer in Amsterdam-Noord");
    EXPECT_EQ(index_syncs, 2);
    auto log = administration->audit_log(p.admin, 0, 10).value();
    ASSERT_GE(log.size(), 3u);
    EXPECT_EQ(log[0].action, "contribution.edit");
    // The author got e-mails about the return and the publication.
    EXPECT_EQ(store().messages_to_user(*p.lid.user)->size(), 2u);
}

TEST_P(ContentService, FourEyesAndContentRules) {
    PEOPLE;
    auto own = contributions->create(p.editor, content("Eigen voorbeeld")).value();
    ASSERT_TRUE(contributions->submit(p.editor, own));
    EXPECT_EQ(contributions->publish(p.editor, own).error().code(), ErrorCode::Forbidden);
    EXPECT_TRUE(contributions->publish(p.admin, own));

    auto bad = content("Nieuws");
    bad.type = domain::ItemType::Nieuws;
    EXPECT_EQ(contributions->create(p.lid, bad).error().code(), ErrorCode::InvalidInput);
    auto unknown_theme = content("Titel");
    unknown_theme.themes = {"bestaat-niet"};
    EXPECT_EQ(contributions->create(p.lid, unknown_theme).error().code(), ErrorCode::InvalidInput);
    EXPECT_EQ(contributions->create(Actor::anonymous(), content("x")).error().code(), ErrorCode::Unauthenticated);
    auto org = organisations->create(p.admin, {domain::OrganisationKind::Ggd, "GGD Amsterdam", std::nullopt}).value();
    EXPECT_EQ(contributions->create(p.lid, content("Namens"), org).error().code(), ErrorCode::InvalidInput);
    ASSERT_TRUE(organisations->add_member(p.admin, org, *p.lid.user));
    EXPECT_TRUE(contributions->create(p.lid, content("Namens"), org));
    EXPECT_EQ(contributions->review_queue(p.lid, 0, 10).error().code(), ErrorCode::Forbidden);
}

TEST_P(ContentService, OrganisationMembersAreVisibleToMembersOnly) {
    PEOPLE;
    EXPECT_EQ(organisations->create(p.editor, {domain::OrganisationKind::Gemeente, "Gemeente X", "GM0363"}).error().code(),
              ErrorCode::Forbidden);
    EXPECT_EQ(organisations->create(p.admin, {domain::OrganisationKind::Gemeente, "Gemeente X", std::nullopt}).error().code(),
              ErrorCode::InvalidInput);
    auto org = organisations->create(p.admin, {domain::OrganisationKind::Gemeente, "Gemeente Amsterdam", "GM0363"}).value();
    ASSERT_TRUE(organisations->add_member_by_email(p.admin, org, "Anne@example.nl"));
    EXPECT_EQ(organisations->members(p.lid, org)->size(), 1u);
    EXPECT_EQ(organisations->members(p.other, org).error().code(), ErrorCode::Forbidden);
    EXPECT_EQ(organisations->members(Actor::anonymous(), org).error().code(), ErrorCode::Forbidden);
    EXPECT_EQ(organisations->members(p.admin, org)->size(), 1u);
    EXPECT_EQ(organisations->add_member(p.lid, org, *p.other.user).error().code(), ErrorCode::Forbidden);
    auto log = administration->audit_log(p.admin, 0, 10).value();
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].action, "organisation.add_member");
    EXPECT_EQ(log[1].action, "organisation.create");
}

TEST_P(ContentService, CommentsFlagsAndModeration) {
    PEOPLE;
    auto item = make_item("k1");
    auto cid = comments->add(p.lid, item, "Hoe hebben jullie de bewoners bereikt?").value();
    EXPECT_EQ(comments->add(Actor::anonymous(), item, "x").error().code(), ErrorCode::Unauthenticated);
    EXPECT_EQ(comments->add(p.lid, item + 100, "x").error().code(), ErrorCode::NotFound);
    EXPECT_EQ(comments->flag(p.lid, cid, "eigen").error().code(), ErrorCode::Forbidden);
    ASSERT_TRUE(comments->flag(p.other, cid, "Reclame"));
    EXPECT_EQ(comments->flag(p.other, cid, "Nog eens").error().code(), ErrorCode::Conflict);
    EXPECT_EQ(comments->hide(p.other, cid, "weg").error().code(), ErrorCode::Forbidden);
    EXPECT_EQ(comments->moderation_queue(p.editor).value().size(), 1u);
    EXPECT_EQ(comments->hide(p.editor, cid, "").error().code(), ErrorCode::InvalidInput);   // a reason is required
    ASSERT_TRUE(comments->hide(p.editor, cid, "Reclame voor een bedrijf"));
    EXPECT_TRUE(comments->on_item(p.other, item)->empty());
    auto seen = comments->on_item(p.editor, item).value();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].author_name, "Anne");
    EXPECT_EQ(seen[0].comment.hidden->reason, "Reclame voor een bedrijf");
    ASSERT_TRUE(comments->restore(p.editor, cid));
    EXPECT_EQ(comments->on_item(Actor::anonymous(), item)->size(), 1u);
    auto log = administration->audit_log(p.admin, 0, 10).value();
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[1].action, "comment.hide");
    EXPECT_EQ(log[1].detail, "Reclame voor een bedrijf");
    EXPECT_EQ(log[0].action, "comment.restore");
}

TEST_P(ContentService, WeeklyDigestIsOneMailPerUserPerWeek) {
    clock.set(SystemClock().now());   // kennisbank items carry real creation times
    PEOPLE;
    ASSERT_TRUE(store().set_weekly_digest(*p.lid.user, true));
    ASSERT_TRUE(library->follow(p.lid, domain::FollowKind::Theme, "wonen"));
    ASSERT_TRUE(library->follow(p.lid, domain::FollowKind::Municipality, "GM0363"));
    EXPECT_EQ(library->follow(p.lid, domain::FollowKind::Theme, "<script>").error().code(), ErrorCode::InvalidInput);
    EXPECT_EQ(library->follow(p.lid, domain::FollowKind::GalaGoal, "8").error().code(), ErrorCode::InvalidInput);
    EXPECT_EQ(library->follow(Actor::anonymous(), domain::FollowKind::Theme, "wonen").error().code(), ErrorCode::Unauthenticated);
    make_item("a", "wonen");
    make_item("b", "eenzaamheid");
    clock.set(SystemClock().now());   // again: the items may have been stored in a later second
    auto report = library->build_weekly_digest().value();
    EXPECT_EQ(report.queued, 1);
    auto again = library->build_weekly_digest().value();
    EXPECT_EQ(again.queued, 0);
    EXPECT_EQ(again.already_sent, 1);
    auto mails = store().messages_to_user(*p.lid.user).value();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_NE(mails[0].body.find("Item a"), std::string::npos);
    EXPECT_NE(mails[0].body.find("Item b"), std::string::npos);   // GM0363 matches both
    clock.advance(8L * 86400);
    EXPECT_EQ(library->build_weekly_digest()->nothing_new, 1);
}

TEST_P(ContentService, BookmarksListExistingItems) {
    PEOPLE;
    auto a = make_item("a"), b = make_item("b");
    ASSERT_TRUE(library->bookmark(p.lid, a));
    clock.advance(1);
    ASSERT_TRUE(library->bookmark(p.lid, b));
    ASSERT_TRUE(items().delete_item(a));
    auto list = library->bookmarks(p.lid).value();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].id, b);
    EXPECT_EQ(library->bookmark(Actor::anonymous(), b).error().code(), ErrorCode::Unauthenticated);
}

TEST_P(ContentService, OutboxDeliveryRetriesThenGivesUp) {
    FakeEmailSender sender;
    OutboxDelivery delivery(store(), sender, clock, DeliveryPolicy{{60, 300}, 30});
    ASSERT_TRUE(store().enqueue_message({std::nullopt, "a@example.nl", "Welkom", "Hallo"}, clock.now()));
    ASSERT_TRUE(store().enqueue_message({std::nullopt, "b@example.nl", "Welkom", "Hallo"}, clock.now()));
    sender.fail_next(1);
    auto first = delivery.deliver_due().value();
    EXPECT_EQ(first.sent, 1);
    EXPECT_EQ(first.retried, 1);
    EXPECT_EQ(delivery.deliver_due()->sent, 0);   // not due yet
    clock.advance(60);
    sender.fail_next(5);
    EXPECT_EQ(delivery.deliver_due()->retried, 1);
    clock.advance(300);
    EXPECT_EQ(delivery.deliver_due()->given_up, 1);
    ASSERT_EQ(sender.sent().size(), 1u);
    auto all = store().messages(0, 10).value();
    EXPECT_EQ(all[0].status == storage::OutboxStatus::Failed || all[1].status == storage::OutboxStatus::Failed, true);
}

TEST_P(ContentService, DeletingAnAccountRemovesPersonalDataAndKeepsPublishedWork) {
    clock.set(SystemClock().now());
    PEOPLE;
    auto org = organisations->create(p.admin, {domain::OrganisationKind::Welzijn, "Welzijn Noord", std::nullopt}).value();
    ASSERT_TRUE(organisations->add_member(p.admin, org, *p.lid.user));
    auto cid = contributions->create(p.lid, content("Voorbeeld van Anne"), org).value();
    ASSERT_TRUE(contributions->submit(p.lid, cid));
    auto item = contributions->publish(p.editor, cid).value();
    auto comment = comments->add(p.lid, item, "Vraag van Anne").value();
    ASSERT_TRUE(comments->flag(p.lid, comments->add(p.other, item, "Van Bert").value(), "test"));
    ASSERT_TRUE(library->bookmark(p.lid, item));
    ASSERT_TRUE(library->follow(p.lid, domain::FollowKind::Theme, "wonen"));
    ASSERT_TRUE(accounts->request_password_reset("anne@example.nl"));
    storage::SessionRecord s{"h", *p.lid.user, "c", clock.now(), clock.now(), clock.now() + 99, "UA", "IP"};
    ASSERT_TRUE(store().create_session(s, ""));

    auto exported = privacy->export_json(p.lid).value();
    auto json = nlohmann::json::parse(exported);
    EXPECT_EQ(json["account"]["e-mailadres"], "anne@example.nl");
    EXPECT_EQ(json["bijdragen"].size(), 1u);
    EXPECT_EQ(json["reacties"][0]["tekst"], "Vraag van Anne");
    EXPECT_EQ(json["bladwijzers"].size(), 1u);
    EXPECT_EQ(json["lidmaatschappen"][0]["organisatie"], "Welzijn Noord");
    EXPECT_EQ(privacy->export_json(Actor::anonymous()).error().code(), ErrorCode::Unauthenticated);

    auto erased = privacy->delete_account(p.lid, ContributionsOnDelete::Keep);
    ASSERT_TRUE(erased) << erased.error().message();
    const auto id = *p.lid.user;
    auto user = store().user(id).value();
    EXPECT_EQ(user.name, "");
    EXPECT_EQ(user.email, "");
    EXPECT_EQ(user.status, domain::UserStatus::Deleted);
    EXPECT_FALSE(store().password_hash(id));
    EXPECT_TRUE(store().sessions_of(id)->empty());
    EXPECT_TRUE(store().bookmarks(id)->empty());
    EXPECT_TRUE(store().follows(id)->empty());
    EXPECT_TRUE(store().memberships_of(id)->empty());
    EXPECT_TRUE(store().flags_by(id)->empty());
    EXPECT_TRUE(store().messages_to_user(id)->empty());
    const auto remaining = store().messages(0, 100).value();
    for (const auto& m : remaining) EXPECT_NE(m.to, "anne@example.nl");
    EXPECT_EQ(store().user_by_email("anne@example.nl").error().code(), ErrorCode::NotFound);
    // Published work stays, under "voormalig lid".
    EXPECT_TRUE(items().item(item));
    EXPECT_EQ(store().contribution(cid)->status, ContributionStatus::Published);
    auto views = comments->on_item(Actor::anonymous(), item).value();
    ASSERT_EQ(views.size(), 2u);
    EXPECT_EQ(views[0].comment.id, comment);
    EXPECT_EQ(views[0].author_name, "voormalig lid");
    // The login is gone.
    EXPECT_FALSE(community_testing::login_now(*accounts, {"anne@example.nl", "x x x x x x x", "1.2.3.4", "", ""}).session);
}

TEST_P(ContentService, DeletingWithRemoveTakesContributionsAndItemsToo) {
    PEOPLE;
    auto cid = contributions->create(p.lid, content("Weg ermee")).value();
    ASSERT_TRUE(contributions->submit(p.lid, cid));
    auto item = contributions->publish(p.editor, cid).value();
    ASSERT_TRUE(comments->add(p.lid, item, "Mijn reactie"));
    const int syncs = index_syncs;
    auto erased = privacy->delete_account(p.lid, ContributionsOnDelete::Remove).value();
    EXPECT_EQ(erased.contributions_removed, 1);
    EXPECT_EQ(items().item(item).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(store().contribution(cid).error().code(), ErrorCode::NotFound);
    EXPECT_TRUE(store().comments_by(*p.lid.user)->empty());
    EXPECT_EQ(index_syncs, syncs + 1);
}

}  // namespace
}  // namespace gezondin::services
