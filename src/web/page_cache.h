#pragma once
// A bounded cache of rendered GET responses, keyed by request target. Everything a page shows
// comes from the database through the search index, so the index's change-log position is a
// complete validator: when it moves, the whole cache is dropped. Thread-safe.

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "web/http/message.h"

namespace gezondin::web {

class PageCache {
public:
    explicit PageCache(std::size_t capacity) : m_capacity(capacity) {}

    // The cached response for `target` if it was stored at `generation` (and, when
    // `session_free_only`, only if it was rendered without looking at the visitor's session).
    std::optional<Response> find(const std::string& target, std::int64_t generation, bool session_free_only = false);
    // `session_free`: the page is the same for every visitor, logged in or not.
    void store(const std::string& target, std::int64_t generation, const Response& response, bool session_free = false);

private:
    struct Page {
        Response response;
        bool session_free = false;
    };
    using Entry = std::pair<std::string, Page>;
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::int64_t m_generation = -1;
    std::list<Entry> m_lru;   // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> m_index;
};

}  // namespace gezondin::web
