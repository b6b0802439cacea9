#include "domain/contribution.h"

#include <algorithm>

namespace gezondin::domain {

namespace {

using Lines = std::vector<std::string_view>;

Lines split_lines(std::string_view text) {
    Lines out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// Index into a V array of Myers' algorithm for diagonal k in [-d, d].
struct Snapshot {
    int d;
    std::vector<int> v;   // v[k + d]
    int at(int k) const { return v[static_cast<std::size_t>(k + d)]; }
};

// Myers' greedy forward pass over a[0..n) and b[0..m); the V array after every step, or an
// empty vector when more than `limit` edits are needed.
std::vector<Snapshot> forward(const Lines& a, const Lines& b, int limit) {
    const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
    const int max = n + m;
    std::vector<int> v(static_cast<std::size_t>(2 * max + 3), 0);
    auto V = [&](int k) -> int& { return v[static_cast<std::size_t>(k + max + 1)]; };
    std::vector<Snapshot> trace;
    for (int d = 0; d <= std::min(max, limit); ++d) {
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && V(k - 1) < V(k + 1))) ? V(k + 1) : V(k - 1) + 1;
            int y = x - k;
            while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) ++x, ++y;
            V(k) = x;
        }
        Snapshot s{d, {}};
        for (int k = -d; k <= d; ++k) s.v.push_back(V(k));
        trace.push_back(std::move(s));
        for (int k = -d; k <= d; k += 2)
            if (V(k) >= n && V(k) - k >= m) return trace;
    }
    return {};
}

// Walks the trace back from (n, m) and appends the edit script, in order, to `out`.
void backtrack(const std::vector<Snapshot>& trace, const Lines& a, const Lines& b, std::vector<DiffLine>& out) {
    std::vector<DiffLine> reversed;
    int x = static_cast<int>(a.size()), y = static_cast<int>(b.size());
    auto line = [](DiffKind kind, std::string_view text) { return DiffLine{kind, std::string(text)}; };
    for (int d = static_cast<int>(trace.size()) - 1; d > 0; --d) {
        const Snapshot& prev = trace[static_cast<std::size_t>(d - 1)];
        const int k = x - y;
        const int prev_k = (k == -d || (k != d && prev.at(k - 1) < prev.at(k + 1))) ? k + 1 : k - 1;
        const int prev_x = prev.at(prev_k), prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y) reversed.push_back(line(DiffKind::Unchanged, a[static_cast<std::size_t>(--x)])), --y;
        if (x == prev_x) reversed.push_back(line(DiffKind::Added, b[static_cast<std::size_t>(--y)]));
        else reversed.push_back(line(DiffKind::Removed, a[static_cast<std::size_t>(--x)]));
    }
    while (x > 0 && y > 0) reversed.push_back(line(DiffKind::Unchanged, a[static_cast<std::size_t>(--x)])), --y;
    out.insert(out.end(), reversed.rbegin(), reversed.rend());
}

}  // namespace

std::string_view to_slug(ContributionStatus s) {
    switch (s) {
    case ContributionStatus::Draft: return "draft";
    case ContributionStatus::Submitted: return "submitted";
    case ContributionStatus::Published: return "published";
    case ContributionStatus::Returned: return "returned";
    }
    return "draft";
}

std::optional<ContributionStatus> contribution_status_from_slug(std::string_view s) {
    for (auto st : {ContributionStatus::Draft, ContributionStatus::Submitted, ContributionStatus::Published,
                    ContributionStatus::Returned})
        if (to_slug(st) == s) return st;
    return std::nullopt;
}

bool is_contributable(ItemType type) { return type == ItemType::Praktijkvoorbeeld || type == ItemType::Instrument; }

std::string contribution_external_id(ContributionId id) { return "bijdrage-" + std::to_string(id); }

std::vector<DiffLine> diff_lines(std::string_view before, std::string_view after, int max_edits) {
    const Lines a = split_lines(before), b = split_lines(after);
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;

    std::vector<DiffLine> out;
    for (std::size_t i = 0; i < head; ++i) out.push_back({DiffKind::Unchanged, std::string(a[i])});
    const Lines mid_a(a.begin() + static_cast<long>(head), a.end() - static_cast<long>(tail));
    const Lines mid_b(b.begin() + static_cast<long>(head), b.end() - static_cast<long>(tail));
    auto trace = forward(mid_a, mid_b, std::max(0, max_edits));
    if (!trace.empty()) {
        backtrack(trace, mid_a, mid_b, out);
    } else {
        for (auto l : mid_a) out.push_back({DiffKind::Removed, std::string(l)});
        for (auto l : mid_b) out.push_back({DiffKind::Added, std::string(l)});
    }
    for (std::size_t i = a.size() - tail; i < a.size(); ++i) out.push_back({DiffKind::Unchanged, std::string(a[i])});
    return out;
}

}  // namespace gezondin::domain
