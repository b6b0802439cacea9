// SmtpSender: the message it builds (headers, encoded subject, quoted-printable body, no
// header injection) and delivery from the outbox to a real SMTP listener on loopback, with
// retries by the DeliveryPolicy and a timeout against a server that never answers.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/community/smtp_sender.h"
#include "tests/community/community_backend.h"
#include "tests/community/smtp_listener.h"

using namespace gezondin;
using namespace gezondin::services;
using community_testing::decode_header_words;
using community_testing::decode_quoted_printable;
using community_testing::parse_mail;
using community_testing::SmtpListener;
using core::ErrorCode;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAreArray;

namespace {

const Mailbox from{"GezondIn Café", "noreply@gezondin.test"};
const std::string utf8_body = "Beste Zoë,\n\nWelkom bij GezondIn. Één link: https://gezondin.test/a?b=c\n"
                              ".Een regel met een punt vooraan\n\nGroet, het team ✓\n";

// The header names a message of ours has, and nothing else.
const std::vector<std::string> expected_headers = {"Date", "From", "To", "Subject", "Message-ID", "MIME-Version",
                                                   "Content-Type", "Content-Transfer-Encoding", "Auto-Submitted"};

std::vector<std::string> header_names(const community_testing::ParsedMail& mail) {
    std::vector<std::string> names;
    for (const auto& [name, value] : mail.headers) names.push_back(name);
    return names;
}

std::unique_ptr<SmtpSender> sender_to(const std::string& url, long total_ms = 5000) {
    auto sender = SmtpSender::create({url, from.address, from.name, std::min(total_ms, 2000L), total_ms});
    EXPECT_TRUE(sender) << sender.error().message();
    return sender ? std::move(*sender) : nullptr;
}

// The raw message of format_message, taken apart.
community_testing::ParsedMail formatted(const OutgoingEmail& email) {
    auto text = format_message(email, from, 1'795'000'000, "abc123");
    EXPECT_TRUE(text) << text.error().message();
    return parse_mail(text.value_or(""));
}

TEST(SmtpMessage, HasEveryHeaderAndTheBodyRoundTrips) {
    auto text = format_message({"zoe@example.org", "Uw account bij GezondIn", utf8_body}, from, 1'795'000'000, "abc123");
    ASSERT_TRUE(text);
    for (std::size_t i = text->find('\n'); i != std::string::npos; i = text->find('\n', i + 1))
        ASSERT_EQ((*text)[i - 1], '\r') << "bare LF at " << i;
    auto mail = parse_mail(*text);
    EXPECT_THAT(header_names(mail), UnorderedElementsAreArray(expected_headers));
    EXPECT_EQ(mail.get("Date"), "Wed, 18 Nov 2026 11:06:40 +0000");
    EXPECT_EQ(decode_header_words(mail.get("From")), "GezondIn Café <noreply@gezondin.test>");
    EXPECT_EQ(mail.get("To"), "<zoe@example.org>");
    EXPECT_EQ(mail.get("Subject"), "Uw account bij GezondIn");
    EXPECT_EQ(mail.get("Message-ID"), "<abc123@gezondin.test>");
    EXPECT_EQ(mail.get("MIME-Version"), "1.0");
    EXPECT_EQ(mail.get("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_EQ(mail.get("Content-Transfer-Encoding"), "quoted-printable");
    std::string expected = utf8_body;
    for (std::size_t i = expected.find('\n'); i != std::string::npos; i = expected.find('\n', i + 2)) expected.insert(i, "\r");
    EXPECT_EQ(decode_quoted_printable(mail.body), expected);
}

TEST(SmtpMessage, NonAsciiAndLongSubjectsBecomeEncodedWordsThatDecodeBack) {
    const std::string subject = "Wekelijks overzicht: 3 nieuwe praktijkvoorbeelden over één thema — café, zorg en wonen";
    auto mail = formatted({"a@example.org", subject, "x"});
    const std::string raw = mail.get("Subject");
    EXPECT_THAT(raw, HasSubstr("=?UTF-8?Q?"));
    for (std::size_t start = 0; start < raw.size();) {
        auto end = raw.find("\r\n", start);
        EXPECT_LE((end == std::string::npos ? raw.size() : end) - start, 76u);
        start = end == std::string::npos ? raw.size() : end + 2;
    }
    EXPECT_EQ(decode_header_words(raw), subject);
}

TEST(SmtpMessage, QuotedPrintableKeepsLinesShortAndTrailingSpaces) {
    const std::string body = std::string(200, 'a') + " = b  \nnext\ttab\t\n";
    const std::string qp = quoted_printable(body);
    for (std::size_t start = 0; start < qp.size();) {
        auto end = qp.find("\r\n", start);
        EXPECT_LE((end == std::string::npos ? qp.size() : end) - start, 76u);
        start = end == std::string::npos ? qp.size() : end + 2;
    }
    EXPECT_EQ(decode_quoted_printable(qp), std::string(200, 'a') + " = b  \r\nnext\ttab\t\r\n");
}

TEST(SmtpMessage, LineBreaksInTheSubjectNeverMakeAHeader) {
    for (const std::string subject : {"Hallo\r\nBcc: evil@example.org", "Hallo\nBcc: evil@example.org",
                                      "Hallo\rBcc: evil@example.org", "Hé\r\nBcc: evil@example.org"}) {
        auto mail = formatted({"a@example.org", subject, "x"});
        EXPECT_THAT(header_names(mail), UnorderedElementsAreArray(expected_headers)) << subject;
        EXPECT_THAT(mail.all("Bcc"), IsEmpty());
        EXPECT_THAT(decode_header_words(mail.get("Subject")), HasSubstr("Bcc: evil@example.org"));
    }
}

TEST(SmtpMessage, AddressesAndNamesWithLineBreaksAreRefused) {
    for (const std::string to : {"a@example.org\r\nBcc: evil@example.org", "a@example.org\n", "a b@example.org",
                                 "<a@example.org>", "a@example.org>\r\nRCPT TO:<evil@example.org", "", "geen-adres",
                                 "a@b@example.org", "zoë@example.org"}) {
        auto text = format_message({to, "Onderwerp", "x"}, from, 0, "id");
        ASSERT_FALSE(text) << to;
        EXPECT_EQ(text.error().code(), ErrorCode::InvalidInput);
    }
    EXPECT_FALSE(parse_mailbox("GezondIn\r\nBcc: evil@example.org <noreply@gezondin.test>"));
    EXPECT_FALSE(parse_mailbox("GezondIn <noreply@gezondin.test>\r\nBcc: evil@example.org"));
    EXPECT_FALSE(SmtpSender::create({"smtp://127.0.0.1:25", "noreply@gezondin.test", "Naam\r\nBcc: x@y.z"}));
    EXPECT_FALSE(SmtpSender::create({"smtp://127.0.0.1:25", "noreply@gezondin.test\r\n", ""}));
    auto box = parse_mailbox("\"GezondIn Café\" <noreply@gezondin.test>");
    ASSERT_TRUE(box);
    EXPECT_EQ(box->name, "GezondIn Café");
    EXPECT_EQ(box->address, "noreply@gezondin.test");
}

TEST(SmtpMessage, DisplayNameWithSpecialsCannotAddAnAddress) {
    auto text = format_message({"a@example.org", "Onderwerp", "x"}, {"Team, \"GezondIn\" <x@evil.example>", "noreply@gezondin.test"},
                               0, "id");
    ASSERT_TRUE(text);
    const std::string raw = parse_mail(*text).get("From");
    EXPECT_EQ(raw.find(','), std::string::npos) << raw;
    EXPECT_EQ(raw.find("x@evil"), std::string::npos) << raw;
    EXPECT_EQ(decode_header_words(raw), "Team, \"GezondIn\" <x@evil.example> <noreply@gezondin.test>");
}

TEST(SmtpSenderConfig, RefusesOtherSchemesAndHidesPasswordsInLogs) {
    for (const std::string url : {"http://127.0.0.1:25", "smtp://", "127.0.0.1:25", "smtp://host name"})
        EXPECT_FALSE(SmtpSender::create({url, "noreply@gezondin.test", ""})) << url;
    EXPECT_TRUE(SmtpSender::create({"smtps://user:pass@mail.example.org:465", "noreply@gezondin.test", ""}));
    EXPECT_EQ(redacted_smtp_url("smtps://user:geheim@mail.example.org:465"), "smtps://mail.example.org:465");
    EXPECT_EQ(redacted_smtp_url("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
}

TEST(SmtpSenderTimeout, ServerThatNeverAnswersTimesOut) {
    SmtpListener listener;
    listener.set_silent(true);
    auto sender = sender_to(listener.url(), 800);
    ASSERT_TRUE(sender);
    auto sent = sender->send({"a@example.org", "Onderwerp", "x"});
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().code(), ErrorCode::Unavailable);
    EXPECT_THAT(listener.messages(), IsEmpty());
}

TEST(SmtpSenderTimeout, ClosedPortIsUnavailable) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    ::close(fd);   // bound once, nobody listens now
    auto sender = sender_to("smtp://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)));
    ASSERT_TRUE(sender);
    auto sent = sender->send({"a@example.org", "Onderwerp", "x"});
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().code(), ErrorCode::Unavailable);
}

// ---- From the outbox to the listener -----------------------------------------------------

class SmtpDelivery : public community_testing::CommunityTest {
protected:
    std::int64_t queue(const std::string& to, const std::string& subject, const std::string& body) {
        auto id = store().enqueue_message({std::nullopt, to, subject, body}, clock.now());
        EXPECT_TRUE(id) << id.error().message();
        return id.value_or(0);
    }
    storage::OutboxMessage message(std::int64_t id) {
        const auto all = store().messages(0, 100).value();
        for (const auto& m : all)
            if (m.id == id) return m;
        ADD_FAILURE() << "no message " << id;
        return {};
    }

    SmtpListener listener;
};
INSTANTIATE_TEST_SUITE_P(Sqlite, SmtpDelivery, ::testing::Values(std::string("sqlite")),
                         community_testing::backend_name);

TEST_P(SmtpDelivery, MessageArrivesWithHeadersAndUtf8BodyAndIsMarkedSent) {
    auto sender = sender_to(listener.url());
    OutboxDelivery delivery(store(), *sender, clock);
    const auto id = queue("zoe@example.org", "Bevestig uw e-mailadres — één klik", utf8_body);
    auto report = delivery.deliver_due();
    ASSERT_TRUE(report) << report.error().message();
    EXPECT_EQ(report->sent, 1);
    auto received = listener.messages();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].mail_from, "noreply@gezondin.test");
    EXPECT_THAT(received[0].rcpt_to, ElementsAre("zoe@example.org"));
    auto mail = parse_mail(received[0].data);
    EXPECT_THAT(header_names(mail), UnorderedElementsAreArray(expected_headers));
    EXPECT_EQ(decode_header_words(mail.get("Subject")), "Bevestig uw e-mailadres — één klik");
    EXPECT_EQ(mail.get("To"), "<zoe@example.org>");
    const std::string body = decode_quoted_printable(mail.body);
    EXPECT_THAT(body, HasSubstr("Beste Zoë,\r\n"));
    EXPECT_THAT(body, HasSubstr("\r\n.Een regel met een punt vooraan\r\n"));   // dot-stuffing undone
    EXPECT_THAT(body, HasSubstr("het team ✓"));
    auto stored = message(id);
    EXPECT_EQ(stored.status, storage::OutboxStatus::Sent);
    EXPECT_EQ(stored.attempts, 1);
}

TEST_P(SmtpDelivery, TemporaryFailureIsRetriedAfterThePolicyPause) {
    auto sender = sender_to(listener.url());
    DeliveryPolicy policy;
    policy.retry_after = {60, 300};
    OutboxDelivery delivery(store(), *sender, clock, policy);
    const auto id = queue("a@example.org", "Onderwerp", "Tekst");
    listener.fail_next(1, SmtpListener::Stage::Data, "451 4.3.0 Try again later");
    EXPECT_EQ(delivery.deliver_due()->retried, 1);
    EXPECT_EQ(message(id).status, storage::OutboxStatus::Pending);
    EXPECT_THAT(message(id).last_error, HasSubstr("451"));
    clock.advance(59);
    auto early = delivery.deliver_due().value();
    EXPECT_EQ(early.sent + early.retried + early.given_up, 0);   // not due yet
    EXPECT_THAT(listener.messages(), IsEmpty());
    clock.advance(1);
    EXPECT_EQ(delivery.deliver_due()->sent, 1);
    EXPECT_EQ(listener.messages().size(), 1u);
    EXPECT_EQ(listener.refused(), 1);
    EXPECT_EQ(message(id).status, storage::OutboxStatus::Sent);
    EXPECT_EQ(message(id).attempts, 2);
}

TEST_P(SmtpDelivery, LastingFailureIsGivenUpAfterTheMaximumAttempts) {
    auto sender = sender_to(listener.url());
    DeliveryPolicy policy;
    policy.retry_after = {60, 300};
    OutboxDelivery delivery(store(), *sender, clock, policy);
    const auto id = queue("a@example.org", "Onderwerp", "Tekst");
    listener.fail_next(1000, SmtpListener::Stage::Data, "554 5.6.0 Transaction failed");
    EXPECT_EQ(delivery.deliver_due()->retried, 1);
    clock.advance(60);
    EXPECT_EQ(delivery.deliver_due()->retried, 1);
    clock.advance(300);
    EXPECT_EQ(delivery.deliver_due()->given_up, 1);
    clock.advance(86400);
    auto after = delivery.deliver_due().value();
    EXPECT_EQ(after.sent + after.retried + after.given_up, 0);   // a failed message is not tried again
    EXPECT_EQ(listener.refused(), 3);
    auto stored = message(id);
    EXPECT_EQ(stored.status, storage::OutboxStatus::Failed);
    EXPECT_EQ(stored.attempts, 3);
    EXPECT_THAT(stored.last_error, HasSubstr("554"));
}

TEST_P(SmtpDelivery, RefusedRecipientIsGivenUpAtOnce) {
    auto sender = sender_to(listener.url());
    OutboxDelivery delivery(store(), *sender, clock);
    const auto id = queue("nobody@example.org", "Onderwerp", "Tekst");
    listener.fail_next(1, SmtpListener::Stage::Rcpt, "550 5.1.1 No such user");
    EXPECT_EQ(delivery.deliver_due()->given_up, 1);
    EXPECT_EQ(message(id).status, storage::OutboxStatus::Failed);
    EXPECT_EQ(message(id).attempts, 1);
}

TEST_P(SmtpDelivery, HostileOutboxRowsNeverAddAHeaderOrARecipient) {
    auto sender = sender_to(listener.url());
    OutboxDelivery delivery(store(), *sender, clock);
    const std::string injection = "\r\nBcc: evil@example.org\r\nX-Injected: yes";
    queue("a@example.org", "Welkom" + injection, "Beste Mila" + injection + "\r\n\r\nTekst\n.\nRCPT TO:<evil@example.org>\n");
    queue("b@example.org", "Hé" + injection, "x");
    const auto bad_to = queue("c@example.org" + injection, "Onderwerp", "x");
    const auto bad_to_smtp = queue("d@example.org>\r\nRCPT TO:<evil@example.org", "Onderwerp", "x");
    auto report = delivery.deliver_due().value();
    EXPECT_EQ(report.sent, 2);
    EXPECT_EQ(report.given_up, 2);
    EXPECT_EQ(message(bad_to).status, storage::OutboxStatus::Failed);
    EXPECT_EQ(message(bad_to_smtp).status, storage::OutboxStatus::Failed);
    auto received = listener.messages();
    ASSERT_EQ(received.size(), 2u);
    for (const auto& m : received) {
        ASSERT_EQ(m.rcpt_to.size(), 1u);
        EXPECT_NE(m.rcpt_to[0].find("@example.org"), std::string::npos);
        EXPECT_EQ(m.rcpt_to[0].find("evil"), std::string::npos);
        auto mail = parse_mail(m.data);
        EXPECT_THAT(header_names(mail), UnorderedElementsAreArray(expected_headers));
        EXPECT_THAT(mail.all("Bcc"), IsEmpty());
        EXPECT_THAT(mail.all("X-Injected"), IsEmpty());
    }
    EXPECT_THAT(decode_quoted_printable(parse_mail(received[0].data).body), HasSubstr("Bcc: evil@example.org"));
}

}  // namespace
