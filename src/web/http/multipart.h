#pragma once
// A small, strict parser for multipart/form-data request bodies (RFC 7578 on RFC 2046), as
// browsers send them for forms with <input type="file">. It works on a body that is already
// complete in memory (the App limits its size per route) and copies each part out once.
//
// Strict means: CRLF line ends only, a closing delimiter is required (a truncated body is an
// error, never a shorter list), every part needs `Content-Disposition: form-data; name="..."`,
// no header folding, bounded header size and part count, names and text fields must be valid
// UTF-8. File names are reduced to their last path component; a name that is then empty, ".",
// "..", or holds control characters is refused. Errors are InvalidInput or TooLarge with a
// Dutch message for people. Thread-safe: pure functions without shared state.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gezondin::web {

// One form field or uploaded file.
struct FormPart {
    std::string name;           // the form field name (valid UTF-8, never empty)
    std::string filename;       // base name of an uploaded file; "" for a plain field
    bool is_file = false;       // the part had a filename parameter (browsers send filename=""
                                // with empty data when no file was chosen)
    std::string content_type;   // as sent; "text/plain" when absent
    std::string data;           // the bytes as sent (binary for files, UTF-8 for plain fields)
};

struct MultipartLimits {
    std::size_t max_parts = 64;                 // more parts: TooLarge
    std::size_t max_header_bytes = 8 * 1024;    // header block of one part: TooLarge
    std::size_t max_field_bytes = 1 << 20;      // data of one plain field: TooLarge
    std::size_t max_file_bytes = 64u << 20;     // data of one file: TooLarge
};

// The boundary parameter of a multipart/form-data Content-Type; nullopt when the type is not
// multipart/form-data or the boundary is missing, empty, longer than 70 characters or holds
// characters RFC 2046 does not allow.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Parses `body` sent with `content_type`. Parts come back in the order they were sent; a name
// may occur more than once (several files in one field).
core::Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                    const MultipartLimits& limits = {});

// The first part with this name, or nullptr.
const FormPart* find_part(const std::vector<FormPart>& parts, std::string_view name);

// The data of the first plain field with this name, or "" when absent.
std::string_view field_value(const std::vector<FormPart>& parts, std::string_view name);

}  // namespace gezondin::web
