#include "services/community/attachments.h"

#include <magic.h>
#include <sodium.h>

#include <charconv>
#include <filesystem>
#include <fstream>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include "core/messages.h"
#include "core/text.h"
#include "services/community/input_rules.h"

namespace gezondin::services {

namespace fs = std::filesystem;

namespace {

// The name of a stored file: the lower-case hex SHA-256 of its bytes.
bool is_stored_name(std::string_view name) {
    return name.size() == 64 && name.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// A file store_blob() was writing when the process stopped: "<sha256>.tmp-<12 hex>".
bool is_temp_name(std::string_view name) {
    return name.size() > 69 && is_stored_name(name.substr(0, 64)) && name.substr(64, 5) == ".tmp-";
}

constexpr std::string_view pdf_type = "application/pdf";
constexpr std::string_view png_type = "image/png";
constexpr std::string_view jpeg_type = "image/jpeg";
constexpr std::string_view docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view field = "bijlage";

struct TypeInfo {
    std::string_view type;
    std::string_view label;                          // message key of the type's name
    std::initializer_list<std::string_view> extensions;
};

const TypeInfo types[] = {
    {pdf_type, "contributions.type.pdf", {".pdf"}},
    {docx_type, "contributions.type.docx", {".docx"}},
    {xlsx_type, "contributions.type.xlsx", {".xlsx"}},
    {png_type, "contributions.type.png", {".png"}},
    {jpeg_type, "contributions.type.jpeg", {".jpg", ".jpeg"}},
};

const TypeInfo* type_info(std::string_view type) {
    for (const auto& t : types)
        if (t.type == type) return &t;
    return nullptr;
}

bool is_zip(std::string_view data) { return data.starts_with(std::string_view("PK\x03\x04", 4)); }

core::Error upload_problem(std::string reason) {
    return core::Error::invalid_input(reason, {{std::string(field), reason}});
}

// Replaces each byte of an invalid UTF-8 sequence by '_'.
std::string repair_utf8(std::string_view s) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len > 0 && i + len <= s.size() && core::is_valid_utf8(s.substr(i, len))) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            out.push_back('_');
            ++i;
        }
    }
    return out;
}

// Cuts at most `max` bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

// "10 MB", "100 kB", "500 bytes" (whole units, rounded down: the limit is never overstated).
std::string readable_size(std::size_t bytes) {
    if (bytes >= (1u << 20)) return core::msg("contributions.size.mb", {std::to_string(bytes >> 20)});
    if (bytes >= 1024) return core::msg("contributions.size.kb", {std::to_string(bytes >> 10)});
    return core::msg("contributions.size.bytes", {std::to_string(bytes)});
}

void ignore_poppler_message(const std::string&, void*) {}

// The contribution behind a kennisbank item ("bijdrage-<id>").
std::optional<domain::ContributionId> contribution_of(const domain::Item& item) {
    constexpr std::string_view prefix = "bijdrage-";
    std::string_view ext = item.external_id;
    if (!ext.starts_with(prefix)) return std::nullopt;
    ext.remove_prefix(prefix.size());
    domain::ContributionId id = 0;
    auto [ptr, ec] = std::from_chars(ext.data(), ext.data() + ext.size(), id);
    if (ec != std::errc() || ptr != ext.data() + ext.size()) return std::nullopt;
    return id;
}

}  // namespace

std::string_view detect_attachment_type(std::string_view magic_type, std::string_view data) {
    for (auto t : {pdf_type, png_type, jpeg_type, docx_type, xlsx_type})
        if (magic_type == t) return t;
    // Some writers put the Office parts in an order that libmagic only recognises as a zip
    // archive; the part names inside tell the two formats apart.
    if (is_zip(data) && (magic_type == "application/zip" || magic_type == "application/octet-stream")) {
        if (data.find("word/document.xml") != std::string_view::npos) return docx_type;
        if (data.find("xl/workbook.xml") != std::string_view::npos) return xlsx_type;
    }
    return {};
}

std::string clean_filename(std::string_view name) {
    if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::string out = repair_utf8(name);
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '_';
    out = std::string(utf8_prefix(core::trim(out), 200));
    if (out.empty() || out == "." || out == "..") out = "bijlage";
    return out;
}

std::string content_disposition(std::string_view filename) {
    std::string ascii;
    bool plain = true;
    for (char c : filename) {
        const auto u = static_cast<unsigned char>(c);
        if ((u & 0xC0) == 0x80) continue;   // a continuation byte: its character has its '_' already
        const bool ok = u >= 0x20 && u < 0x7F && c != '"' && c != '\\';
        ascii.push_back(ok ? c : '_');
        plain = plain && ok;
    }
    std::string value = "attachment; filename=\"" + ascii + "\"";
    if (!plain) value += "; filename*=UTF-8''" + core::percent_encode(filename);
    return value;
}

std::string sha256_hex(std::string_view data) {
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

std::string pdf_text(std::string_view data, std::size_t max_bytes) {
    static std::once_flag quiet;
    std::call_once(quiet, [] { poppler::set_debug_error_function(ignore_poppler_message, nullptr); });
    if (data.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return {};
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
    if (!doc || doc->is_locked()) return {};
    std::string text;
    for (int i = 0; i < doc->pages() && text.size() < max_bytes; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) continue;
        auto bytes = page->text().to_utf8();
        text.append(bytes.begin(), bytes.end());
        text.push_back('\n');
    }
    return repair_utf8(utf8_prefix(text, max_bytes));
}

// ---- the service ---------------------------------------------------------------------------

struct Attachments::Magic {
    std::mutex mutex;
    magic_t cookie = nullptr;
    ~Magic() {
        if (cookie) magic_close(cookie);
    }
    std::string type_of(std::string_view data) {
        std::lock_guard lock(mutex);
        const char* t = magic_buffer(cookie, data.data(), data.size());
        return t ? t : "";
    }
};

core::Result<std::unique_ptr<Attachments>> Attachments::open(storage::CommunityDatabase& db, const Clock& clock,
                                                             AttachmentSettings settings) {
    auto magic = std::make_unique<Magic>();
    magic->cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
    if (!magic->cookie || magic_load(magic->cookie, nullptr) != 0)
        return core::fail(core::Error::unavailable(std::string(core::msg("contributions.attachment.no_magic"))));
    std::error_code ec;
    fs::create_directories(settings.upload_dir, ec);
    if (ec)
        return core::fail(
            core::Error::unavailable(core::msg("contributions.attachment.no_folder", {settings.upload_dir, ec.message()})));
    return std::unique_ptr<Attachments>(new Attachments(db, clock, std::move(settings), std::move(magic)));
}

Attachments::Attachments(storage::CommunityDatabase& db, const Clock& clock, AttachmentSettings settings,
                         std::unique_ptr<Magic> magic)
    : m_db(db), m_clock(clock), m_settings(std::move(settings)), m_magic(std::move(magic)) {}

Attachments::~Attachments() = default;

std::string Attachments::blob_path(const std::string& hash) const { return (fs::path(m_settings.upload_dir) / hash).string(); }

core::Result<domain::Contribution> Attachments::editable(const Actor& actor, domain::ContributionId id) {
    if (!actor.logged_in()) return core::fail(login_required());
    auto c = m_db.contribution(id);
    if (!c) return core::fail(c.error());
    const auto target = Target::contribution(c->author, c->status);
    if (!can(actor, Action::EditContribution, target)) {
        if (!can(actor, Action::ViewContribution, target))
            return core::fail(core::Error::not_found(std::string(core::msg("community.store.contribution")),
                                                     std::to_string(id)));
        return core::fail(forbidden());
    }
    if (c->status == domain::ContributionStatus::Published)
        return core::fail(core::Error::conflict(std::string(core::msg("contributions.attachment.published"))));
    return c;
}

core::Status Attachments::store_blob(const std::string& hash, std::string_view data) {
    const std::string path = blob_path(hash);
    std::error_code ec;
    if (fs::exists(path, ec)) {
        // Fresh again, so that purge_unreferenced() leaves it alone until the record is written.
        fs::last_write_time(path, fs::file_time_type::clock::now(), ec);
        return {};
    }
    // Written beside its final name and renamed, so a reader never sees half a file.
    const std::string temp = path + ".tmp-" + sha256_hex(std::to_string(m_clock.now()) + path).substr(0, 12);
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        if (!out) {
            fs::remove(temp, ec);
            return core::fail(core::Error::unavailable(std::string(core::msg("contributions.attachment.write_failed"))));
        }
    }
    fs::rename(temp, path, ec);
    if (ec) {
        fs::remove(temp, ec);
        return core::fail(core::Error::unavailable(std::string(core::msg("contributions.attachment.write_failed"))));
    }
    return {};
}

core::Result<std::int64_t> Attachments::add(const Actor& actor, domain::ContributionId contribution,
                                            const Upload& upload) {
    auto c = editable(actor, contribution);
    if (!c) return core::fail(c.error());
    if (upload.data.empty()) return core::fail(upload_problem(std::string(core::msg("contributions.attachment.empty"))));
    if (upload.data.size() > m_settings.max_bytes) {
        auto message = core::msg("contributions.attachment.too_large", {readable_size(m_settings.max_bytes)});
        return core::fail(core::Error::too_large(message));
    }
    const std::string name = clean_filename(upload.filename);
    const auto type = detect_attachment_type(m_magic->type_of(upload.data), upload.data);
    const TypeInfo* info = type_info(type);
    if (!info) return core::fail(upload_problem(std::string(core::msg("contributions.attachment.bad_type"))));
    const std::string lower = core::to_lower_ascii(name);
    bool extension_fits = false;
    for (auto ext : info->extensions) extension_fits = extension_fits || lower.ends_with(ext);
    if (!extension_fits)
        return core::fail(upload_problem(core::msg("contributions.attachment.wrong_extension", {std::string(core::msg(info->label))})));

    storage::Attachment a;
    a.contribution = contribution;
    a.filename = name;
    a.content_type = std::string(type);
    a.size = static_cast<std::int64_t>(upload.data.size());
    a.sha256 = sha256_hex(upload.data);
    a.text = type == pdf_type ? pdf_text(upload.data, m_settings.max_text_bytes) : std::string();
    a.uploaded_by = *actor.user;
    a.created_at = m_clock.now();
    if (auto stored = store_blob(a.sha256, upload.data); !stored) return core::fail(stored.error());
    return m_db.add_attachment(a);
}

core::Status Attachments::remove(const Actor& actor, domain::ContributionId contribution, std::int64_t id) {
    auto c = editable(actor, contribution);
    if (!c) return core::fail(c.error());
    auto a = m_db.attachment(id);
    if (!a) return core::fail(a.error());
    if (auto removed = m_db.remove_attachment(contribution, id); !removed) return removed;
    // The bytes go when no other attachment shares them; a failure only leaves a stray file.
    if (auto left = m_db.attachments_with_hash(a->sha256); left && *left == 0) {
        std::error_code ec;
        fs::remove(blob_path(a->sha256), ec);
    }
    return {};
}

void Attachments::remove_unused_files(const std::vector<std::string>& hashes) {
    for (const auto& hash : hashes) {
        if (!is_stored_name(hash)) continue;
        if (auto left = m_db.attachments_with_hash(hash); left && *left == 0) {
            std::error_code ec;
            fs::remove(blob_path(hash), ec);
        }
    }
}

core::Result<long> Attachments::purge_unreferenced(std::chrono::seconds min_age) {
    std::error_code ec;
    const auto cutoff = fs::file_time_type::clock::now() - min_age;
    long removed = 0;
    for (fs::directory_iterator it(m_settings.upload_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code entry_ec;
        const bool temp = is_temp_name(name);
        if ((!temp && !is_stored_name(name)) || !it->is_regular_file(entry_ec)) continue;
        const auto written = it->last_write_time(entry_ec);
        if (entry_ec || written > cutoff) continue;
        if (temp) {
            if (fs::remove(it->path(), entry_ec)) ++removed;
            continue;
        }
        auto left = m_db.attachments_with_hash(name);
        if (!left) return core::fail(left.error());
        if (*left == 0 && fs::remove(it->path(), entry_ec)) ++removed;
    }
    if (ec) return core::fail(core::Error::unavailable(core::msg("contributions.attachment.purge_failed", {ec.message()})));
    return removed;
}

core::Result<std::vector<storage::Attachment>> Attachments::list(const Actor& actor, domain::ContributionId contribution) {
    if (!actor.logged_in()) return core::fail(login_required());
    auto c = m_db.contribution(contribution);
    if (!c) return core::fail(c.error());
    if (!can(actor, Action::ViewContribution, Target::contribution(c->author, c->status)))
        return core::fail(core::Error::not_found(std::string(core::msg("community.store.contribution")),
                                                 std::to_string(contribution)));
    return m_db.attachments_of(contribution);
}

core::Result<AttachmentFile> Attachments::file(const Actor& actor, std::int64_t id) {
    auto hidden = core::Error::not_found(std::string(core::msg("contributions.store.attachment")), std::to_string(id));
    auto a = m_db.attachment(id);
    if (!a) return core::fail(a.error());
    auto c = m_db.contribution(a->contribution);
    if (!c) return core::fail(c.error());
    const bool published = c->status == domain::ContributionStatus::Published;
    if (!published && !can(actor, Action::ViewContribution, Target::contribution(c->author, c->status)))
        return core::fail(hidden);
    std::error_code ec;
    if (!fs::exists(blob_path(a->sha256), ec)) return core::fail(hidden);
    return AttachmentFile{*a, blob_path(a->sha256)};
}

std::vector<storage::Attachment> Attachments::for_item(const domain::Item& item) {
    auto id = contribution_of(item);
    if (!id) return {};
    auto c = m_db.contribution(*id);
    if (!c || c->status != domain::ContributionStatus::Published) return {};
    auto list = m_db.attachments_of(*id);
    return list ? std::move(*list) : std::vector<storage::Attachment>{};
}

std::string Attachments::search_text(const domain::Item& item) {
    // No status check: the item exists only once publishing started, and the index may take
    // it in between writing the item and marking the contribution published.
    auto id = contribution_of(item);
    if (!id) return {};
    auto list = m_db.attachments_of(*id);
    std::string text;
    if (list)
        for (const auto& a : *list)
            if (!a.text.empty()) text += a.text + "\n";
    return text;
}

}  // namespace gezondin::services
