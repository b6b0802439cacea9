#pragma once
// A small bounded pool of worker threads for CPU-heavy jobs (argon2id), so that the HTTP I/O
// threads never hash. At most `queue_limit` jobs wait; beyond that a job is refused at once
// (the caller answers "busy, try again") instead of piling up memory and latency: each
// waiting hash costs 64 MiB once it runs, and a login storm must not starve page serving.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "services/community/passwords.h"

namespace gezondin::services {

class WorkerPool {
public:
    // `threads` == 0 runs every job inline in submit() (tests, command-line tools).
    WorkerPool(int threads, std::size_t queue_limit);
    // Runs the jobs already queued, then joins the threads (drain()).
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues `job`; false (job not run, not kept) when the queue is full or the pool stops.
    // Jobs must not throw; an escaping exception is swallowed so the worker survives.
    bool submit(std::function<void()> job);

    std::size_t queued() const;

    // Refuses new jobs from now on, runs the ones already queued and joins the threads.
    // Call it while whatever the jobs answer to (the HTTP server) still runs. Idempotent.
    void drain();

private:
    void work();

    std::size_t m_queue_limit;
    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::function<void()>> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

// The async password API on top of a WorkerPool. `done` runs on a worker thread (or inline
// when the pool has no threads, or at once with Unavailable when the queue is full).
class HashWorkerPool {
public:
    HashWorkerPool(const PasswordHasher& hasher, WorkerPool& pool) : m_hasher(hasher), m_pool(pool) {}

    void hash_password(std::string password, std::function<void(core::Result<std::string>)> done);

    struct Verification {
        bool ok = false;
        bool needs_rehash = false;
    };
    void verify_password(std::string hash, std::string password, std::function<void(core::Result<Verification>)> done);

    // Runs `job` on the pool, or calls `refused` at once when the queue is full.
    void run(std::function<void()> job, const std::function<void()>& refused);

    const PasswordHasher& hasher() const { return m_hasher; }

private:
    const PasswordHasher& m_hasher;
    WorkerPool& m_pool;
};

// The error a caller gets when the pool is full.
core::Error pool_busy();

}  // namespace gezondin::services
