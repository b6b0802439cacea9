#include "services/community/smtp_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>
#include <mutex>

#include "core/messages.h"
#include "services/community/clock.h"
#include "services/community/tokens.h"

namespace gezondin::services {

namespace {

constexpr std::string_view hex_digits = "0123456789ABCDEF";

void append_hex(std::string& out, unsigned char c) {
    out += '=';
    out += hex_digits[c >> 4];
    out += hex_digits[c & 0xF];
}

bool is_address_byte(unsigned char c) {
    if (c <= 0x20 || c >= 0x7F) return false;
    return std::string_view("<>()[]\\,;:\"").find(static_cast<char>(c)) == std::string_view::npos;
}

// Length of the UTF-8 sequence that starts with `lead`; 1 for a stray byte.
std::size_t utf8_length(unsigned char lead) {
    if (lead >= 0xF0 && lead < 0xF8) return 4;
    if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

// One character of a Q-encoded word (RFC 2047 section 4.2, the strict subset safe anywhere).
void append_q(std::string& out, unsigned char c) {
    if (c == ' ')
        out += '_';
    else if (c < 0x80 && std::isalnum(c))
        out += static_cast<char>(c);
    else
        append_hex(out, c);
}

// A display name as a phrase: plain when it is letters, digits and spaces only, otherwise
// encoded words (so commas, quotes or brackets cannot change the address list).
std::string encode_display_name(std::string_view name) {
    const bool plain = name.size() <= 60 && std::all_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x80 && (std::isalnum(u) || c == ' ');
    });
    std::string clean(name);
    for (auto& c : clean)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    return plain ? clean : encoded_words(clean);
}

std::string rfc5322_date(domain::Timestamp t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                  months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::string_view domain_of(std::string_view address) { return address.substr(address.rfind('@') + 1); }

void ensure_curl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Feeds the message to curl.
struct Upload {
    std::string_view data;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* up = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, up->data.size() - up->offset);
    std::memcpy(buffer, up->data.data() + up->offset, n);
    up->offset += n;
    return n;
}

struct CurlHandle {
    CURL* easy = curl_easy_init();
    curl_slist* recipients = nullptr;
    ~CurlHandle() {
        curl_slist_free_all(recipients);
        if (easy) curl_easy_cleanup(easy);
    }
};

// A refused recipient is the one failure that will not get better by trying again.
core::Error classify(CURLcode code, long reply, const char* detail, const std::string& to) {
    std::string what = *detail ? detail : curl_easy_strerror(code);
    if (reply > 0 && what.find(std::to_string(reply)) == std::string::npos) what += ", code " + std::to_string(reply);
    if (reply >= 500 && std::string_view(detail).starts_with("RCPT"))
        return core::Error::invalid_input(core::msg("email.smtp.recipient_refused", {to, std::to_string(reply)}));
    if (code == CURLE_OPERATION_TIMEDOUT) return core::Error::unavailable(core::msg("email.smtp.timeout", {what}));
    return core::Error::unavailable(core::msg("email.smtp.failed", {what}));
}

}  // namespace

bool is_plain_address(std::string_view address) {
    const auto at = address.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == address.size() || address.size() > 254) return false;
    if (address.find('@') != at) return false;
    return std::all_of(address.begin(), address.end(), [](char c) { return is_address_byte(static_cast<unsigned char>(c)); });
}

core::Result<Mailbox> parse_mailbox(std::string_view text) {
    const auto bad = [&] { return core::fail(core::Error::invalid_input(core::msg("email.smtp.bad_from", {text}))); };
    if (text.find_first_of("\r\n") != std::string_view::npos) return bad();
    Mailbox box;
    const auto open = text.rfind('<');
    if (open == std::string_view::npos) {
        box.address = std::string(text);
    } else {
        if (!text.ends_with('>')) return bad();
        box.address = std::string(text.substr(open + 1, text.size() - open - 2));
        std::string_view name = text.substr(0, open);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
        box.name = std::string(name);
    }
    if (!is_plain_address(box.address)) return bad();
    return box;
}

std::string redacted_smtp_url(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return std::string(url);
    const auto host_start = scheme + 3;
    const auto end = std::min(url.find('/', host_start), url.size());
    const auto at = url.substr(0, end).rfind('@');
    if (at == std::string_view::npos || at < host_start) return std::string(url);
    return std::string(url.substr(0, host_start)) + std::string(url.substr(at + 1));
}

std::string encode_header_text(std::string_view text) {
    std::string clean(text);
    for (auto& c : clean)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    const bool ascii = std::all_of(clean.begin(), clean.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii && clean.find("=?") == std::string::npos && clean.size() <= 70) return clean;
    return encoded_words(clean);
}

std::string encoded_words(std::string_view clean) {
    // Encoded words of at most 75 characters, split between whole UTF-8 characters.
    constexpr std::size_t max_payload = 75 - 12;   // "=?UTF-8?Q?" + "?="
    std::string out, word;
    const auto flush = [&] {
        if (word.empty()) return;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?Q?" + word + "?=";
        word.clear();
    };
    for (std::size_t i = 0; i < clean.size();) {
        const std::size_t n = std::min(utf8_length(static_cast<unsigned char>(clean[i])), clean.size() - i);
        std::string piece;
        for (std::size_t k = 0; k < n; ++k) append_q(piece, static_cast<unsigned char>(clean[i + k]));
        if (word.size() + piece.size() > max_payload) flush();
        word += piece;
        i += n;
    }
    flush();
    return out;
}

std::string quoted_printable(std::string_view text) {
    std::string out;
    std::size_t line_start = 0;
    while (line_start <= text.size()) {
        auto end = text.find('\n', line_start);
        const bool last = end == std::string_view::npos;
        std::string_view line = text.substr(line_start, last ? std::string_view::npos : end - line_start);
        if (line.ends_with('\r')) line.remove_suffix(1);
        std::size_t width = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const auto c = static_cast<unsigned char>(line[i]);
            const bool trailing_blank = (c == ' ' || c == '\t') && i + 1 == line.size();
            std::string piece;
            if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !trailing_blank))
                piece = static_cast<char>(c);
            else
                append_hex(piece, c);
            if (width + piece.size() > 75) {   // soft line break: "=" makes 76
                out += "=\r\n";
                width = 0;
            }
            out += piece;
            width += piece.size();
        }
        if (last) break;
        out += "\r\n";
        line_start = end + 1;
    }
    return out;
}

core::Result<std::string> format_message(const OutgoingEmail& email, const Mailbox& from, domain::Timestamp date,
                                         std::string_view message_id) {
    if (!is_plain_address(email.to))
        return core::fail(core::Error::invalid_input(core::msg("email.smtp.bad_recipient", {email.to})));
    if (!is_plain_address(from.address))
        return core::fail(core::Error::invalid_input(core::msg("email.smtp.bad_from", {from.address})));
    std::string m;
    m += "Date: " + rfc5322_date(date) + "\r\n";
    m += "From: ";
    if (!from.name.empty()) m += encode_display_name(from.name) + " ";
    m += "<" + from.address + ">\r\n";
    m += "To: <" + email.to + ">\r\n";
    m += "Subject: " + encode_header_text(email.subject) + "\r\n";
    m += "Message-ID: <" + std::string(message_id) + "@" + std::string(domain_of(from.address)) + ">\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=utf-8\r\n";
    m += "Content-Transfer-Encoding: quoted-printable\r\n";
    m += "Auto-Submitted: auto-generated\r\n";
    m += "\r\n";
    m += quoted_printable(email.body);
    if (!m.ends_with("\r\n")) m += "\r\n";
    return m;
}

core::Result<std::unique_ptr<SmtpSender>> SmtpSender::create(SmtpConfig config) {
    const std::string_view url = config.url;
    const bool scheme_ok = url.starts_with("smtp://") || url.starts_with("smtps://");
    const auto host_start = url.find("://") + 3;
    if (!scheme_ok || host_start >= url.size() || url.find_first_of("\r\n ") != std::string_view::npos)
        return core::fail(core::Error::invalid_input(core::msg("email.smtp.bad_url", {redacted_smtp_url(url)})));
    if (!is_plain_address(config.from))
        return core::fail(core::Error::invalid_input(core::msg("email.smtp.bad_from", {config.from})));
    if (config.from_name.find_first_of("\r\n") != std::string::npos)
        return core::fail(core::Error::invalid_input(core::msg("email.smtp.bad_from", {config.from_name})));
    ensure_curl();
    return std::unique_ptr<SmtpSender>(new SmtpSender(std::move(config)));
}

core::Status SmtpSender::send(const OutgoingEmail& email) {
    auto message = format_message(email, {m_config.from_name, m_config.from}, SystemClock().now(), new_token());
    if (!message) return core::fail(message.error());
    CurlHandle h;
    if (!h.easy) return core::fail(core::Error::unavailable(core::msg("email.smtp.failed", {"curl_easy_init"})));
    const std::string mail_from = "<" + m_config.from + ">";
    h.recipients = curl_slist_append(nullptr, ("<" + email.to + ">").c_str());
    Upload upload{*message};
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(h.easy, CURLOPT_URL, m_config.url.c_str());
    curl_easy_setopt(h.easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h.easy, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(h.easy, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(h.easy, CURLOPT_MAIL_RCPT, h.recipients);
    curl_easy_setopt(h.easy, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h.easy, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(h.easy, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h.easy, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message->size()));
    curl_easy_setopt(h.easy, CURLOPT_CONNECTTIMEOUT_MS, m_config.connect_timeout_ms);
    curl_easy_setopt(h.easy, CURLOPT_TIMEOUT_MS, m_config.total_timeout_ms);
    curl_easy_setopt(h.easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.easy, CURLOPT_ERRORBUFFER, detail);
    const CURLcode code = curl_easy_perform(h.easy);
    if (code == CURLE_OK) return {};
    long reply = 0;
    curl_easy_getinfo(h.easy, CURLINFO_RESPONSE_CODE, &reply);
    return core::fail(classify(code, reply, detail, email.to));
}

}  // namespace gezondin::services
