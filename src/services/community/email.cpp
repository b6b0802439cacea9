#include "services/community/email.h"

#include "core/messages.h"

namespace gezondin::services {

core::Status FakeEmailSender::send(const OutgoingEmail& email) {
    std::lock_guard lock(m_mutex);
    if (m_fail_next > 0) {
        --m_fail_next;
        return core::fail(core::Error::unavailable("fake: temporary failure"));
    }
    m_sent.push_back(email);
    return {};
}

std::vector<OutgoingEmail> FakeEmailSender::sent() const {
    std::lock_guard lock(m_mutex);
    return m_sent;
}

void FakeEmailSender::fail_next(int count) {
    std::lock_guard lock(m_mutex);
    m_fail_next = count;
}

OutboxDelivery::OutboxDelivery(storage::OutboxStore& outbox, EmailSender& sender, const Clock& clock,
                               DeliveryPolicy policy)
    : m_outbox(outbox), m_sender(sender), m_clock(clock), m_policy(std::move(policy)) {}

core::Result<DeliveryReport> OutboxDelivery::deliver_due(long limit) {
    const auto now = m_clock.now();
    auto due = m_outbox.claim_due_messages(now, m_policy.lease_seconds, limit);
    if (!due) return core::fail(due.error());
    DeliveryReport report;
    for (const auto& m : *due) {
        auto sent = m_sender.send({m.to, m.subject, m.body});
        if (sent) {
            if (auto marked = m_outbox.mark_message_sent(m.id, m_clock.now()); !marked) return core::fail(marked.error());
            ++report.sent;
            continue;
        }
        const auto attempt = static_cast<std::size_t>(m.attempts);   // failures before this one
        const bool retry = sent.error().code() != core::ErrorCode::InvalidInput && attempt < m_policy.retry_after.size();
        std::optional<domain::Timestamp> next;
        if (retry) next = m_clock.now() + m_policy.retry_after[attempt];
        if (auto marked = m_outbox.mark_message_failed(m.id, sent.error().message(), next); !marked)
            return core::fail(marked.error());
        ++(retry ? report.retried : report.given_up);
    }
    return report;
}

}  // namespace gezondin::services
