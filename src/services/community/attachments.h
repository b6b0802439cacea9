#pragma once
// Attachments (bijlagen) of contributions: PDF, DOCX, XLSX, PNG and JPEG files up to a
// configurable size. The type is decided by the bytes (libmagic), never by the name or the
// browser's Content-Type, and the name's extension must agree with it (a PNG called .pdf is
// refused). The bytes are stored once per content in `<upload dir>/<sha256>` (outside the web
// root; one file uploaded twice is one stored file); the store keeps name, type, size, hash and
// the text of PDF files (poppler), which search finds once the contribution is published.
//
// Permissions: adding and removing follow EditContribution, but only until the contribution
// is published (the search document of a published item is built at publication; its
// attachments are fixed from then on). Reading follows ViewContribution, except that the
// attachments of a published contribution are public.
//
// Thread-safe: the libmagic handle is guarded by a mutex; the rest is the store's and the
// file system's. PDF text extraction runs on the calling thread.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/item.h"
#include "services/community/clock.h"
#include "services/community/permissions.h"
#include "storage/community.h"

namespace gezondin::services {

struct AttachmentSettings {
    std::string upload_dir;                    // created when missing
    std::size_t max_bytes = 10u << 20;         // per file
    std::size_t max_text_bytes = 1u << 20;     // extracted PDF text kept per file
};

// An uploaded file as the browser sent it.
struct Upload {
    std::string filename;
    std::string data;
};

// A file to send: its record and where its bytes are.
struct AttachmentFile {
    storage::Attachment meta;
    std::string path;
};

// The types accepted, by content; "" when `data` is none of them.
std::string_view detect_attachment_type(std::string_view libmagic_type, std::string_view data);
// A display name from what the browser sent: last path component, invalid UTF-8 and control
// characters replaced by '_', at most 200 bytes, never empty.
std::string clean_filename(std::string_view name);
// The Content-Disposition value for downloading `filename`: an ASCII fallback in
// filename="..." (quotes, backslashes and non-ASCII replaced) and RFC 5987 filename* when the
// name is not plain ASCII.
std::string content_disposition(std::string_view filename);
// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
// The text of a PDF, or "" when it has none or cannot be read. At most `max_bytes`.
std::string pdf_text(std::string_view data, std::size_t max_bytes);

class Attachments {
public:
    // Fails (Unavailable) when libmagic cannot load its database or the folder cannot be made.
    static core::Result<std::unique_ptr<Attachments>> open(storage::CommunityDatabase& db, const Clock& clock,
                                                           AttachmentSettings settings);
    ~Attachments();

    const AttachmentSettings& settings() const { return m_settings; }

    // Checks, stores and records the file. InvalidInput (field "bijlage") for a wrong type,
    // an empty file or a name that does not fit the type; TooLarge over the size limit.
    core::Result<std::int64_t> add(const Actor& actor, domain::ContributionId contribution, const Upload& upload);
    core::Status remove(const Actor& actor, domain::ContributionId contribution, std::int64_t id);
    core::Result<std::vector<storage::Attachment>> list(const Actor& actor, domain::ContributionId contribution);
    // The file for a download, when the actor may read it (NotFound otherwise, so drafts stay
    // hidden).
    core::Result<AttachmentFile> file(const Actor& actor, std::int64_t id);

    // Removes the stored bytes of each hash that no attachment refers to any more (after the
    // records went, e.g. with a deleted account). A failure only leaves a stray file, which
    // purge_unreferenced() takes later.
    void remove_unused_files(const std::vector<std::string>& hashes);
    // Removes stored files that no attachment refers to and that were last written more than
    // `min_age` ago (a younger one may belong to an upload whose record is still being
    // written); returns how many went.
    core::Result<long> purge_unreferenced(std::chrono::seconds min_age);

    // The public attachments of a kennisbank item (published contributions only); empty for
    // other items.
    std::vector<storage::Attachment> for_item(const domain::Item& item);
    // The searchable text of those attachments, for the search index.
    std::string search_text(const domain::Item& item);

private:
    struct Magic;
    Attachments(storage::CommunityDatabase& db, const Clock& clock, AttachmentSettings settings,
                std::unique_ptr<Magic> magic);
    core::Result<domain::Contribution> editable(const Actor& actor, domain::ContributionId id);
    core::Status store_blob(const std::string& hash, std::string_view data);
    std::string blob_path(const std::string& hash) const;

    storage::CommunityDatabase& m_db;
    const Clock& m_clock;
    AttachmentSettings m_settings;
    std::unique_ptr<Magic> m_magic;
};

}  // namespace gezondin::services
