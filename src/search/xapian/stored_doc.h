#pragma once
// The document data stored in the index: what a result list needs, so that a search never
// reads the database. Internal to the Xapian adapter; no Xapian types.

#include <optional>
#include <string>
#include <string_view>

#include "search/search_index.h"

namespace gezondin::search {

// The snippet is sought in the summary plus this much of the body text: enough for a window of
// a snippet's length, and both Xapian's snippet (at search time) and zlib (at indexing time)
// cost time per byte.
constexpr std::size_t stored_excerpt_bytes = 320;

struct StoredDoc {
    SearchHit hit;          // snippet_html and score are left empty
    std::string excerpt;    // plain text of the body, at most ~stored_excerpt_bytes
};

// Serialises the hit fields of `item` and a plain-text excerpt of `body_plain`.
std::string encode_stored_doc(const IndexedItem& item, std::string_view body_plain);
// nullopt when `data` is not something encode_stored_doc wrote.
std::optional<StoredDoc> decode_stored_doc(std::string_view data);

}  // namespace gezondin::search
