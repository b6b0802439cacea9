#include "search/xapian/facets.h"

#include <algorithm>
#include <cstdio>

#include "domain/taxonomy.h"

namespace gezondin::search {

namespace {

constexpr unsigned char no_province = 255;
constexpr unsigned no_municipality = 0xFFFF;

const char* prefix(Facet f) {
    switch (f) {
        case Facet::Type: return "XT";
        case Facet::GalaGoal: return "XG";
        case Facet::Track: return "XS";
        case Facet::Theme: return "XH";
        case Facet::Level: return "XL";
        case Facet::Province: return "XP";
        case Facet::Municipality: return "XM";
        case Facet::Year: return "XY";
    }
    return "X";  // unreachable: the switch covers every Facet
}

// The digits of "PV27"/"GM0363" as a number, or -1.
int code_number(std::string_view code, std::string_view pfx, std::size_t digits) {
    if (code.size() != pfx.size() + digits || !code.starts_with(pfx)) return -1;
    int n = 0;
    for (char c : code.substr(pfx.size())) {
        if (c < '0' || c > '9') return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

std::string two_digits(int n, const char* pfx, int width) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%0*d", pfx, width, n);
    return buf;
}

void sort_by_count(std::vector<FacetCount>& v) {
    std::sort(v.begin(), v.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
}

}  // namespace

std::string facet_term(Facet facet, std::string_view value) { return prefix(facet) + std::string(value); }

std::vector<std::string> facet_terms(const IndexedItem& in) {
    const auto& item = in.item;
    std::vector<std::string> terms;
    terms.push_back(facet_term(Facet::Type, domain::to_slug(item.type)));
    terms.push_back(facet_term(Facet::Level, domain::to_slug(item.level)));
    for (int g : item.gala_goals) terms.push_back(facet_term(Facet::GalaGoal, std::to_string(g)));
    for (const auto& t : item.tracks) terms.push_back(facet_term(Facet::Track, t));
    for (const auto& t : item.themes) terms.push_back(facet_term(Facet::Theme, t));
    if (!in.province_code.empty()) terms.push_back(facet_term(Facet::Province, in.province_code));
    if (!item.municipality_code.empty()) terms.push_back(facet_term(Facet::Municipality, item.municipality_code));
    terms.push_back(facet_term(Facet::Year, std::to_string(item.date.year)));
    return terms;
}

std::string pack_facets(const IndexedItem& in) {
    const auto& item = in.item;
    std::string out(8, '\0');
    out[0] = static_cast<char>(item.type);
    out[1] = static_cast<char>(item.level);
    int pv = code_number(in.province_code, "PV", 2);
    out[2] = static_cast<char>(pv < 0 ? no_province : pv);
    int gm = code_number(item.municipality_code, "GM", 4);
    unsigned m = gm < 0 ? no_municipality : static_cast<unsigned>(gm);
    out[3] = static_cast<char>(m >> 8);
    out[4] = static_cast<char>(m & 0xFF);
    auto year = static_cast<unsigned>(std::clamp(item.date.year, 0, 0xFFFF));
    out[5] = static_cast<char>(year >> 8);
    out[6] = static_cast<char>(year & 0xFF);
    unsigned goals = 0;
    for (int g : item.gala_goals)
        if (g >= 1 && g <= 7) goals |= 1u << g;
    out[7] = static_cast<char>(goals);
    out.push_back(static_cast<char>(std::min<std::size_t>(item.tracks.size(), 255)));
    auto add = [&](const std::string& slug) {
        auto code = slug_code(slug);
        for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((code >> shift) & 0xFF));
    };
    for (std::size_t i = 0; i < item.tracks.size() && i < 255; ++i) add(item.tracks[i]);
    for (const auto& t : item.themes) add(t);
    return out;
}

std::uint32_t slug_code(std::string_view slug) {
    std::uint32_t h = 2166136261u;   // FNV-1a
    for (char c : slug) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

FacetSlugs FacetSlugs::read(const Xapian::Database& db) {
    FacetSlugs slugs;
    auto load = [&](Facet f, std::unordered_map<std::uint32_t, std::string>& into) {
        std::string prefix = facet_term(f, "");
        for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
            auto slug = (*it).substr(prefix.size());
            into.emplace(slug_code(slug), std::move(slug));
        }
    };
    load(Facet::Track, slugs.tracks);
    load(Facet::Theme, slugs.themes);
    return slugs;
}

template <typename Key>
void FacetSpy::count(SmallCounts<Key>& counts, Key key, long n) {
    for (auto& [k, total] : counts)
        if (k == key) {
            total += n;
            return;
        }
    counts.emplace_back(key, n);
}

std::shared_ptr<const FacetTable> FacetTable::read(const Xapian::Database& db) {
    auto table = std::make_shared<FacetTable>();
    auto& offsets = table->m_offsets;
    auto& blob = table->m_blob;
    const Xapian::docid last = db.get_lastdocid();
    offsets.resize(static_cast<std::size_t>(last) + 2);
    blob.reserve(static_cast<std::size_t>(db.get_doccount()) * 24);
    std::size_t next = 0;   // offsets[0, next) are set
    for (auto it = db.valuestream_begin(facets_slot); it != db.valuestream_end(facets_slot); ++it) {
        const std::size_t did = it.get_docid();
        if (did > last) break;   // cannot happen within one revision
        for (; next <= did; ++next) offsets[next] = static_cast<std::uint32_t>(blob.size());   // and documents without a value
        blob += *it;
        offsets[did + 1] = static_cast<std::uint32_t>(blob.size());
        next = did + 2;
        ++table->m_documents;
    }
    for (; next < offsets.size(); ++next) offsets[next] = static_cast<std::uint32_t>(blob.size());
    blob.shrink_to_fit();

    table->m_lengths.assign(static_cast<std::size_t>(last) + 1, 0);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
        if (*it <= last) table->m_lengths[*it] = it.get_doclength();
    table->m_dates.assign(static_cast<std::size_t>(last) + 1, 0);
    for (auto it = db.valuestream_begin(date_slot); it != db.valuestream_end(date_slot); ++it) {
        std::uint32_t date = 0;
        for (char c : *it)
            if (c >= '0' && c <= '9') date = date * 10 + static_cast<std::uint32_t>(c - '0');
        if (it.get_docid() <= last) table->m_dates[it.get_docid()] = date;
    }
    table->m_average_length = db.get_avlength();
    table->m_length_norms.resize(table->m_lengths.size());
    for (std::size_t did = 0; did < table->m_lengths.size(); ++did)
        table->m_length_norms[did] = bm25_length_norm(table->m_lengths[did], table->m_average_length);
    for (auto it = db.allterms_begin("X"); it != db.allterms_end("X"); ++it)
        if (!(*it).starts_with("XC")) table->m_facet_terms.push_back(*it);   // XC: synonym concepts
    return table;
}

std::shared_ptr<const FacetTable> FacetTableCache::get(const Xapian::Database& db, std::uint64_t files,
                                                       Xapian::rev revision) const {
    {
        std::lock_guard lock(m_mutex);
        if (m_table && m_files == files && m_revision == revision) return m_table;
    }
    auto table = FacetTable::read(db);   // outside the lock: searches at other revisions go on
    std::lock_guard lock(m_mutex);
    if (files > m_files || (files == m_files && revision >= m_revision) || !m_table) {
        m_table = table;
        m_files = files;
        m_revision = revision;
    }
    return table;
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    if (m_table) {
        if (auto packed = m_table->packed(doc.get_docid()); !packed.empty()) return count_packed(packed);
    }
    const std::string packed = doc.get_value(facets_slot);   // the matcher streams values: no document read
    count_packed(packed);
}

void FacetSpy::count_packed(std::string_view packed) {
    if (packed.size() < 9) return;
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(packed[i]); };
    if (byte(0) < m_types.size()) ++m_types[byte(0)];
    if (byte(1) < m_levels.size()) ++m_levels[byte(1)];
    if (byte(2) < m_provinces.size()) ++m_provinces[byte(2)];
    unsigned gm = (byte(3) << 8) | byte(4);
    if (gm < 10000) {
        if (m_municipalities.empty()) m_municipalities.assign(10000, 0);
        ++m_municipalities[gm];
    }
    count(m_years, static_cast<int>((byte(5) << 8) | byte(6)));
    for (unsigned g = 1; g <= 7; ++g)
        if (byte(7) & (1u << g)) ++m_goals[g];
    std::size_t tracks = byte(8);
    for (std::size_t i = 9, n = 0; i + 4 <= packed.size(); i += 4, ++n) {
        auto code = (std::uint32_t{byte(i)} << 24) | (std::uint32_t{byte(i + 1)} << 16) | (std::uint32_t{byte(i + 2)} << 8) | byte(i + 3);
        count(n < tracks ? m_tracks : m_themes, code);
    }
}

void FacetSpy::count_term(std::string_view term, long n) {
    if (n <= 0) return;
    for (auto facet : all_facets()) {
        const std::string_view pfx = prefix(facet);
        if (!term.starts_with(pfx) || term.size() == pfx.size()) continue;
        count_value(facet, term.substr(pfx.size()), n);
        return;
    }
}

void FacetSpy::count_value(Facet facet, std::string_view value, long n) {
    auto number = [&]() {
        int v = 0;
        for (char c : value) {
            if (c < '0' || c > '9' || v > 100000) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    };
    switch (facet) {
        case Facet::Type:
            if (auto t = domain::item_type_from_slug(value); t && static_cast<std::size_t>(*t) < m_types.size())
                m_types[static_cast<std::size_t>(*t)] += n;
            break;
        case Facet::Level:
            if (auto l = domain::level_from_slug(value); l && static_cast<std::size_t>(*l) < m_levels.size())
                m_levels[static_cast<std::size_t>(*l)] += n;
            break;
        case Facet::Province:
            if (int pv = code_number(value, "PV", 2); pv >= 0) m_provinces[static_cast<std::size_t>(pv)] += n;
            break;
        case Facet::Municipality:
            if (int gm = code_number(value, "GM", 4); gm >= 0) {
                if (m_municipalities.empty()) m_municipalities.assign(10000, 0);
                m_municipalities[static_cast<std::size_t>(gm)] += n;
            }
            break;
        case Facet::Year:
            if (int year = number(); year >= 0 && year <= 0xFFFF) count(m_years, year, n);
            break;
        case Facet::GalaGoal:
            if (int g = number(); g >= 1 && g <= 7) m_goals[static_cast<std::size_t>(g)] += n;
            break;
        case Facet::Track: count(m_tracks, slug_code(value), n); break;
        case Facet::Theme: count(m_themes, slug_code(value), n); break;
    }
}

void FacetSpy::add_slugs(std::vector<FacetCount>& out, const SmallCounts<std::uint32_t>& counts,
                         const std::unordered_map<std::uint32_t, std::string>& slugs) {
    for (const auto& [code, n] : counts)
        if (auto it = slugs.find(code); it != slugs.end()) out.push_back({it->second, n});
}

std::map<Facet, std::vector<FacetCount>> FacetSpy::counts() const {
    std::map<Facet, std::vector<FacetCount>> out;
    for (auto f : all_facets()) out[f];
    for (std::size_t i = 0; i < 7; ++i)
        if (m_types[i]) out[Facet::Type].push_back({std::string(domain::to_slug(static_cast<domain::ItemType>(i))), m_types[i]});
    for (std::size_t i = 0; i < 3; ++i)
        if (m_levels[i]) out[Facet::Level].push_back({std::string(domain::to_slug(static_cast<domain::Level>(i))), m_levels[i]});
    for (int i = 0; i < 100; ++i)
        if (m_provinces[static_cast<std::size_t>(i)]) out[Facet::Province].push_back({two_digits(i, "PV", 2), m_provinces[static_cast<std::size_t>(i)]});
    for (std::size_t i = 0; i < m_municipalities.size(); ++i)
        if (m_municipalities[i]) out[Facet::Municipality].push_back({two_digits(static_cast<int>(i), "GM", 4), m_municipalities[i]});
    auto years = m_years;
    std::sort(years.begin(), years.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [year, n] : years) out[Facet::Year].push_back({std::to_string(year), n});
    for (std::size_t g = 1; g <= 7; ++g)
        if (m_goals[g]) out[Facet::GalaGoal].push_back({std::to_string(g), m_goals[g]});
    add_slugs(out[Facet::Track], m_tracks, m_slugs.tracks);
    add_slugs(out[Facet::Theme], m_themes, m_slugs.themes);
    for (auto f : {Facet::Type, Facet::Province, Facet::Municipality, Facet::Track, Facet::Theme}) sort_by_count(out[f]);
    return out;
}

std::optional<FacetCountCache::Counts> FacetCountCache::find(const std::string& revision, const std::string& filters) const {
    std::lock_guard lock(m_mutex);
    if (revision != m_revision) return std::nullopt;
    auto it = m_entries.find(filters);
    if (it == m_entries.end()) return std::nullopt;
    return it->second;
}

void FacetCountCache::store(const std::string& revision, const std::string& filters, Counts counts) {
    std::lock_guard lock(m_mutex);
    if (revision != m_revision || m_entries.size() >= max_entries) {
        m_entries.clear();
        m_revision = revision;
    }
    m_entries.insert_or_assign(filters, std::move(counts));
}

std::string filters_key(const std::map<Facet, std::vector<std::string>>& filters) {
    std::string key;
    for (const auto& [facet, values] : filters) {
        key += facet_key(facet);
        for (const auto& v : values) {
            key += '\x1f';
            key += v;
        }
        key += '\x1e';
    }
    return key;
}

}  // namespace gezondin::search
