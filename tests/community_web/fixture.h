#pragma once
// The web fixture (real runtime on SQLite and Xapian in a temporary folder) plus the community
// services on the same database: fake clock, minimum argon2id limits, and a hashing pool that
// runs inline (hash_threads 0) or on real worker threads. Browser keeps cookies between
// requests and fills in the CSRF field like a real browser.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "services/community/accounts.h"
#include "services/community/administration.h"
#include "services/community/clock.h"
#include "services/community/attachments.h"
#include "services/community/comments.h"
#include "services/community/contributions.h"
#include "services/community/library.h"
#include "services/community/organisations.h"
#include "services/community/privacy.h"
#include "storage/community.h"
#include "tests/web/fixture.h"

namespace gezondin::community_web_testing {

struct CommunityWebFixture {
    explicit CommunityWebFixture(int hash_threads = 0);
    ~CommunityWebFixture();

    // An active account; returns its id.
    domain::UserId make_account(const std::string& name, const std::string& email, domain::Role role,
                                const std::string& password = "een lang wachtwoord");
    // The newest e-mail to `to`, or "" when none.
    std::string last_mail_to(const std::string& to) const;
    // The code of the newest link in an e-mail to `to` ("...?code=<code>").
    std::string last_code_to(const std::string& to) const;

    testing::WebFixture web;
    // Starts at the real time: the kennisbank items of the fixture carry real creation times,
    // and a fixed start would let sessions made at it expire once tests move the clock to now.
    services::FakeClock clock{services::SystemClock().now()};
    std::unique_ptr<storage::CommunityDatabase> db;
    std::unique_ptr<services::PasswordHasher> hasher;
    std::unique_ptr<services::HashWorkerPool> hashing;
    std::unique_ptr<services::Accounts> accounts;
    std::unique_ptr<services::Administration> administration;
    std::unique_ptr<services::Comments> comments;   // with the comment pages on the app
    std::unique_ptr<services::Library> library;     // with the library pages on the app
    std::unique_ptr<services::Organisations> organisations;   // with the organisation and admin pages
    std::unique_ptr<services::Privacy> privacy;               // data download and account deletion
    std::unique_ptr<services::Attachments> attachments;       // files in <web.dir>/uploads, 64 KiB at most
    std::unique_ptr<services::Contributions> contributions;   // with the contribution pages; publishing syncs the index
    std::unique_ptr<services::WorkerPool> pool;   // last: drained first
};

class Browser {
public:
    explicit Browser(web::App& app, std::string ip = "192.0.2.10") : m_app(app), m_ip(std::move(ip)) {}

    web::Response get(const std::string& target);
    // Posts the fields as a form, with the cookies; no CSRF field added.
    web::Response post(const std::string& path, const web::Params& fields);
    // Opens `page`, takes its CSRF field, and posts `fields` plus that field to `action`.
    web::Response submit(const std::string& page, const std::string& action, web::Params fields);
    // Logs in through the form; the response of the POST.
    web::Response login(const std::string& email, const std::string& password);

    std::string cookie(const std::string& name) const;
    void set_cookie(const std::string& name, const std::string& value) { m_cookies[name] = value; }
    // The CSRF field of the last HTML page seen.
    const std::string& csrf() const { return m_csrf; }

private:
    web::Response send(web::Request request);
    void remember(const web::Response& response);

    web::App& m_app;
    std::string m_ip;
    std::map<std::string, std::string> m_cookies;
    std::string m_csrf;
};

// The value of the hidden csrf field in `html`, or "".
std::string csrf_in(const std::string& html);
// The Set-Cookie header for cookie `name`, or "".
std::string set_cookie_for(const web::Response& response, const std::string& name);
// The hostile strings of tests/community/data, decoded.
std::vector<std::string> hostile_strings();

}  // namespace gezondin::community_web_testing
