#pragma once
// E-mail leaves the platform only through the outbox: services queue messages in the
// OutboxStore, and OutboxDelivery hands due ones to an EmailSender, retrying with growing
// pauses. Without a sender (no GEZONDIN_SMTP_URL) messages stay in the outbox, where the
// beheerder reads them (that is how the demo shows them).

#include <string>
#include <vector>
#include <mutex>

#include "core/error.h"
#include "services/community/clock.h"
#include "storage/community.h"

namespace gezondin::services {

struct OutgoingEmail {
    std::string to;        // one address, validated when queued
    std::string subject;   // one line: never contains CR or LF
    std::string body;      // plain text, UTF-8
};

// Delivers one message. Implementations: SMTP over libcurl (later), FakeEmailSender.
// Called from one thread at a time per OutboxDelivery.
class EmailSender {
public:
    virtual ~EmailSender() = default;
    // Unavailable for a temporary failure (retry later); InvalidInput for a permanent one
    // (address refused: give up at once).
    virtual core::Status send(const OutgoingEmail& email) = 0;
};

// Keeps what it was given; fails the next `fail_next` sends with Unavailable. Thread-safe.
class FakeEmailSender final : public EmailSender {
public:
    core::Status send(const OutgoingEmail& email) override;
    std::vector<OutgoingEmail> sent() const;
    void fail_next(int count);

private:
    mutable std::mutex m_mutex;
    std::vector<OutgoingEmail> m_sent;
    int m_fail_next = 0;
};

struct DeliveryReport {
    long sent = 0;
    long retried = 0;   // failed now, will try again
    long given_up = 0;  // failed for good
};

struct DeliveryPolicy {
    // Pause after the n-th failed attempt (seconds); after the last one the message fails.
    std::vector<long> retry_after = {60, 300, 1800, 7200, 43200};
    long lease_seconds = 300;   // a claimed message is not picked again for this long
};

class OutboxDelivery {
public:
    OutboxDelivery(storage::OutboxStore& outbox, EmailSender& sender, const Clock& clock, DeliveryPolicy policy = {});
    // Sends the messages due now, at most `limit`. Run it from a timer (e.g. every 30 s).
    core::Result<DeliveryReport> deliver_due(long limit = 50);

private:
    storage::OutboxStore& m_outbox;
    EmailSender& m_sender;
    const Clock& m_clock;
    DeliveryPolicy m_policy;
};

}  // namespace gezondin::services
