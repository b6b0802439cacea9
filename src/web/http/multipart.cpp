#include "web/http/multipart.h"

#include <algorithm>

#include "core/messages.h"
#include "core/text.h"

namespace gezondin::web {
namespace {

using core::Error;
using core::fail;

constexpr std::string_view kCrlf = "\r\n";

bool is_token_char(char c) {
    if (c >= 'a' && c <= 'z') return true;
    if (c >= 'A' && c <= 'Z') return true;
    if (c >= '0' && c <= '9') return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_boundary_char(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

bool has_control_char(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

Error invalid(std::string_view key, std::string field = {}) {
    std::vector<core::FieldProblem> problems;
    std::string text(core::msg(key));
    if (!field.empty()) problems.push_back({std::move(field), text, 0});
    return Error::invalid_input(std::move(text), std::move(problems));
}

// Parameters of a header value such as `form-data; name="a"; filename="b.csv"`. Quoted values
// are taken literally up to the next quote, as the HTML standard has browsers send them
// (a quote in a file name arrives as %22, so there are no backslash escapes).
struct HeaderValue {
    std::string type;
    std::vector<std::pair<std::string, std::string>> params;
};

std::size_t skip_spaces(std::string_view s, std::size_t i) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return i;
}

std::optional<std::string> read_token(std::string_view s, std::size_t& i) {
    std::size_t start = i;
    while (i < s.size() && is_token_char(s[i])) ++i;
    if (i == start) return std::nullopt;
    return std::string(s.substr(start, i - start));
}

std::optional<std::string> read_param_value(std::string_view s, std::size_t& i) {
    if (i < s.size() && s[i] == '"') {
        std::size_t close = s.find('"', i + 1);
        if (close == std::string_view::npos) return std::nullopt;
        std::string value(s.substr(i + 1, close - i - 1));
        i = close + 1;
        return value;
    }
    return read_token(s, i);
}

std::optional<HeaderValue> parse_header_value(std::string_view s) {
    HeaderValue out;
    std::size_t i = skip_spaces(s, 0);
    auto type = read_token(s, i);
    if (!type) return std::nullopt;
    if (i < s.size() && s[i] == '/') {
        ++i;
        auto subtype = read_token(s, i);
        if (!subtype) return std::nullopt;
        *type += "/" + *subtype;
    }
    out.type = core::to_lower_ascii(*type);
    while (true) {
        i = skip_spaces(s, i);
        if (i == s.size()) return out;
        if (s[i] != ';') return std::nullopt;
        i = skip_spaces(s, i + 1);
        if (i == s.size()) return out;   // a trailing ';' is harmless
        auto key = read_token(s, i);
        if (!key) return std::nullopt;
        i = skip_spaces(s, i);
        if (i == s.size() || s[i] != '=') return std::nullopt;
        i = skip_spaces(s, i + 1);
        auto value = read_param_value(s, i);
        if (!value) return std::nullopt;
        std::string lower = core::to_lower_ascii(*key);
        for (const auto& p : out.params)
            if (p.first == lower) return std::nullopt;   // a repeated parameter is ambiguous
        out.params.emplace_back(std::move(lower), std::move(*value));
    }
}

const std::string* param(const HeaderValue& v, std::string_view key) {
    for (const auto& p : v.params)
        if (p.first == key) return &p.second;
    return nullptr;
}

// The last path component of a file name as a browser (or a hostile client) sent it.
core::Result<std::string> base_name(std::string_view raw, const std::string& field) {
    if (!core::is_valid_utf8(raw)) return fail(invalid("multipart.bad_utf8", field));
    if (has_control_char(raw)) return fail(invalid("multipart.bad_filename", field));
    auto slash = raw.find_last_of("/\\");
    std::string_view base = slash == std::string_view::npos ? raw : raw.substr(slash + 1);
    base = core::trim(base);
    if (!raw.empty() && (base.empty() || base == "." || base == ".."))
        return fail(invalid("multipart.bad_filename", field));
    return std::string(base);
}

// Fills `part` from the header block of one part (the lines between the delimiter and the
// blank line, without the final CRLF).
core::Status parse_part_headers(std::string_view block, FormPart& part) {
    bool seen_disposition = false;
    bool seen_type = false;
    std::size_t pos = 0;
    while (pos < block.size()) {
        std::size_t end = block.find(kCrlf, pos);
        if (end == std::string_view::npos) end = block.size();
        std::string_view line = block.substr(pos, end - pos);
        pos = end + kCrlf.size();
        if (line.find_first_of("\r\n") != std::string_view::npos) return fail(invalid("multipart.bad_line_end"));
        if (line.empty() || line[0] == ' ' || line[0] == '\t') return fail(invalid("multipart.bad_header"));
        auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return fail(invalid("multipart.bad_header"));
        std::string name = core::to_lower_ascii(line.substr(0, colon));
        if (!std::all_of(name.begin(), name.end(), is_token_char)) return fail(invalid("multipart.bad_header"));
        std::string_view value = core::trim(line.substr(colon + 1));
        if (name == "content-disposition") {
            if (seen_disposition) return fail(invalid("multipart.bad_header"));
            seen_disposition = true;
            auto parsed = parse_header_value(value);
            if (!parsed || parsed->type != "form-data") return fail(invalid("multipart.no_disposition"));
            const std::string* field = param(*parsed, "name");
            if (!field || field->empty()) return fail(invalid("multipart.no_name"));
            if (!core::is_valid_utf8(*field) || has_control_char(*field)) return fail(invalid("multipart.bad_utf8"));
            part.name = *field;
            if (const std::string* file = param(*parsed, "filename")) {
                auto base = base_name(*file, part.name);
                if (!base) return fail(base.error());
                part.is_file = true;
                part.filename = std::move(*base);
            }
        } else if (name == "content-type") {
            if (seen_type || value.empty() || has_control_char(value)) return fail(invalid("multipart.bad_header"));
            seen_type = true;
            part.content_type = std::string(value);
        }
        // Other headers (Content-Transfer-Encoding and the like) carry nothing a form needs.
    }
    if (!seen_disposition) return fail(invalid("multipart.no_disposition"));
    if (!seen_type) part.content_type = "text/plain";
    return {};
}

std::string human_bytes(std::size_t n) {
    if (n >= (1u << 20)) return std::to_string(n >> 20) + " MB";
    if (n >= 1024) return std::to_string(n >> 10) + " kB";
    return std::to_string(n) + " bytes";
}

core::Status check_part_size(const FormPart& part, std::size_t size, const MultipartLimits& limits) {
    std::size_t limit = part.is_file ? limits.max_file_bytes : limits.max_field_bytes;
    if (size <= limit) return {};
    std::string text = part.is_file ? core::msg("multipart.file_too_large", {part.filename, human_bytes(limit)})
                                    : core::msg("multipart.field_too_large", {part.name, human_bytes(limit)});
    return fail(Error(core::ErrorCode::TooLarge, text, {{part.name, text, 0}}));
}

// The offset just behind the first delimiter line "--boundary", or npos when there is none.
std::size_t first_delimiter_end(std::string_view body, std::string_view dash) {
    if (body.substr(0, dash.size()) == dash) return dash.size();
    std::string needle = std::string(kCrlf) + std::string(dash);
    std::size_t at = body.find(needle);
    return at == std::string_view::npos ? at : at + needle.size();
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    auto parsed = parse_header_value(content_type);
    if (!parsed || parsed->type != "multipart/form-data") return std::nullopt;
    const std::string* b = param(*parsed, "boundary");
    if (!b || b->empty() || b->size() > 70 || b->back() == ' ') return std::nullopt;
    if (!std::all_of(b->begin(), b->end(), is_boundary_char)) return std::nullopt;
    return *b;
}

core::Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                    const MultipartLimits& limits) {
    auto boundary = multipart_boundary(content_type);
    if (!boundary) return fail(invalid("multipart.no_boundary"));
    const std::string dash = "--" + *boundary;
    const std::string delimiter = std::string(kCrlf) + dash;

    std::size_t pos = first_delimiter_end(body, dash);
    if (pos == std::string_view::npos) return fail(invalid("multipart.truncated"));
    std::vector<FormPart> parts;
    while (true) {
        if (body.substr(pos, 2) == "--") return parts;   // closing delimiter; the epilogue is ignored
        pos = skip_spaces(body, pos);                    // transport padding
        if (pos >= body.size()) return fail(invalid("multipart.truncated"));
        if (body.substr(pos, 2) != kCrlf) return fail(invalid("multipart.bad_line_end"));
        pos += 2;
        if (parts.size() >= limits.max_parts)
            return fail(Error(core::ErrorCode::TooLarge, std::string(core::msg("multipart.too_many_parts"))));

        FormPart part;
        std::string_view headers;
        if (body.substr(pos, 2) == kCrlf) {
            headers = {};
            pos += 2;
        } else {
            std::size_t end = body.find("\r\n\r\n", pos);
            if (end == std::string_view::npos || end - pos > limits.max_header_bytes) {
                if (body.size() - pos > limits.max_header_bytes)
                    return fail(Error(core::ErrorCode::TooLarge, std::string(core::msg("multipart.header_too_large"))));
                return fail(invalid("multipart.truncated"));
            }
            headers = body.substr(pos, end - pos);
            pos = end + 4;
        }
        if (auto ok = parse_part_headers(headers, part); !ok) return fail(ok.error());

        std::size_t next = body.find(delimiter, pos);
        if (next == std::string_view::npos) return fail(invalid("multipart.truncated"));
        if (auto ok = check_part_size(part, next - pos, limits); !ok) return fail(ok.error());
        std::string_view data = body.substr(pos, next - pos);
        if (!part.is_file && !core::is_valid_utf8(data)) return fail(invalid("multipart.bad_utf8", part.name));
        part.data = std::string(data);
        parts.push_back(std::move(part));
        pos = next + delimiter.size();
    }
}

const FormPart* find_part(const std::vector<FormPart>& parts, std::string_view name) {
    for (const auto& p : parts)
        if (p.name == name) return &p;
    return nullptr;
}

std::string_view field_value(const std::vector<FormPart>& parts, std::string_view name) {
    for (const auto& p : parts)
        if (p.name == name && !p.is_file) return p.data;
    return {};
}

}  // namespace gezondin::web
