#include "storage/soci/connection_url.h"

#include <gtest/gtest.h>

#include "storage/database.h"

namespace gezondin::storage {
namespace {

ConnectionSpec parse(std::string_view url) {
    auto spec = parse_database_url(url);
    EXPECT_TRUE(spec) << url << ": " << (spec ? "" : spec.error().message());
    return spec.value_or(ConnectionSpec{});
}

TEST(DatabaseUrl, PostgresqlUrlBecomesConninfo) {
    auto spec = parse("postgresql://app@127.0.0.1:54329/gezondin");
    EXPECT_EQ(spec.engine, Engine::Postgresql);
    EXPECT_EQ(spec.target, "user='app' host='127.0.0.1' port='54329' dbname='gezondin'");
    EXPECT_EQ(parse("postgres://db.example/x").target, "host='db.example' dbname='x'");
}

TEST(DatabaseUrl, PostgresqlDecodesAndQuotes) {
    auto spec = parse("postgresql://us%40er:p%27a%5Css@%2Fvar%2Frun%2Fpostgresql/my%20db?sslmode=require&options=-csearch_path%3Dt1");
    EXPECT_EQ(spec.target,
              "user='us@er' password='p\\'a\\\\ss' host='/var/run/postgresql' dbname='my db' sslmode='require' "
              "options='-csearch_path=t1'");
    EXPECT_EQ(parse("postgresql://[::1]:5433/d").target, "host='::1' port='5433' dbname='d'");
    EXPECT_EQ(parse("postgresql://").target, "");
}

TEST(DatabaseUrl, SqliteForms) {
    EXPECT_EQ(parse("sqlite:///abs/path.db").target, "/abs/path.db");
    EXPECT_EQ(parse("sqlite://rel/path.db").target, "rel/path.db");
    EXPECT_EQ(parse("sqlite:rel.db").target, "rel.db");
    EXPECT_EQ(parse("var/gezondin.db").target, "var/gezondin.db");
    EXPECT_EQ(parse("  /abs.db ").target, "/abs.db");
    EXPECT_EQ(parse("sqlite:rel.db").engine, Engine::Sqlite);
}

TEST(DatabaseUrl, RejectsMalformedUrls) {
    for (std::string_view bad : {"", "   ", "mysql://x/y", "postgresql://h:12ab/d", "postgresql://h/d?novalue",
                                 "postgresql://h/d?Bad-Key=1", "postgresql://[::1/d", "postgresql://h/%zz", "sqlite:"}) {
        auto spec = parse_database_url(bad);
        EXPECT_FALSE(spec) << bad;
        if (!spec) {
            EXPECT_EQ(spec.error().code(), core::ErrorCode::InvalidInput) << bad;
        }
    }
}

TEST(OpenDatabase, UnreachablePostgresqlIsUnavailable) {
    auto db = open_database("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", 1);
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code(), core::ErrorCode::Unavailable);
}

TEST(OpenDatabase, RejectsEmptyPool) {
    auto db = open_database("sqlite:/tmp/never-created.db", 0);
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code(), core::ErrorCode::InvalidInput);
}

}  // namespace
}  // namespace gezondin::storage
