#pragma once
// SmtpSender: the EmailSender that hands each outbox message to an SMTP server over libcurl.
//
// The message is built here (RFC 5322, UTF-8 text in quoted-printable, subject as RFC 2047
// encoded-words when needed); curl does the SMTP dialogue and the dot-stuffing. Header
// injection is impossible by construction: addresses with any control character, space or
// angle bracket are refused before a byte is sent, and line breaks in a subject become spaces.
//
// Errors: a recipient the server refuses for good (5xx to RCPT TO) or an address that cannot
// be used is InvalidInput, so OutboxDelivery gives that message up at once; everything else
// (no connection, timeout, 4xx, other 5xx replies) is Unavailable, so it retries later.
//
// Thread-safety: send() may be called from several threads; each call uses its own
// connection. Only this file's .cpp includes <curl/curl.h>.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "domain/timestamp.h"
#include "services/community/email.h"

namespace gezondin::services {

// Where and how to send. `url` is smtp://host[:port] (STARTTLS when the server offers it),
// or smtps://host[:port] (TLS from the start); user and password may be in the URL
// (smtps://user:password@host:465).
struct SmtpConfig {
    std::string url;
    std::string from;           // bare address: noreply@example.org
    std::string from_name;      // display name, may be non-ASCII; empty: none
    long connect_timeout_ms = 10'000;
    long total_timeout_ms = 30'000;   // whole dialogue for one message: a dead server never blocks longer
};

// A mailbox for the From header, parsed from "Name <address>" or "address".
struct Mailbox {
    std::string name;
    std::string address;
};

// InvalidInput when `text` is not one usable mailbox (see is_plain_address).
core::Result<Mailbox> parse_mailbox(std::string_view text);

// True for local@domain in printable ASCII without space, control characters, quotes, angle
// brackets, brackets, parentheses, commas, semicolons or colons: safe on an SMTP command line
// and in a header.
bool is_plain_address(std::string_view address);

// The SMTP URL with any user and password removed, for log lines.
std::string redacted_smtp_url(std::string_view url);

// The whole message as sent after DATA: headers and body with CRLF line endings.
// InvalidInput when `email.to` or `from.address` is not a plain address.
core::Result<std::string> format_message(const OutgoingEmail& email, const Mailbox& from, domain::Timestamp date,
                                         std::string_view message_id);

// "=?UTF-8?Q?...?=" words (folded with CRLF SP) for a header value that needs them; ASCII
// without "=?" stays as it is. Control characters (CR and LF among them) become spaces.
std::string encode_header_text(std::string_view text);

// `text` as RFC 2047 Q-encoded words, whatever it contains (only letters and digits stay
// as they are), folded with CRLF SP between words.
std::string encoded_words(std::string_view text);

// The body in quoted-printable: lines of at most 76 characters, CRLF line endings.
std::string quoted_printable(std::string_view text);

class SmtpSender final : public EmailSender {
public:
    // InvalidInput when the URL is not smtp:// or smtps:// with a host, or `from` is not a
    // plain address.
    static core::Result<std::unique_ptr<SmtpSender>> create(SmtpConfig config);

    core::Status send(const OutgoingEmail& email) override;

private:
    explicit SmtpSender(SmtpConfig config) : m_config(std::move(config)) {}
    SmtpConfig m_config;
};

}  // namespace gezondin::services
