#pragma once
// The account pages of the community: register, confirm, log in and out, forgotten and new
// password, the own account (name, password, sessions), the privacy statement and the
// beheerder's e-mail outbox. Every handler reads as parse -> service -> render; the services
// decide permissions. Every POST is checked for its CSRF field first (403 on a mismatch).
//
// Threads: handle() runs on an HTTP I/O thread. Routes that hash a password hand the work to
// the services' HashWorkerPool and answer from its callback, on a worker thread. The
// AccountPages must outlive every pending callback (drain the pool before destroying it).

#include <memory>
#include <string>
#include <string_view>

#include "web/http/message.h"
#include "web/http/server.h"
#include "web/page_module.h"

namespace gezondin::services {
class Accounts;
class Administration;
class Privacy;
struct SessionContext;
}  // namespace gezondin::services

namespace gezondin::web {

class Renderer;
struct AppConfig;
struct AccountDeps;

class AccountPages final : public PageModule {
public:
    AccountPages(services::Accounts& accounts, services::Administration& administration, const Renderer& renderer,
                 const AppConfig& config);
    ~AccountPages();

    // Turns on the data download and account deletion (/account/gegevens, /account/verwijderen).
    // The service must outlive this object; call before serving.
    void set_privacy(services::Privacy* privacy);

    // True for the paths this class answers (/account..., /privacy, /beheer/e-mail).
    bool handles(std::string_view path) const override;

    // Answers through `respond`, exactly once: at once, or later from a worker thread.
    // `session` is the visitor's logged-in state, null for an anonymous visitor.
    void handle(std::shared_ptr<const Request> request, std::shared_ptr<const services::SessionContext> session,
                Respond respond) const override;

    // The header's account links for a logged-in visitor: name, the links of every module
    // (`links`), the outbox for those who may read it, and the log-out form.
    std::string nav(const services::SessionContext& session, const std::vector<NavLink>& links) const;

private:
    std::unique_ptr<AccountDeps> m_deps;
};

}  // namespace gezondin::web
