#pragma once
// The content of a domain::Item as a JSON text, for the contribution and revision rows (the
// kennisbank's own items table keeps its normalised child tables). ids, external_id and
// timestamps are not part of the content and are not written.

#include <string>
#include <string_view>

#include "domain/item.h"

namespace gezondin::storage {

std::string item_content_to_json(const domain::Item& item);

// Throws std::runtime_error on text that item_content_to_json did not write.
domain::Item item_content_from_json(std::string_view json);

}  // namespace gezondin::storage
