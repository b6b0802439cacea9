#pragma once
// The time source of the community services, so tests use a fake clock and never sleep.

#include <atomic>
#include <chrono>

#include "domain/timestamp.h"

namespace gezondin::services {

class Clock {
public:
    virtual ~Clock() = default;
    virtual domain::Timestamp now() const = 0;
};

class SystemClock final : public Clock {
public:
    domain::Timestamp now() const override {
        return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

// A clock that moves only when told; thread-safe.
class FakeClock final : public Clock {
public:
    explicit FakeClock(domain::Timestamp start = 1'795'000'000) : m_now(start) {}
    domain::Timestamp now() const override { return m_now.load(); }
    void set(domain::Timestamp t) { m_now.store(t); }
    void advance(long seconds) { m_now.fetch_add(seconds); }

private:
    std::atomic<domain::Timestamp> m_now;
};

}  // namespace gezondin::services
