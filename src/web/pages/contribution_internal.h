#pragma once
// Shared helpers of the contribution pages (contribution_*.cpp); not for other code.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "services/community/accounts.h"
#include "services/community/attachments.h"
#include "services/community/contributions.h"
#include "services/kennisbank.h"
#include "web/http/message.h"
#include "web/pages/view_helpers.h"
#include "web/render/renderer.h"

namespace gezondin::web {

struct ContributionDeps {
    services::Contributions& contributions;
    services::Attachments& attachments;
    services::Kennisbank& kb;
    const Renderer& renderer;
};

// Everything below is internal to the contribution pages; the namespace keeps the names out of
// the way of the other page modules' helpers.
namespace contribution_detail {

// One request. `session` is never null in the handlers below (the router sends anonymous
// visitors to the login page first), except in download().
struct ContributionCall {
    const ContributionDeps& deps;
    const Request& request;
    const services::SessionContext* session;
    Params form;                 // the POST's plain fields (urlencoded or multipart)
    std::optional<services::Upload> upload;   // the file of a multipart POST, if one was chosen

    std::string field(std::string_view name) const;
    std::vector<std::string> fields(std::string_view name) const;
    services::Actor actor() const;
};


// ---- shared rendering (contribution_pages.cpp) ----
// A page in the layout; `title` is plain text.
Response page(const ContributionCall& call, std::string_view tmpl, View view, int status = 200);
// A Dutch error page for a failed service call (login page for Unauthenticated).
Response failure(const ContributionCall& call, const core::Error& error);
// The HTTP status for a form that failed.
int form_status(const core::Error& error);
// The Dutch label of a status ("Concept", "Ingediend", ...).
std::string status_label(domain::ContributionStatus status);
// The content of a contribution for display (facts, body as safe HTML).
View content_view(const ContributionCall& call, const domain::Item& content);
// The attachments section: list with download links, remove buttons and the upload form when
// `editable`.
View attachments_view(const ContributionCall& call, domain::ContributionId id, bool editable);

// ---- handlers ----
// contribution_forms.cpp
Response my_contributions(const ContributionCall& call);
Response new_form(const ContributionCall& call);
Response new_submit(const ContributionCall& call);
Response edit_form(const ContributionCall& call, domain::ContributionId id);
Response edit_submit(const ContributionCall& call, domain::ContributionId id);
Response contribution_page(const ContributionCall& call, domain::ContributionId id);
// The contribution page with the upload form's error (400 or 413).
Response contribution_page_with(const ContributionCall& call, domain::ContributionId id, const core::Error* upload_error);
Response submit_for_review(const ContributionCall& call, domain::ContributionId id);
// contribution_review.cpp
Response versions_page(const ContributionCall& call, domain::ContributionId id);
Response diff_page(const ContributionCall& call, domain::ContributionId id);
Response review_queue(const ContributionCall& call);
Response review_page(const ContributionCall& call, domain::ContributionId id);
Response publish_submit(const ContributionCall& call, domain::ContributionId id);
Response return_submit(const ContributionCall& call, domain::ContributionId id);
// contribution_files.cpp
Response upload_submit(const ContributionCall& call);
Response remove_attachment_submit(const ContributionCall& call, std::int64_t id);
Response download(const ContributionCall& call, std::int64_t id);
// The Dutch name of an attachment type and a readable size ("1,2 MB").
std::string type_label(std::string_view content_type);
std::string size_label(std::int64_t bytes);

}  // namespace contribution_detail
}  // namespace gezondin::web
