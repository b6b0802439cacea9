#include "search/xapian/stored_doc.h"

#include <charconv>

#include "domain/taxonomy.h"
#include "search/plain_text.h"

namespace gezondin::search {

namespace {

constexpr char format_version = '1';

void put(std::string& out, std::string_view field) {
    std::size_t n = field.size();
    while (n >= 0x80) {
        out.push_back(static_cast<char>((n & 0x7F) | 0x80));
        n >>= 7;
    }
    out.push_back(static_cast<char>(n));
    out.append(field);
}

bool get(std::string_view& in, std::string& field) {
    std::size_t n = 0;
    for (int shift = 0;; shift += 7) {
        if (in.empty() || shift > 28) return false;
        auto b = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        n |= static_cast<std::size_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) break;
    }
    if (n > in.size()) return false;
    field.assign(in.substr(0, n));
    in.remove_prefix(n);
    return true;
}

}  // namespace

std::string encode_stored_doc(const IndexedItem& in, std::string_view body_plain) {
    const auto& item = in.item;
    std::string out(1, format_version);
    put(out, std::to_string(item.id));
    put(out, item.external_id);
    put(out, item.title);
    put(out, domain::to_slug(item.type));
    put(out, item.date.to_string());
    put(out, item.municipality_code);
    put(out, item.summary);
    put(out, bounded_excerpt(body_plain, stored_excerpt_bytes));
    return out;
}

std::optional<StoredDoc> decode_stored_doc(std::string_view data) {
    if (data.empty() || data.front() != format_version) return std::nullopt;
    data.remove_prefix(1);
    StoredDoc d;
    std::string id;
    auto& h = d.hit;
    if (!get(data, id) || !get(data, h.external_id) || !get(data, h.title) || !get(data, h.type) ||
        !get(data, h.date) || !get(data, h.municipality_code) || !get(data, h.summary) || !get(data, d.excerpt))
        return std::nullopt;
    auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), h.id);
    if (ec != std::errc()) return std::nullopt;
    return d;
}

}  // namespace gezondin::search
