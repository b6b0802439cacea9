// Attachments: upload (multipart/form-data), remove and download.

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/messages.h"
#include "web/pages/contribution_internal.h"

namespace gezondin::web::contribution_detail {

std::string type_label(std::string_view content_type) {
    if (content_type == "application/pdf") return std::string(core::msg("contributions.type.pdf"));
    if (content_type == "image/png") return std::string(core::msg("contributions.type.png"));
    if (content_type == "image/jpeg") return std::string(core::msg("contributions.type.jpeg"));
    if (content_type.ends_with("wordprocessingml.document")) return std::string(core::msg("contributions.type.docx"));
    if (content_type.ends_with("spreadsheetml.sheet")) return std::string(core::msg("contributions.type.xlsx"));
    return std::string(content_type);
}

std::string size_label(std::int64_t bytes) {
    char text[32];
    if (bytes < 1024) return core::msg("contributions.size.bytes", {std::to_string(bytes)});
    if (bytes < 1024 * 1024) {
        std::snprintf(text, sizeof text, "%.0f", static_cast<double>(bytes) / 1024.0);
        return core::msg("contributions.size.kb", {text});
    }
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0));
    std::string number = text;
    for (char& ch : number)
        if (ch == '.') ch = ',';   // Dutch decimal comma
    return core::msg("contributions.size.mb", {number});
}

Response upload_submit(const ContributionCall& c) {
    auto id = positive_id(c.field("bijdrage"));
    if (!id) return failure(c, core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
    if (!c.upload) {
        const std::string reason(core::msg("contributions.attachment.none_chosen"));
        const auto error = core::Error::invalid_input(reason, {{"bijlage", reason, 0}});
        return contribution_page_with(c, *id, &error);
    }
    auto added = c.deps.attachments.add(c.actor(), *id, *c.upload);
    if (!added) {
        const auto code = added.error().code();
        if (code != core::ErrorCode::InvalidInput && code != core::ErrorCode::TooLarge && code != core::ErrorCode::Conflict)
            return failure(c, added.error());
        return contribution_page_with(c, *id, &added.error());
    }
    return Response::redirect("/bijdragen/" + std::to_string(*id) + "?melding=bijlage");
}

Response remove_attachment_submit(const ContributionCall& c, std::int64_t id) {
    auto contribution = positive_id(c.field("bijdrage"));
    if (!contribution) return failure(c, core::Error(core::ErrorCode::NotFound, std::string(core::msg("error.not_found"))));
    if (auto removed = c.deps.attachments.remove(c.actor(), *contribution, id); !removed) return failure(c, removed.error());
    return Response::redirect("/bijdragen/" + std::to_string(*contribution) + "?melding=bijlage-weg");
}

Response download(const ContributionCall& c, std::int64_t id) {
    auto file = c.deps.attachments.file(c.actor(), id);
    if (!file) return failure(c, file.error());
    std::ifstream in(file->path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in && !in.eof())
        return failure(c, core::Error::unavailable(std::string(core::msg("contributions.attachment.read_failed"))));
    Response r;
    r.status = 200;
    r.body = std::move(bytes).str();
    r.set_header("Content-Type", file->meta.content_type);
    r.set_header("Content-Disposition", services::content_disposition(file->meta.filename));
    r.set_header("X-Content-Type-Options", "nosniff");
    // Published files are the same for everyone; drafts are personal (the App marks those private).
    r.set_header("Cache-Control", c.session ? "private, no-store" : "public, max-age=3600");
    return r;
}

}  // namespace gezondin::web::contribution_detail
