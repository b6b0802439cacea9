// `gezondin user list|create|role|delete` on a temporary SQLite database: what they print,
// what they change, and that the audit log records the operator ("systeem") as the actor.

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "main/runtime.h"
#include "main/user_commands.h"
#include "services/community/administration.h"

using namespace gezondin;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

class UserCommandsTest : public ::testing::Test {
protected:
    UserCommandsTest() {
        std::random_device rd;
        settings.data_dir = (std::filesystem::temp_directory_path() /
                             ("gezondin-cli-" + std::to_string(rd()) + std::to_string(::getpid()))).string();
    }
    ~UserCommandsTest() override {
        std::error_code ec;
        std::filesystem::remove_all(settings.data_dir, ec);
    }
    // The community stores on the same database, opened after the command has run.
    std::unique_ptr<app::Community> open() { return std::move(app::open_community(settings, 0).value()); }
    // The password printed by `user create`.
    static std::string printed_password(const std::string& out) {
        const std::string marker = "Wachtwoord: ";
        auto at = out.find(marker);
        if (at == std::string::npos) return {};
        at += marker.size();
        return out.substr(at, out.find(' ', at) - at);
    }

    app::Settings settings;
};

TEST_F(UserCommandsTest, CreatePrintsARandomPasswordOnceThatLogsIn) {
    std::ostringstream out;
    ASSERT_EQ(app::run_user_create(settings, "Olga Operator", "Olga@Example.org", "redacteur", out), 0);
    EXPECT_THAT(out.str(), HasSubstr("Account gemaakt: Olga Operator (olga@example.org), rol redacteur"));
    const std::string password = printed_password(out.str());
    EXPECT_GE(password.size(), 16u);

    std::ostringstream again;
    ASSERT_EQ(app::run_user_create(settings, "Piet", "piet@example.org", "lid", again), 0);
    EXPECT_NE(printed_password(again.str()), password) << "random, not fixed";

    auto c = open();
    const auto user = c->db->user_by_email("olga@example.org").value();
    EXPECT_EQ(user.role, domain::Role::Redacteur);
    EXPECT_EQ(user.status, domain::UserStatus::Active);
    EXPECT_TRUE(c->hasher->verify(c->db->password_hash(user.id).value(), password));
    const auto log = c->db->audit_entries(0, 10).value();
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.back().action, "user.create");
    EXPECT_EQ(log.back().actor, 0);
}

TEST_F(UserCommandsTest, CreateRefusesABadRoleATakenAddressAndABadName) {
    std::ostringstream out;
    EXPECT_EQ(app::run_user_create(settings, "Olga", "olga@example.org", "koning", out), 2);
    ASSERT_EQ(app::run_user_create(settings, "Olga", "olga@example.org", "lid", out), 0);
    EXPECT_NE(app::run_user_create(settings, "Olga twee", "olga@example.org", "lid", out), 0);
    EXPECT_EQ(app::run_user_create(settings, "regel\nbreuk", "x@example.org", "lid", out), 2);
    EXPECT_EQ(open()->db->users(0, 10).value().size(), 1u);
}

TEST_F(UserCommandsTest, ListShowsEveryAccountWithRoleAndStatus) {
    std::ostringstream empty;
    ASSERT_EQ(app::run_user_list(settings, empty), 0);
    EXPECT_THAT(empty.str(), HasSubstr("Er zijn nog geen accounts."));
    std::ostringstream ignored;
    ASSERT_EQ(app::run_user_create(settings, "Anna", "anna@example.org", "lid", ignored), 0);
    ASSERT_EQ(app::run_user_create(settings, "Bea", "bea@example.org", "beheerder", ignored), 0);
    std::ostringstream out;
    ASSERT_EQ(app::run_user_list(settings, out), 0);
    EXPECT_THAT(out.str(), HasSubstr("| Anna | anna@example.org | lid | Actief"));
    EXPECT_THAT(out.str(), HasSubstr("| Bea | bea@example.org | beheerder | Actief"));
}

TEST_F(UserCommandsTest, RoleChangesTheRoleEndsSessionsAndIsLoggedAsSysteem) {
    std::ostringstream out;
    ASSERT_EQ(app::run_user_create(settings, "Anna", "anna@example.org", "lid", out), 0);
    const auto id = open()->db->user_by_email("anna@example.org").value().id;
    {
        auto c = open();
        storage::SessionRecord session{"hash-of-a-session", id, "csrf", 1, 1, 4'000'000'000, "browser", "192.0.2.1"};
        EXPECT_TRUE(c->db->create_session(session, ""));
    }
    std::ostringstream changed;
    ASSERT_EQ(app::run_user_role(settings, "ANNA@example.org", "beheerder", changed), 0);
    EXPECT_THAT(changed.str(), HasSubstr("De rol van anna@example.org is nu beheerder"));
    auto c = open();
    EXPECT_EQ(c->db->user(id).value().role, domain::Role::Beheerder);
    EXPECT_TRUE(c->db->sessions_of(id).value().empty()) << "a privilege change needs a new login";
    const auto log = c->administration->audit_lines(services::operator_actor(), 0, 10).value();
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.front().entry.action, "user.role");
    EXPECT_EQ(log.front().entry.detail, "lid -> beheerder");
    EXPECT_EQ(log.front().actor_name, "systeem");
    EXPECT_EQ(log.front().target_name, "Anna");

    std::ostringstream ignored;
    EXPECT_EQ(app::run_user_role(settings, "niemand@example.org", "lid", ignored), 1);
    EXPECT_EQ(app::run_user_role(settings, "anna@example.org", "keizer", ignored), 2);
}

TEST_F(UserCommandsTest, DeleteRemovesPersonalDataAndIsLogged) {
    std::ostringstream out;
    ASSERT_EQ(app::run_user_create(settings, "Anna Weg", "anna@example.org", "lid", out), 0);
    const auto id = open()->db->user_by_email("anna@example.org").value().id;
    std::ostringstream deleted;
    ASSERT_EQ(app::run_user_delete(settings, "anna@example.org", false, deleted), 0);
    EXPECT_THAT(deleted.str(), HasSubstr("blijven staan onder \"voormalig lid\""));
    auto c = open();
    const auto user = c->db->user(id).value();
    EXPECT_EQ(user.status, domain::UserStatus::Deleted);
    EXPECT_EQ(user.name, "");
    EXPECT_EQ(user.email, "");
    EXPECT_FALSE(c->db->user_by_email("anna@example.org"));
    const auto log = c->db->audit_entries(0, 1).value();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].action, "user.delete");
    EXPECT_EQ(log[0].target, "user:" + std::to_string(id));
    EXPECT_EQ(log[0].actor, 0);

    std::ostringstream list;
    ASSERT_EQ(app::run_user_list(settings, list), 0);
    EXPECT_THAT(list.str(), HasSubstr("| voormalig lid |  | lid | Verwijderd"));
    EXPECT_THAT(list.str(), Not(HasSubstr("Anna Weg")));
    std::ostringstream again;
    EXPECT_EQ(app::run_user_delete(settings, "anna@example.org", false, again), 1) << "the address is gone";
}

TEST_F(UserCommandsTest, DeleteAlsoRemovesTheFilesOfUnpublishedWork) {
    std::ostringstream out;
    ASSERT_EQ(app::run_user_create(settings, "Anna Weg", "anna@example.org", "lid", out), 0);
    const std::string hash(64, 'a');
    const auto uploads = std::filesystem::path(settings.data_dir) / "uploads";
    {
        auto c = open();
        const auto id = c->db->user_by_email("anna@example.org").value().id;
        domain::Item content;
        content.type = domain::ItemType::Praktijkvoorbeeld;
        content.title = "Concept";
        auto draft = c->db->create_contribution({0, id, std::nullopt, domain::ContributionStatus::Draft, "", content, std::nullopt, 0, 0, 0}, 1)
                         .value();
        ASSERT_TRUE(c->db->add_attachment({0, draft, "kaart.png", "image/png", 4, hash, "", id, 1}));
        std::filesystem::create_directories(uploads);
        std::ofstream(uploads / hash) << "data";
    }
    ASSERT_TRUE(std::filesystem::exists(uploads / hash));
    std::ostringstream deleted;
    ASSERT_EQ(app::run_user_delete(settings, "anna@example.org", false, deleted), 0) << deleted.str();
    EXPECT_FALSE(std::filesystem::exists(uploads / hash));
    EXPECT_EQ(open()->db->attachments_with_hash(hash).value(), 0);
}

}  // namespace
