#pragma once
// A small SMTP server on 127.0.0.1 for tests: it takes a free port, serves one connection at
// a time on one thread, speaks enough SMTP for curl (220, EHLO/HELO, MAIL FROM, RCPT TO, DATA,
// the final dot, RSET, NOOP, QUIT), records every accepted message and can be told to refuse
// the next transactions or to go silent. Everything is bounded: line length, message size,
// and how long it waits for a client. The destructor stops and joins the thread.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace gezondin::community_testing {

struct ReceivedMessage {
    std::string helo;                  // argument of EHLO or HELO
    std::string mail_from;             // inside the angle brackets
    std::vector<std::string> rcpt_to;  // inside the angle brackets
    std::string data;                  // after DATA, dot-unstuffed, CRLF line endings, without the final dot
};

// A received message taken apart for assertions: header fields in order (continuation lines
// unfolded, names as sent) and the raw body.
struct ParsedMail {
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // Values of every field named `name` (case-insensitive).
    std::vector<std::string> all(std::string_view name) const;
    // The first value, or "" when absent.
    std::string get(std::string_view name) const;
};
ParsedMail parse_mail(const std::string& data);

// Quoted-printable decoding (soft line breaks removed, CRLF kept).
std::string decode_quoted_printable(std::string_view text);
// A header value with its RFC 2047 "=?UTF-8?Q?...?=" words decoded (the folding between
// adjacent words dropped).
std::string decode_header_words(std::string_view value);

class SmtpListener {
public:
    enum class Stage { Rcpt, Data };

    SmtpListener();
    ~SmtpListener();
    SmtpListener(const SmtpListener&) = delete;
    SmtpListener& operator=(const SmtpListener&) = delete;

    std::uint16_t port() const { return m_port; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }

    // The next `count` transactions get `reply` (e.g. "451 4.3.0 Try again later") at `stage`
    // instead of 250; the message is then not recorded.
    void fail_next(int count, Stage stage, std::string reply);
    // Silent: accept connections and never say a word (a hung server).
    void set_silent(bool silent);

    std::vector<ReceivedMessage> messages() const;
    // Transactions refused through fail_next so far.
    int refused() const;
    // Waits until at least `count` messages arrived or `limit` passed; true when they did.
    bool wait_for_messages(std::size_t count, std::chrono::milliseconds limit) const;

private:
    void run();
    void serve(int fd);

    int m_listen_fd = -1;
    int m_stop_pipe[2] = {-1, -1};
    std::uint16_t m_port = 0;

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_arrived;
    std::vector<ReceivedMessage> m_messages;
    int m_fail_count = 0;
    Stage m_fail_stage = Stage::Data;
    std::string m_fail_reply;
    int m_refused = 0;
    bool m_silent = false;

    std::thread m_thread;
};

}  // namespace gezondin::community_testing
