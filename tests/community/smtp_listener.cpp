#include "tests/community/smtp_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace gezondin::community_testing {

namespace {

constexpr std::size_t max_line = 4096;
constexpr std::size_t max_message = 4 << 20;
constexpr int idle_limit_ms = 10'000;   // a client that says nothing for this long is dropped

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// "MAIL FROM:<a@b> SIZE=1" -> "a@b".
std::string bracketed(std::string_view line) {
    auto open = line.find('<');
    auto close = line.find('>', open == std::string_view::npos ? 0 : open);
    if (open == std::string_view::npos || close == std::string_view::npos) return {};
    return std::string(line.substr(open + 1, close - open - 1));
}

// Reads CRLF-terminated lines from one client, giving up on stop, close, overlong lines or
// a long silence.
class LineReader {
public:
    LineReader(int fd, int stop_fd) : m_fd(fd), m_stop_fd(stop_fd) {}

    std::optional<std::string> next() {
        for (;;) {
            if (auto eol = m_buffer.find("\r\n"); eol != std::string::npos) {
                std::string line = m_buffer.substr(0, eol);
                m_buffer.erase(0, eol + 2);
                return line;
            }
            if (m_buffer.size() > max_line || !fill()) return std::nullopt;
        }
    }

    // Waits until the client closes or the listener stops (silent mode).
    void drain() {
        while (fill()) m_buffer.clear();
    }

private:
    bool fill() {
        pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_stop_fd, POLLIN, 0}};
        if (::poll(fds, 2, idle_limit_ms) <= 0 || (fds[1].revents & POLLIN)) return false;
        char chunk[4096];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        m_buffer.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    int m_fd, m_stop_fd;
    std::string m_buffer;
};

void say(int fd, std::string_view reply) {
    std::string line(reply);
    line += "\r\n";
    (void)::send(fd, line.data(), line.size(), MSG_NOSIGNAL);
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

bool same_name(std::string_view a, std::string_view b) { return upper(a) == upper(b); }

}  // namespace

std::vector<std::string> ParsedMail::all(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : headers)
        if (same_name(k, name)) out.push_back(v);
    return out;
}

std::string ParsedMail::get(std::string_view name) const {
    auto values = all(name);
    return values.empty() ? std::string() : values.front();
}

ParsedMail parse_mail(const std::string& data) {
    ParsedMail mail;
    const auto split = data.find("\r\n\r\n");
    const std::string head = data.substr(0, split);
    mail.body = split == std::string::npos ? std::string() : data.substr(split + 4);
    std::size_t pos = 0;
    while (pos < head.size()) {
        auto eol = head.find("\r\n", pos);
        std::string line = head.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
        pos = eol == std::string::npos ? head.size() : eol + 2;
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !mail.headers.empty()) {
            mail.headers.back().second += "\r\n" + line;
            continue;
        }
        auto colon = line.find(':');
        std::string value = colon == std::string::npos ? std::string() : line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        mail.headers.emplace_back(line.substr(0, colon), value);
    }
    return mail;
}

std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=') {
            out += text[i];
        } else if (text.substr(i + 1, 2) == "\r\n") {
            i += 2;
        } else if (i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += '=';
        }
    }
    return out;
}

std::string decode_header_words(std::string_view value) {
    std::string out;
    bool previous_word = false;
    std::size_t i = 0;
    while (i < value.size()) {
        const auto start = value.find("=?", i);
        const auto q = start == std::string_view::npos ? start : value.find("?Q?", start);
        const auto q_lower = start == std::string_view::npos ? start : value.find("?q?", start);
        const auto marker = std::min(q, q_lower);
        const auto end = marker == std::string_view::npos ? marker : value.find("?=", marker + 3);
        if (end == std::string_view::npos) {
            out += value.substr(i);
            break;
        }
        std::string_view between = value.substr(i, start - i);
        // Whitespace between two encoded words is folding, not text (RFC 2047 section 6.2).
        if (!(previous_word && between.find_first_not_of(" \t\r\n") == std::string_view::npos)) out += between;
        std::string payload(value.substr(marker + 3, end - marker - 3));
        for (auto& c : payload)
            if (c == '_') c = ' ';
        out += decode_quoted_printable(payload);
        previous_word = true;
        i = end + 2;
    }
    return out;
}

SmtpListener::SmtpListener() {
    if (::pipe(m_stop_pipe) != 0) throw std::runtime_error("pipe failed");
    m_listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (m_listen_fd < 0 || ::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(m_listen_fd, 8) != 0 || ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("cannot listen on 127.0.0.1");
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { run(); });
}

SmtpListener::~SmtpListener() {
    (void)::write(m_stop_pipe[1], "x", 1);
    m_thread.join();
    ::close(m_listen_fd);
    ::close(m_stop_pipe[0]);
    ::close(m_stop_pipe[1]);
}

void SmtpListener::fail_next(int count, Stage stage, std::string reply) {
    std::lock_guard lock(m_mutex);
    m_fail_count = count;
    m_fail_stage = stage;
    m_fail_reply = std::move(reply);
}

void SmtpListener::set_silent(bool silent) {
    std::lock_guard lock(m_mutex);
    m_silent = silent;
}

std::vector<ReceivedMessage> SmtpListener::messages() const {
    std::lock_guard lock(m_mutex);
    return m_messages;
}

int SmtpListener::refused() const {
    std::lock_guard lock(m_mutex);
    return m_refused;
}

bool SmtpListener::wait_for_messages(std::size_t count, std::chrono::milliseconds limit) const {
    std::unique_lock lock(m_mutex);
    return m_arrived.wait_for(lock, limit, [&] { return m_messages.size() >= count; });
}

void SmtpListener::run() {
    for (;;) {
        pollfd fds[2] = {{m_listen_fd, POLLIN, 0}, {m_stop_pipe[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0 || (fds[1].revents & POLLIN)) return;
        const int fd = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        serve(fd);
        ::close(fd);
    }
}

void SmtpListener::serve(int fd) {
    LineReader in(fd, m_stop_pipe[0]);
    bool silent = false;
    {
        std::lock_guard lock(m_mutex);
        silent = m_silent;
    }
    if (silent) {
        in.drain();
        return;
    }
    say(fd, "220 127.0.0.1 ESMTP test listener");
    ReceivedMessage current;
    std::string helo;
    // Takes one failure from fail_next when it is meant for `stage`; the reply, or "" for none.
    const auto failure_at = [this](Stage stage) -> std::string {
        std::lock_guard lock(m_mutex);
        if (m_fail_count <= 0 || m_fail_stage != stage) return {};
        --m_fail_count;
        ++m_refused;
        return m_fail_reply;
    };
    while (auto line = in.next()) {
        const std::string verb = upper(line->substr(0, std::min<std::size_t>(line->size(), 4)));
        const std::string argument = line->size() > 5 ? line->substr(5) : std::string();
        if (verb == "EHLO") {
            helo = argument;
            say(fd, "250-127.0.0.1 greets " + helo);
            say(fd, "250-8BITMIME");
            say(fd, "250 SIZE " + std::to_string(max_message));
        } else if (verb == "HELO") {
            helo = argument;
            say(fd, "250 127.0.0.1");
        } else if (verb == "MAIL") {
            current = ReceivedMessage{helo, bracketed(*line), {}, {}};
            say(fd, "250 2.1.0 Ok");
        } else if (verb == "RCPT") {
            if (auto reply = failure_at(Stage::Rcpt); !reply.empty()) {
                say(fd, reply);
                continue;
            }
            current.rcpt_to.push_back(bracketed(*line));
            say(fd, "250 2.1.5 Ok");
        } else if (verb == "DATA") {
            say(fd, "354 End data with <CR><LF>.<CR><LF>");
            std::string data;
            bool complete = false;
            while (auto body_line = in.next()) {
                if (*body_line == ".") {
                    complete = true;
                    break;
                }
                data += (body_line->starts_with('.') ? body_line->substr(1) : *body_line) + "\r\n";
                if (data.size() > max_message) break;
            }
            if (!complete) return;
            if (auto reply = failure_at(Stage::Data); !reply.empty()) {
                say(fd, reply);
                continue;
            }
            current.data = std::move(data);
            {
                std::lock_guard lock(m_mutex);
                m_messages.push_back(std::move(current));
            }
            m_arrived.notify_all();
            current = {};
            say(fd, "250 2.0.0 Ok: queued");
        } else if (verb == "RSET") {
            current = {};
            say(fd, "250 2.0.0 Ok");
        } else if (verb == "NOOP") {
            say(fd, "250 2.0.0 Ok");
        } else if (verb == "QUIT") {
            say(fd, "221 2.0.0 Bye");
            return;
        } else {
            say(fd, "502 5.5.2 Command not recognised");
        }
    }
}

}  // namespace gezondin::community_testing
