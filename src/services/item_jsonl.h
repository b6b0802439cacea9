#pragma once
// The item exchange format: one JSON object per line with external_id, type, title, summary,
// body (Markdown), date (YYYY-MM-DD), themes, gala_goals (1-7), tracks, level, municipality
// (CBS code) and links ([{url, title}]).

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/item.h"
#include "domain/taxonomy.h"

namespace gezondin::services {

// Parses and validates the whole text. On any problem returns InvalidInput with every problem
// as (line, field, reason) and no items; duplicate external_ids within the file are problems.
core::Result<std::vector<domain::Item>> parse_items_jsonl(std::string_view text, const domain::Taxonomy& taxonomy);

// One line (without newline) in the same format; parse_items_jsonl reads it back unchanged.
std::string to_jsonl(const domain::Item& item);

}  // namespace gezondin::services
