#pragma once
// A part of the site that answers its own paths (the account pages, the contribution pages,
// the library ...). The App asks each module in turn before its own routes; a module gets the
// visitor's session and answers through `respond` exactly once, at once or later from a worker
// thread. Modules decide nothing about permissions themselves: they ask the services.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "web/http/message.h"
#include "web/http/server.h"

namespace gezondin::services {
struct SessionContext;
}

namespace gezondin::web {

// A link in the account navigation of a logged-in visitor; `label` is plain text (escaped).
struct NavLink {
    std::string href;
    std::string label;
};

class PageModule {
public:
    virtual ~PageModule() = default;
    // True for the paths this module answers.
    virtual bool handles(std::string_view path) const = 0;
    // `session` is null for an anonymous visitor. Called on an HTTP I/O thread.
    virtual void handle(std::shared_ptr<const Request> request, std::shared_ptr<const services::SessionContext> session,
                        Respond respond) const = 0;
    // Links this module adds to the account navigation for this visitor (e.g. "Redactie").
    virtual void nav_links(const services::SessionContext& /*session*/, std::vector<NavLink>& /*out*/) const {}
};

}  // namespace gezondin::web
