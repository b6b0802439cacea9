#include "search/xapian/doc_sets.h"

#include <algorithm>
#include <limits>

namespace gezondin::search {

void DocSet::intersect(const DocSet& other) {
    const std::size_t n = std::min(m_words.size(), other.m_words.size());
    for (std::size_t i = 0; i < n; ++i) m_words[i] &= other.m_words[i];
    std::fill(m_words.begin() + static_cast<std::ptrdiff_t>(n), m_words.end(), 0);
}

void DocSet::unite(const DocSet& other) {
    if (other.m_words.size() > m_words.size()) m_words.resize(other.m_words.size(), 0);
    for (std::size_t i = 0; i < other.m_words.size(); ++i) m_words[i] |= other.m_words[i];
}

void DocSet::subtract(const DocSet& other) {
    const std::size_t n = std::min(m_words.size(), other.m_words.size());
    for (std::size_t i = 0; i < n; ++i) m_words[i] &= ~other.m_words[i];
}

void DocSet::symmetric_difference(const DocSet& other) {
    if (other.m_words.size() > m_words.size()) m_words.resize(other.m_words.size(), 0);
    for (std::size_t i = 0; i < other.m_words.size(); ++i) m_words[i] ^= other.m_words[i];
}

std::size_t DocSet::count() const {
    std::size_t n = 0;
    for (auto w : m_words) n += static_cast<std::size_t>(std::popcount(w));
    return n;
}

bool cpu_has_popcnt() { return __builtin_cpu_supports("popcnt"); }

std::size_t DocSet::count_common(const DocSet& other) const {
    const std::size_t n = std::min(m_words.size(), other.m_words.size());
    std::size_t common = 0;
    for (std::size_t i = 0; i < n; ++i) common += static_cast<std::size_t>(std::popcount(m_words[i] & other.m_words[i]));
    return common;
}

std::shared_ptr<const TermPostings> TermPostings::read(const Xapian::Database& db, const std::string& term) {
    auto p = std::make_shared<TermPostings>();
    p->m_docs = DocSet(db.get_lastdocid());
    p->m_wdf.reserve(db.get_termfreq(term));
    const bool all = term.empty();   // the all-documents list has no wdf worth keeping
    bool any_wdf = false;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        p->m_docs.add(*it);
        auto wdf = all ? 0 : it.get_wdf();
        any_wdf = any_wdf || wdf > 0;
        p->m_wdf.push_back(static_cast<std::uint16_t>(std::min<Xapian::termcount>(wdf, std::numeric_limits<std::uint16_t>::max())));
    }
    p->m_frequency = static_cast<Xapian::doccount>(p->m_wdf.size());
    if (!any_wdf) p->m_wdf.clear();
    const auto& words = p->m_docs.words();
    p->m_rank.resize(words.size());
    std::uint32_t before = 0;
    for (std::size_t w = 0; w < words.size(); ++w) {
        p->m_rank[w] = before;
        before += static_cast<std::uint32_t>(std::popcount(words[w]));
    }
    p->m_wdf.shrink_to_fit();
    return p;
}

std::size_t TermPostings::bytes() const {
    return sizeof(TermPostings) + m_docs.bytes() + m_rank.size() * sizeof(std::uint32_t) + m_wdf.size() * sizeof(std::uint16_t);
}

std::shared_ptr<const TermPostings> PostingsCache::get(const Xapian::Database& db, std::uint64_t files, Xapian::rev revision,
                                                       const std::string& term) const {
    {
        std::lock_guard lock(m_mutex);
        if (files == m_files && revision == m_revision) {
            if (auto it = m_entries.find(term); it != m_entries.end()) {
                m_uses.splice(m_uses.begin(), m_uses, it->second.use);
                return it->second.postings;
            }
        }
    }
    auto postings = TermPostings::read(db, term);   // outside the lock: other searches go on
    std::lock_guard lock(m_mutex);
    const bool newer = files > m_files || (files == m_files && revision > m_revision);
    if (newer) {
        m_entries.clear();
        m_uses.clear();
        m_bytes = 0;
        m_files = files;
        m_revision = revision;
    } else if (files != m_files || revision != m_revision) {
        return postings;   // an older revision: not worth keeping
    }
    if (auto it = m_entries.find(term); it != m_entries.end()) return it->second.postings;   // another thread was first
    const std::size_t size = postings->bytes() + term.size();
    if (size > m_max_bytes) return postings;
    while (m_bytes + size > m_max_bytes && !m_uses.empty()) {
        auto victim = m_entries.find(m_uses.back());
        m_bytes -= victim->second.postings->bytes() + victim->first.size();
        m_entries.erase(victim);
        m_uses.pop_back();
    }
    m_uses.push_front(term);
    m_entries.emplace(term, Entry{postings, m_uses.begin()});
    m_bytes += size;
    return postings;
}

}  // namespace gezondin::search
