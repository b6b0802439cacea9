#pragma once
// Shared helpers of the admin pages (admin_*.cpp); not for other code.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "domain/timestamp.h"
#include "services/community/accounts.h"
#include "web/http/message.h"
#include "web/pages/view_helpers.h"
#include "web/render/view.h"

namespace gezondin::services {
class Administration;
class Kennisbank;
class Organisations;
class Privacy;
}  // namespace gezondin::services

namespace gezondin::web {

class Renderer;

struct AdminDeps {
    services::Administration& administration;
    services::Organisations& organisations;
    services::Kennisbank& kennisbank;
    const Renderer& renderer;
    services::Privacy* privacy = nullptr;   // null: accounts cannot be deleted here
};

// One request to an admin page, always by a logged-in visitor.
struct AdminCall {
    const AdminDeps& deps;
    const Request& request;
    const services::SessionContext& session;
    Params form;   // POST fields
    std::int64_t id = 0;   // the id in the path, when the route has one

    std::string field(std::string_view name) const;
    const services::Actor& actor() const { return session.actor; }
};

inline constexpr long admin_page_size = 50;

// A page in the layout with the admin navigation; `view` gets title, csrf and `notice`.
Response admin_page(const AdminCall& call, std::string_view page, View view, int status = 200);
// The error page for a failed service call (status from the error code).
Response admin_error(const AdminCall& call, const core::Error& error, int status = 0);
// The page number from ?pagina= (1 when absent); none when it is not a positive number.
std::optional<long> page_number(const Request& request);
// Previous/next links for a list that showed `shown` rows and has more when `more`.
View paging_view(const std::string& path, long page, bool more);

Response users_page(const AdminCall& call);
Response role_submit(const AdminCall& call);
Response user_delete_page(const AdminCall& call);
Response user_delete_submit(const AdminCall& call);
Response organisations_page(const AdminCall& call);
Response organisation_create(const AdminCall& call);
Response members_page(const AdminCall& call);
Response member_add(const AdminCall& call);
Response member_remove(const AdminCall& call);
Response audit_page(const AdminCall& call);

}  // namespace gezondin::web
