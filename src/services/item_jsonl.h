#pragma once
// The item exchange format: one JSON object per line with external_id, type, title, summary,
// body (Markdown), date (YYYY-MM-DD), themes, gala_goals (1-7), tracks, level, municipality
// (CBS code) and links ([{url, title}]).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/item.h"
#include "domain/taxonomy.h"

namespace gezondin::services {

// Validates the whole text and returns the number of items. On any problem returns
// InvalidInput with every problem as (line, field, reason); duplicate external_ids within the
// file are problems, and so is a file without items.
core::Result<long> validate_items_jsonl(std::string_view text, const domain::Taxonomy& taxonomy);

// Validates as validate_items_jsonl and returns every item (none when a line is invalid).
core::Result<std::vector<domain::Item>> parse_items_jsonl(std::string_view text, const domain::Taxonomy& taxonomy);

// Reads the items of a text one at a time (for an import that need not hold them all). Does not
// look for duplicates: validate the text first.
class ItemJsonlReader {
public:
    // `text` and `taxonomy` must outlive the reader.
    ItemJsonlReader(std::string_view text, const domain::Taxonomy& taxonomy);
    // The next valid item; the problems of invalid lines before it go to `problems`. Nothing
    // at the end of the text.
    std::optional<domain::Item> next(std::vector<core::FieldProblem>& problems);
    // The number of the line last read (1-based).
    long line() const { return m_line; }

private:
    std::string_view m_rest;
    const domain::Taxonomy& m_taxonomy;
    long m_line = 0;
    bool m_done = false;
};

// One line (without newline) in the same format; parse_items_jsonl reads it back unchanged.
std::string to_jsonl(const domain::Item& item);

}  // namespace gezondin::services
