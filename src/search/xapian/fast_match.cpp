#include "search/xapian/fast_match.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace gezondin::search {

namespace {

// Candidates beyond the page: document scores here and in Xapian can differ in the last bit
// (sums in another order), which may reorder near-equal documents at the edge of the page.
constexpr Xapian::doccount min_margin = 5;

// One node of the evaluated query tree.
struct Node {
    enum class Kind { Term, Synonym, Sum, First, Zero };
    Kind kind = Kind::Zero;
    std::shared_ptr<const TermPostings> term;                // Kind::Term
    std::vector<std::shared_ptr<const TermPostings>> parts;  // Kind::Synonym
    double termweight = 0;                                   // Term, Synonym
    std::vector<std::size_t> children;                       // Sum, First (score of the first only)
    bool all_children_match = false;                         // Sum of an AND: no need to ask
    DocSet own;                                              // the matches, unless `term` holds them

    const DocSet& set() const { return term ? term->docs() : own; }
};

class Evaluator {
public:
    Evaluator(const Xapian::Database& db, const FacetTable& docs, const PostingsSource& postings)
        : m_docs(docs), m_postings(postings), m_collection(db.get_doccount()), m_last(db.get_lastdocid()) {}

    bool ok() const { return m_ok; }
    bool estimated() const { return m_estimated; }
    const Node& node(std::size_t i) const { return m_nodes[i]; }

    // Evaluates `q` into a node; returns its index. Sets ok() to false for what it cannot do.
    std::size_t eval(const Xapian::Query& q, bool weighted) {
        using Q = Xapian::Query;
        const auto type = q.get_type();
        const std::size_t n = q.get_num_subqueries();
        switch (type) {
            case Q::LEAF_TERM: {
                const std::string term = *q.get_terms_begin();
                if (weighted && !m_weighted_terms.insert(term).second) return fail();   // Xapian adds up its wqf
                Node node;
                node.kind = weighted ? Node::Kind::Term : Node::Kind::Zero;
                node.term = m_postings(term);
                if (weighted) node.termweight = termweight(node.term->frequency());
                return add(std::move(node));
            }
            case Q::LEAF_MATCH_ALL: {
                if (weighted) return fail();
                Node node;
                node.term = m_postings("");
                return add(std::move(node));
            }
            case Q::LEAF_MATCH_NOTHING: {
                Node node;
                node.own = DocSet(m_last);
                return add(std::move(node));
            }
            case Q::OP_AND:
            case Q::OP_OR:
            case Q::OP_XOR:
            case Q::OP_FILTER:
            case Q::OP_AND_NOT:
            case Q::OP_AND_MAYBE: {
                if (n == 0) return fail();
                Node node;
                // FILTER and AND_NOT: only the first subquery is weighted.
                const bool rest_weighted = weighted && type != Q::OP_FILTER && type != Q::OP_AND_NOT;
                node.kind = !weighted ? Node::Kind::Zero
                                      : (type == Q::OP_FILTER || type == Q::OP_AND_NOT ? Node::Kind::First : Node::Kind::Sum);
                node.all_children_match = type == Q::OP_AND;
                for (std::size_t i = 0; i < n && m_ok; ++i) node.children.push_back(eval(q.get_subquery(i), i == 0 ? weighted : rest_weighted));
                if (!m_ok) return 0;
                node.own = m_nodes[node.children[0]].set();
                for (std::size_t i = 1; i < n; ++i) {
                    const DocSet& s = m_nodes[node.children[i]].set();
                    if (type == Q::OP_AND || type == Q::OP_FILTER) node.own.intersect(s);
                    else if (type == Q::OP_OR) node.own.unite(s);
                    else if (type == Q::OP_XOR) node.own.symmetric_difference(s);
                    else if (type == Q::OP_AND_NOT) node.own.subtract(s);
                    // AND_MAYBE: the first subquery decides; the others only add weight.
                }
                return add(std::move(node));
            }
            case Q::OP_SYNONYM: {
                if (n == 0) return fail();
                Node node;
                node.own = DocSet(m_last);
                node.kind = weighted ? Node::Kind::Synonym : Node::Kind::Zero;
                for (std::size_t i = 0; i < n; ++i) {
                    const Xapian::Query sub = q.get_subquery(i);
                    if (!weighted) {
                        const std::size_t c = eval(sub, false);
                        if (!m_ok) return 0;
                        node.own.unite(m_nodes[c].set());
                        continue;
                    }
                    if (sub.get_type() != Q::LEAF_TERM) return fail();
                    const std::string term = *sub.get_terms_begin();
                    if (!m_weighted_terms.insert(term).second) return fail();
                    node.parts.push_back(m_postings(term));
                    node.own.unite(node.parts.back()->docs());
                }
                if (weighted) {
                    node.termweight = termweight(synonym_frequency(node.parts));
                    m_estimated = true;
                }
                return add(std::move(node));
            }
            default:
                return fail();   // phrases, NEAR, value ranges, scaled weights, posting sources, ...
        }
    }

    // Weighted terms and synonyms: what Xapian calls the query's subqueries for percentages.
    std::size_t weighted_leaves() const {
        std::size_t n = 0;
        for (const auto& node : m_nodes) n += node.kind == Node::Kind::Term || node.kind == Node::Kind::Synonym;
        return n;
    }
    // How many of those `did` matches in node `i` (which it matches), as Xapian counts them.
    std::size_t matched_leaves(std::size_t i, Xapian::docid did) const {
        const Node& node = m_nodes[i];
        switch (node.kind) {
            case Node::Kind::Term:
            case Node::Kind::Synonym: return 1;
            case Node::Kind::Sum: {
                std::size_t n = 0;
                for (auto c : node.children)
                    if (m_nodes[c].set().contains(did)) n += matched_leaves(c, did);
                return n;
            }
            case Node::Kind::First: return matched_leaves(node.children[0], did);
            case Node::Kind::Zero: return 0;
        }
        return 0;
    }

    // When the weighted part of node `i` is one term or an AND of terms (under any FILTER or
    // AND_NOT), those terms: score_flat() then adds the same parts in the same order as score(),
    // without its recursion (most queries have this shape).
    bool flat_terms(std::size_t i, std::vector<const Node*>& out) const {
        const Node& node = m_nodes[i];
        switch (node.kind) {
            case Node::Kind::Term: out.push_back(&node); return true;
            case Node::Kind::First: return flat_terms(node.children[0], out);
            case Node::Kind::Sum:
                if (!node.all_children_match) return false;
                for (auto c : node.children) {
                    if (m_nodes[c].kind != Node::Kind::Term) return false;
                    out.push_back(&m_nodes[c]);
                }
                return true;
            default: return false;
        }
    }
    double score_flat(const std::vector<const Node*>& terms, Xapian::docid did) const {
        double sum = 0;
        for (const Node* t : terms) sum += sumpart(t->termweight, t->term->member_wdf(did), did);
        return sum;
    }

    // The weight Xapian gives `did` for node `i`, which `did` matches (a document of its set).
    double score(std::size_t i, Xapian::docid did) const {
        const Node& node = m_nodes[i];
        switch (node.kind) {
            case Node::Kind::Term: return sumpart(node.termweight, node.term->member_wdf(did), did);
            case Node::Kind::Synonym: {
                Xapian::termcount wdf = 0;
                for (const auto& p : node.parts) wdf += p->wdf(did);
                return sumpart(node.termweight, std::min(wdf, m_docs.length(did)), did);
            }
            case Node::Kind::Sum: {
                double sum = 0;
                for (auto c : node.children)
                    if (node.all_children_match || m_nodes[c].set().contains(did)) sum += score(c, did);
                return sum;
            }
            case Node::Kind::First: return score(node.children[0], did);
            case Node::Kind::Zero: return 0;
        }
        return 0;
    }

private:
    std::size_t add(Node node) {
        m_nodes.push_back(std::move(node));
        return m_nodes.size() - 1;
    }
    std::size_t fail() {
        m_ok = false;
        return 0;
    }

    // BM25Weight::init() without relevance information, wqf 1 and factor 1.
    double termweight(Xapian::doccount tf) const {
        double tw = (static_cast<double>(m_collection) - tf + 0.5) / (tf + 0.5);
        if (tw < 2) tw = tw * 0.5 + 1;
        return std::log(tw) * (bm25_k1 + 1);
    }
    // BM25Weight::get_sumpart().
    double sumpart(double tw, Xapian::termcount wdf, Xapian::docid did) const {
        const double w = wdf;
        return tw * (w / (m_docs.length_norm(did) + w));
    }
    // How Xapian estimates a synonym's term frequency: OR'ed pairwise, rarest first, as if the
    // words were independent.
    Xapian::doccount synonym_frequency(const std::vector<std::shared_ptr<const TermPostings>>& parts) const {
        if (m_collection == 0) return 0;
        std::vector<double> f;
        for (const auto& p : parts) f.push_back(p->frequency());
        std::sort(f.begin(), f.end());
        double est = f[0];
        for (std::size_t i = 1; i < f.size(); ++i)
            est = std::floor(est + f[i] - est * f[i] / static_cast<double>(m_collection) + 0.5);
        return static_cast<Xapian::doccount>(est);
    }

    const FacetTable& m_docs;
    const PostingsSource& m_postings;
    const Xapian::doccount m_collection;
    const Xapian::docid m_last;
    bool m_ok = true;
    bool m_estimated = false;
    std::unordered_set<std::string> m_weighted_terms;
    std::vector<Node> m_nodes;
};

// A match's place in the result order: newest first (when sorting by date), then by weight,
// then by docid, as Xapian orders them.
struct Ranked {
    std::uint32_t date = 0;
    double weight = 0;
    Xapian::docid did = 0;
};

bool before(const Ranked& a, const Ranked& b) {
    if (a.date != b.date) return a.date > b.date;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.did < b.did;
}

// Xapian::PostingSource over a sorted list of docids.
class DocIdSource : public Xapian::PostingSource {
public:
    explicit DocIdSource(std::shared_ptr<const std::vector<Xapian::docid>> ids) : m_ids(std::move(ids)) {}
    Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(m_ids->size()); }
    Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(m_ids->size()); }
    Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(m_ids->size()); }
    void init(const Xapian::Database&) override {
        m_pos = 0;
        m_started = false;
    }
    void next(double) override {
        if (m_started) ++m_pos;
        m_started = true;
    }
    void skip_to(Xapian::docid did, double) override {
        m_started = true;
        m_pos = static_cast<std::size_t>(std::lower_bound(m_ids->begin() + static_cast<std::ptrdiff_t>(m_pos), m_ids->end(), did) -
                                         m_ids->begin());
    }
    bool at_end() const override { return m_pos >= m_ids->size(); }
    Xapian::docid get_docid() const override { return (*m_ids)[m_pos]; }
    DocIdSource* clone() const override { return new DocIdSource(m_ids); }
    std::string name() const override { return "gezondin.DocIdSource"; }

private:
    std::shared_ptr<const std::vector<Xapian::docid>> m_ids;
    std::size_t m_pos = 0;
    bool m_started = false;
};

}  // namespace

std::optional<FastMatch> fast_match(const FastMatchRequest& request, const Xapian::Database& db, const FacetTable& docs,
                                    const PostingsSource& postings) {
    const Xapian::doccount want = request.first + request.count;
    if (request.query == nullptr || want > fast_match_max_window) return std::nullopt;
    Evaluator ev(db, docs, postings);
    const std::size_t root = ev.eval(*request.query, request.weighted);
    if (!ev.ok()) return std::nullopt;

    FastMatch out;
    out.matches = ev.node(root).set();
    out.total = static_cast<long>(out.matches.count());
    const Xapian::doccount margin = std::max(min_margin, want / (ev.estimated() ? 2 : 4));
    const std::size_t keep = std::min<std::size_t>(want + margin, static_cast<std::size_t>(out.total));

    // The best `keep` matches in a heap whose top is the worst of them.
    std::vector<Ranked> heap;
    heap.reserve(keep + 1);
    Ranked best_weight{0, -1, 0};
    auto worse = [](const Ranked& a, const Ranked& b) { return before(a, b); };
    std::vector<const Node*> flat;
    const bool is_flat = request.weighted && ev.flat_terms(root, flat);
    out.matches.for_each([&](Xapian::docid did) {
        const double weight = !request.weighted ? 0.0 : is_flat ? ev.score_flat(flat, did) : ev.score(root, did);
        Ranked r{request.by_date ? docs.date(did) : 0, weight, did};
        if (r.weight > best_weight.weight) best_weight = r;
        if (heap.size() < keep) {
            heap.push_back(r);
            std::push_heap(heap.begin(), heap.end(), worse);
        } else if (keep > 0 && before(r, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), worse);
            heap.back() = r;
            std::push_heap(heap.begin(), heap.end(), worse);
        }
    });
    for (const auto& r : heap) out.candidates.push_back(r.did);
    if (best_weight.weight >= 0) out.candidates.push_back(best_weight.did);
    if (request.weighted && out.total > 0) {
        const std::size_t leaves = ev.weighted_leaves();
        if (leaves == 0) return std::nullopt;
        out.matched_fraction = static_cast<double>(ev.matched_leaves(root, best_weight.did)) / static_cast<double>(leaves);
    }
    std::sort(out.candidates.begin(), out.candidates.end());
    out.candidates.erase(std::unique(out.candidates.begin(), out.candidates.end()), out.candidates.end());
    return out;
}

int xapian_percent(double weight, double max_weight, double matched_fraction) {
    if (max_weight <= 0 || matched_fraction <= 0) return 100;
    const double v = weight * (matched_fraction * 100.0 / max_weight) + 100.0 * std::numeric_limits<double>::epsilon();
    const int percent = static_cast<int>(v);
    if (percent > 100) return 100;
    if (percent < 0) return 0;
    return percent == 0 && weight > 0 ? 1 : percent;
}

Xapian::Query restrict_to(const Xapian::Query& query, std::vector<Xapian::docid> ids) {
    auto source = new DocIdSource(std::make_shared<const std::vector<Xapian::docid>>(std::move(ids)));
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(source->release()));
}

}  // namespace gezondin::search
