// The real `gezondin serve` with GEZONDIN_SMTP_URL pointing at the loopback SMTP listener:
// an account registered through HTTP (form, CSRF double-submit cookie) gets its confirmation
// e-mail at the listener, sent by the server's outbox timer.

#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "backend.h"
#include "tests/community/smtp_listener.h"

extern char** environ;

using namespace gezondin;
using community_testing::decode_header_words;
using community_testing::decode_quoted_printable;
using community_testing::parse_mail;
using community_testing::SmtpListener;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

// One child process running `gezondin serve`, stopped with SIGTERM by the destructor.
class ServerProcess {
public:
    ServerProcess(const std::string& data_dir, const std::vector<std::string>& extra_env) {
        std::vector<std::string> env;
        for (char** e = environ; *e; ++e)
            if (std::string_view(*e).rfind("GEZONDIN_", 0) != 0) env.emplace_back(*e);
        env.insert(env.end(), extra_env.begin(), extra_env.end());
        std::vector<std::string> args = {GEZONDIN_BINARY, "serve", "--data", data_dir, "--listen", "127.0.0.1:0"};
        std::vector<char*> argv, envp;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        for (auto& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);
        int out[2];
        if (::pipe(out) != 0) return;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        if (posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) m_pid = -1;
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        m_out = out[0];
    }

    ~ServerProcess() {
        stop();
        if (m_out >= 0) ::close(m_out);
    }

    // The port from the "serving on http://127.0.0.1:<port>" line; 0 when none came in time.
    int wait_for_port() {
        static const std::regex serving(R"(http://127\.0\.0\.1:(\d+))");
        std::string seen;
        while (m_out >= 0) {
            pollfd fd{m_out, POLLIN, 0};
            if (::poll(&fd, 1, 30'000) <= 0) return 0;
            char chunk[512];
            const ssize_t n = ::read(m_out, chunk, sizeof chunk);
            if (n <= 0) return 0;
            seen.append(chunk, static_cast<std::size_t>(n));
            m_output = seen;
            std::smatch m;
            if (std::regex_search(seen, m, serving)) return std::stoi(m[1]);
        }
        return 0;
    }

    // The exit status after SIGTERM, or -1.
    int stop() {
        if (m_pid <= 0) return m_status;
        ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
        m_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return m_status;
    }

    const std::string& output() const { return m_output; }

private:
    pid_t m_pid = -1;
    int m_out = -1;
    int m_status = -1;
    std::string m_output;
};

std::string cookie_pair(const httplib::Result& r, const std::string& name) {
    for (const auto& [k, v] : r->headers)
        if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v.substr(0, v.find(';'));
    return {};
}

std::string csrf_field(const std::string& html) {
    const std::string marker = "name=\"csrf\" value=\"";
    auto at = html.find(marker);
    if (at == std::string::npos) return {};
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
}

TEST(ServeMail, RegistrationThroughHttpSendsTheConfirmationToTheSmtpServer) {
    SmtpListener listener;
    storage::testing::TempDir dir;
    ServerProcess server(dir.path().string(), {"GEZONDIN_SMTP_URL=" + listener.url(), "GEZONDIN_MAIL_INTERVAL=1",
                                               "GEZONDIN_SMTP_FROM=GezondIn Test <noreply@gezondin.test>"});
    const int port = server.wait_for_port();
    ASSERT_GT(port, 0) << server.output();
    EXPECT_THAT(server.output(), HasSubstr(listener.url()));

    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(20, 0);
    auto form = c.Get("/account/aanmaken");
    ASSERT_TRUE(form);
    ASSERT_EQ(form->status, 200);
    httplib::Headers cookie = {{"Cookie", cookie_pair(form, "gezondin_formulier")}};
    auto registered = c.Post("/account/aanmaken", cookie,
                             "name=Zo%C3%AB+de+Vries&email=zoe%40example.org&password=een+lang+wachtwoord&csrf=" +
                                 csrf_field(form->body),
                             "application/x-www-form-urlencoded");
    ASSERT_TRUE(registered);
    EXPECT_EQ(registered->status, 303);

    ASSERT_TRUE(listener.wait_for_messages(1, std::chrono::seconds(30)));
    auto received = listener.messages();
    EXPECT_EQ(received[0].mail_from, "noreply@gezondin.test");
    EXPECT_THAT(received[0].rcpt_to, ElementsAre("zoe@example.org"));
    auto mail = parse_mail(received[0].data);
    EXPECT_EQ(mail.get("To"), "<zoe@example.org>");
    EXPECT_EQ(decode_header_words(mail.get("From")), "GezondIn Test <noreply@gezondin.test>");
    EXPECT_FALSE(decode_header_words(mail.get("Subject")).empty());
    const std::string body = decode_quoted_printable(mail.body);
    EXPECT_THAT(body, HasSubstr("Zoë de Vries"));
    EXPECT_THAT(body, HasSubstr("/account/bevestigen?code="));
    EXPECT_EQ(server.stop(), 0);
}

TEST(ServeMail, BadSmtpSettingsStopStartUp) {
    for (const std::string bad : {"GEZONDIN_SMTP_URL=http://127.0.0.1:25", "GEZONDIN_MAIL_INTERVAL=0"}) {
        storage::testing::TempDir dir;
        ServerProcess server(dir.path().string(), {bad});
        EXPECT_EQ(server.wait_for_port(), 0) << bad;   // output ends without a serving line
        EXPECT_NE(server.stop(), 0) << bad;
    }
}

}  // namespace
