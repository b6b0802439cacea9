// The hostile strings (tests/community/data) through every parameter of the JSON API: each
// answer is JSON (problem+json for a refusal), never a server error, and a string that comes
// back does so only inside a JSON string, escaped by the serializer.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/community_web/fixture.h"
#include "web/http/url.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;

namespace {

void expect_json_answer(const web::Response& r, const std::string& what, const std::string& hostile) {
    EXPECT_LT(r.status, 500) << what << " with " << hostile;
    const std::string type(r.header("Content-Type"));
    EXPECT_TRUE(type.rfind("application/json", 0) == 0 || type.rfind("application/problem+json", 0) == 0 ||
                type.rfind("text/csv", 0) == 0)
        << what << ": " << type;
    if (type.rfind("text/csv", 0) == 0) return;
    EXPECT_TRUE(nlohmann::json::accept(r.body)) << what << " with " << hostile;
    if (r.status >= 400) {
        EXPECT_EQ(type.rfind("application/problem+json", 0), 0u) << what;
    }
}

TEST(ApiHostileStrings, EveryQueryParameterOfTheReadApi) {
    CommunityWebFixture fx;
    Browser b(*fx.web.app);
    const std::vector<std::pair<std::string, std::vector<std::string>>> endpoints = {
        {"/api/v1/search", {"q", "type", "doel", "spoor", "thema", "niveau", "provincie", "gemeente", "jaar", "sort", "pagina", "per_pagina"}},
        {"/api/v1/items", {"thema", "spoor", "gemeente", "doel", "type", "pagina", "per_pagina"}},
        {"/api/v1/taxonomies", {"soort"}},
    };
    const auto strings = hostile_strings();
    ASSERT_GE(strings.size(), 100u);
    for (const auto& [path, params] : endpoints)
        for (const auto& param : params)
            for (const auto& hostile : strings) {
                auto r = b.get(path + "?" + web::build_query_string({{param, hostile}}));
                expect_json_answer(r, path + "?" + param, hostile);
            }
    for (const auto& hostile : strings) {   // as a path segment
        auto r = b.get("/api/v1/items/" + core::percent_encode(hostile));
        expect_json_answer(r, "/api/v1/items/<id>", hostile);
    }
}

TEST(ApiHostileStrings, EveryStringFieldOfTheComputations) {
    CommunityWebFixture fx;
    Browser b(*fx.web.app);
    auto post = [&](const std::string& path, const nlohmann::json& body) {
        web::Request r;
        r.method = "POST";
        r.target = r.path = path;
        r.headers = {{"content-type", "application/json"}};
        r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return fx.web.app->handle(r);
    };
    for (const auto& hostile : hostile_strings()) {
        nlohmann::json sii = {{"value_type", hostile},
                              {"transform", hostile},
                              {"rows", {{{"quantile", 1}, {"population", 100}, {"value", 70}, {"standard_error", 1}},
                                        {{"quantile", 2}, {"population", 100}, {"value", 78}, {"standard_error", 1}}}}};
        expect_json_answer(post("/api/v1/stats/sii", sii), "sii", hostile);
        nlohmann::json allocation = {{"budget", 1000},
                                     {"areas", {{{"code", hostile}, {"population", 100}, {"need", 1}},
                                                {{"code", "BU2"}, {"population", 300}, {"need", 2}}}}};
        auto r = post("/api/v1/stats/allocation", allocation);
        expect_json_answer(r, "allocation", hostile);
        if (r.status == 200) {   // a code comes back exactly as sent, inside a JSON string
            auto parsed = nlohmann::json::parse(r.body, nullptr, false);
            ASSERT_FALSE(parsed.is_discarded());
            EXPECT_NE(parsed.dump().find("\"code\""), std::string::npos);
        }
    }
}

}  // namespace
