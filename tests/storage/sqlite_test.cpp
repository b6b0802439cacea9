// SQLite-only behaviour: the file, its pragmas, and durability across kill -9.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <gtest/gtest.h>

#include "backend.h"

namespace gezondin::storage {
namespace {

using testing::sample_item;
using testing::TempDir;

std::unique_ptr<Database> open_migrated(const std::string& url) {
    auto db = open_database(url, 2);
    if (!db) {
        ADD_FAILURE() << db.error().message();
        return nullptr;
    }
    if (auto m = (*db)->migrate(); !m) ADD_FAILURE() << m.error().message();
    return std::move(*db);
}

TEST(Sqlite, CreatesParentDirectoriesAndUsesWal) {
    TempDir dir;
    auto path = dir.path() / "deep" / "er" / "with space" / "gezondin.db";
    auto db = open_migrated("sqlite://" + path.string());
    ASSERT_TRUE(db);
    EXPECT_EQ(db->engine(), "sqlite");
    ASSERT_TRUE(db->upsert_items({sample_item("a")}));
    EXPECT_TRUE(std::filesystem::exists(path));
    soci::session raw(soci::sqlite3, "db=\"" + path.string() + "\"");
    std::string mode;
    raw << "PRAGMA journal_mode", soci::into(mode);
    EXPECT_EQ(mode, "wal");
}

TEST(Sqlite, PlainPathAndSqliteSchemeOpenTheSameFile) {
    TempDir dir;
    auto path = (dir.path() / "x.db").string();
    ASSERT_TRUE(open_migrated(path)->upsert_items({sample_item("a")}));
    EXPECT_EQ(open_migrated("sqlite:" + path)->count_items().value(), 1);
    EXPECT_EQ(open_migrated("sqlite://" + path)->count_items().value(), 1);
}

TEST(Sqlite, UnwritablePlaceIsUnavailable) {
    auto db = open_database("sqlite:///proc/no/such/place/x.db", 1);
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code(), core::ErrorCode::Unavailable);
}

// A child process writes items one batch at a time and reports each acknowledged write
// through a pipe; the parent kills it with SIGKILL mid-stream. Every acknowledged item must
// be there afterwards, intact.
TEST(Sqlite, AcknowledgedWritesSurviveSigkill) {
    TempDir dir;
    const std::string url = (dir.path() / "var" / "gezondin.db").string();
    ASSERT_TRUE(open_migrated(url));   // closed again before fork: no connection crosses it
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(fds[0]);
        auto db = open_database(url, 1);
        for (int i = 0; db; ++i) {
            if (!(*db)->upsert_items({sample_item("durable-" + std::to_string(i), i)})) ::_exit(3);
            char ack = 'y';
            if (::write(fds[1], &ack, 1) != 1) ::_exit(4);
        }
        ::_exit(2);
    }
    ::close(fds[1]);
    constexpr int wanted = 25;
    int acked = 0;
    char ack = 0;
    while (acked < wanted && ::read(fds[0], &ack, 1) == 1) ++acked;
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    // Acks already in the pipe when the kill landed count too.
    while (::read(fds[0], &ack, 1) == 1) ++acked;
    ::close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child exited early, status " << status;
    ASSERT_GE(acked, wanted);

    auto db = open_migrated(url);
    ASSERT_TRUE(db);
    auto count = db->count_items().value();
    EXPECT_GE(count, acked);
    EXPECT_LE(count, acked + 1);   // the write in flight may or may not have committed
    for (int i = 0; i < acked; ++i) {
        auto page = db->list_items({}, ItemOrder::IdAscending, i, 1).value();
        ASSERT_EQ(page.items.size(), 1u);
        EXPECT_TRUE(page.items[0].same_content(sample_item("durable-" + std::to_string(i), i)));
    }
    EXPECT_EQ(db->last_change_seq().value(), count);
}

}  // namespace
}  // namespace gezondin::storage
