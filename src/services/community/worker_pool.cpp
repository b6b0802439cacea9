#include "services/community/worker_pool.h"

#include <memory>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/messages.h"

namespace gezondin::services {

WorkerPool::WorkerPool(int threads, std::size_t queue_limit) : m_queue_limit(queue_limit) {
    for (int i = 0; i < threads; ++i) m_threads.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() { drain(); }

void WorkerPool::drain() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_ready.notify_all();
    for (auto& t : m_threads)
        if (t.joinable()) t.join();
}

bool WorkerPool::submit(std::function<void()> job) {
    if (m_threads.empty()) {
        try {
            job();
        } catch (...) {
        }
        return true;
    }
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_jobs.size() >= m_queue_limit) return false;
        m_jobs.push_back(std::move(job));
    }
    m_ready.notify_one();
    return true;
}

std::size_t WorkerPool::queued() const {
    std::lock_guard lock(m_mutex);
    return m_jobs.size();
}

void WorkerPool::work() {
    // The jobs are CPU-heavy background work (password hashes): a lower priority for this
    // thread keeps the HTTP I/O threads responsive while a login storm fills the queue.
    // Linux applies the nice value per thread. Best effort: a refusal changes nothing else.
    (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_ready.wait(lock, [&] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty()) return;   // stopping, and nothing left to finish
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        try {
            job();
        } catch (...) {
            // A job that throws is a bug in the job; the worker must outlive it.
        }
    }
}

core::Error pool_busy() { return core::Error::unavailable(std::string(core::msg("community.busy"))); }

void HashWorkerPool::run(std::function<void()> job, const std::function<void()>& refused) {
    if (!m_pool.submit(std::move(job))) refused();
}

void HashWorkerPool::hash_password(std::string password, std::function<void(core::Result<std::string>)> done) {
    auto shared_done = std::make_shared<std::function<void(core::Result<std::string>)>>(std::move(done));
    run([this, password = std::move(password), shared_done] { (*shared_done)(m_hasher.hash(password)); },
        [shared_done] { (*shared_done)(core::fail(pool_busy())); });
}

void HashWorkerPool::verify_password(std::string hash, std::string password,
                                     std::function<void(core::Result<Verification>)> done) {
    auto shared_done = std::make_shared<std::function<void(core::Result<Verification>)>>(std::move(done));
    run(
        [this, hash = std::move(hash), password = std::move(password), shared_done] {
            Verification v;
            v.ok = m_hasher.verify(hash, password);
            v.needs_rehash = v.ok && m_hasher.needs_rehash(hash);
            (*shared_done)(v);
        },
        [shared_done] { (*shared_done)(core::fail(pool_busy())); });
}

}  // namespace gezondin::services
