#include "web/page_cache.h"

namespace gezondin::web {

std::optional<Response> PageCache::find(const std::string& target, std::int64_t generation, bool session_free_only) {
    std::lock_guard lock(m_mutex);
    if (generation != m_generation) return std::nullopt;
    auto it = m_index.find(target);
    if (it == m_index.end()) return std::nullopt;
    if (session_free_only && !it->second->second.session_free) return std::nullopt;
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    return it->second->second.response;
}

void PageCache::store(const std::string& target, std::int64_t generation, const Response& response, bool session_free) {
    if (m_capacity == 0 || target.size() > 2048) return;
    std::lock_guard lock(m_mutex);
    if (generation != m_generation) {
        m_lru.clear();
        m_index.clear();
        m_generation = generation;
    }
    if (auto it = m_index.find(target); it != m_index.end()) {
        it->second->second = Page{response, session_free};
        m_lru.splice(m_lru.begin(), m_lru, it->second);
        return;
    }
    m_lru.emplace_front(target, Page{response, session_free});
    m_index.emplace(target, m_lru.begin());
    if (m_lru.size() > m_capacity) {
        m_index.erase(m_lru.back().first);
        m_lru.pop_back();
    }
}

}  // namespace gezondin::web
