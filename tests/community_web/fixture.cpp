#include "tests/community_web/fixture.h"

#include <fstream>

#include "web/http/url.h"
#include "web/pages/admin_pages.h"
#include "web/pages/comment_pages.h"
#include "web/pages/contribution_pages.h"
#include "web/pages/library_pages.h"
#include "web/pages/organisation_pages.h"
#include "web/session.h"

using namespace gezondin;

web::Params gezondin::testing::WebFixture::parse(const std::string& qs) {
    return web::parse_query_string(qs).value_or(web::Params{});
}

namespace gezondin::community_web_testing {

CommunityWebFixture::CommunityWebFixture(int hash_threads) {
    db = storage::open_community_database(web.dir + "/gezondin.db", 2).value();
    hasher = std::make_unique<services::PasswordHasher>(services::HashLimits::minimum());
    pool = std::make_unique<services::WorkerPool>(hash_threads, 64);
    hashing = std::make_unique<services::HashWorkerPool>(*hasher, *pool);
    accounts = std::make_unique<services::Accounts>(*db, *hashing, services::CommonPasswords::builtin(), clock);
    administration = std::make_unique<services::Administration>(*db, clock);
    web.app->set_community(accounts.get(), administration.get());
    comments = std::make_unique<services::Comments>(*db, clock);
    library = std::make_unique<services::Library>(*db, *web.rt.db, *web.rt.taxonomy, clock);
    web::add_comment_pages(*web.app, *comments, *web.rt.kennisbank, *web.renderer);
    web::add_library_pages(*web.app, *library, *web.rt.kennisbank, *web.renderer);
    organisations = std::make_unique<services::Organisations>(*db, clock);
    privacy = std::make_unique<services::Privacy>(*db, *web.rt.db, clock);
    web.app->set_privacy(privacy.get());
    web::add_organisation_pages(*web.app, *organisations, *web.rt.kennisbank, *web.renderer);
    attachments = services::Attachments::open(*db, clock, {web.dir + "/uploads", 64u << 10}).value();
    privacy->set_attachments(attachments.get());
    web::add_admin_pages(*web.app, *administration, *organisations, *web.rt.kennisbank, *web.renderer, privacy.get());
    auto* kb = web.rt.kennisbank.get();
    kb->set_attachment_text([a = attachments.get()](const domain::Item& item) { return a->search_text(item); });
    contributions = std::make_unique<services::Contributions>(*db, *web.rt.db, *web.rt.taxonomy, clock,
                                                              [kb] { (void)kb->sync_index(); });
    web::add_contribution_pages(*web.app, *contributions, *attachments, *kb, *web.renderer);
}

CommunityWebFixture::~CommunityWebFixture() {
    pool.reset();
    web.app->set_community(nullptr, nullptr);
}

domain::UserId CommunityWebFixture::make_account(const std::string& name, const std::string& email, domain::Role role,
                                                 const std::string& password) {
    return accounts->create_confirmed_account(name, email, password, role).value();
}

std::string CommunityWebFixture::last_mail_to(const std::string& to) const {
    const auto messages = db->messages(0, 1000).value();
    for (const auto& m : messages)   // newest first
        if (m.to == to) return m.subject + "\n" + m.body;
    return {};
}

std::string CommunityWebFixture::last_code_to(const std::string& to) const {
    const std::string mail = last_mail_to(to);
    auto at = mail.find("?code=");
    if (at == std::string::npos) return {};
    at += 6;
    auto end = mail.find_first_of(" \r\n", at);
    return mail.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

web::Response Browser::send(web::Request r) {
    auto q = r.target.find('?');
    r.path = r.target.substr(0, q);
    if (q != std::string::npos) r.query = web::parse_query_string(r.target.substr(q + 1)).value_or(web::Params{});
    std::string cookies;
    for (const auto& [k, v] : m_cookies) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
    if (!cookies.empty()) r.headers.emplace_back("cookie", cookies);
    r.headers.emplace_back("user-agent", "TestBrowser/1.0");
    r.remote_address = m_ip;
    auto response = m_app.handle(r);
    remember(response);
    return response;
}

void Browser::remember(const web::Response& response) {
    for (const auto& [k, v] : response.headers) {
        if (k != "Set-Cookie") continue;
        auto eq = v.find('='), semi = v.find(';');
        std::string name = v.substr(0, eq), value = v.substr(eq + 1, semi - eq - 1);
        if (v.find("Max-Age=0") != std::string::npos) m_cookies.erase(name);
        else m_cookies[name] = value;
    }
    if (auto token = csrf_in(response.body); !token.empty()) m_csrf = token;
}

web::Response Browser::get(const std::string& target) {
    web::Request r;
    r.method = "GET";
    r.target = target;
    return send(std::move(r));
}

web::Response Browser::post(const std::string& path, const web::Params& fields) {
    web::Request r;
    r.method = "POST";
    r.target = path;
    r.body = web::build_query_string(fields);
    r.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
    return send(std::move(r));
}

web::Response Browser::submit(const std::string& page, const std::string& action, web::Params fields) {
    auto form = get(page);
    fields.emplace_back("csrf", csrf_in(form.body));
    return post(action, fields);
}

web::Response Browser::login(const std::string& email, const std::string& password) {
    return submit("/account/inloggen", "/account/inloggen", {{"email", email}, {"password", password}});
}

std::string Browser::cookie(const std::string& name) const {
    auto it = m_cookies.find(name);
    return it == m_cookies.end() ? "" : it->second;
}

std::string csrf_in(const std::string& html) {
    const std::string marker = "name=\"csrf\" value=\"";
    auto at = html.find(marker);
    if (at == std::string::npos) return {};
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
}

std::string set_cookie_for(const web::Response& response, const std::string& name) {
    for (const auto& [k, v] : response.headers)
        if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v;
    return {};
}

namespace {
std::string decode(const std::string& line) {
    if (line.rfind("!repeat ", 0) == 0) {
        auto space = line.find(' ', 8);
        std::string out;
        for (long i = std::stol(line.substr(8, space - 8)); i > 0; --i) out += decode(line.substr(space + 1));
        return out;
    }
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '\\' || i + 1 == line.size()) {
            out.push_back(line[i]);
            continue;
        }
        char c = line[++i];
        if (c == 'n') out.push_back('\n');
        else if (c == 'r') out.push_back('\r');
        else if (c == 't') out.push_back('\t');
        else if (c == 'x' && i + 2 < line.size()) {
            out.push_back(static_cast<char>(std::stoi(line.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else out.push_back(c);
    }
    return out;
}
}  // namespace

std::vector<std::string> hostile_strings() {
    std::ifstream in(GEZONDIN_COMMUNITY_TEST_DATA "/hostile_strings.txt");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') out.push_back(decode(line));
    return out;
}

}  // namespace gezondin::community_web_testing
