#include "domain/municipality.h"

#include "core/messages.h"
#include "core/text.h"
#include "domain/taxonomy.h"

namespace gezondin::domain {

namespace {

// Splits one CSV line on commas; double quotes group a field and "" is a literal quote.
std::vector<std::string> csv_fields(std::string_view line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { out.back().push_back('"'); ++i; }
            else if (c == '"') quoted = false;
            else out.back().push_back(c);
        } else if (c == '"') quoted = true;
        else if (c == ',') out.emplace_back();
        else out.back().push_back(c);
    }
    return out;
}

}  // namespace

core::Result<std::vector<Municipality>> parse_cbs_municipality_list(std::string_view csv) {
    if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
    if (!core::is_valid_utf8(csv)) return core::fail(core::Error::invalid_input(std::string(core::msg("import.not_utf8"))));
    std::vector<Municipality> out;
    std::vector<core::FieldProblem> problems;
    long line_no = 0;
    bool header_seen = false;
    for (auto raw : core::split(csv, '\n')) {
        ++line_no;
        auto line = core::trim(raw);
        if (line.empty()) continue;
        auto f = csv_fields(line);
        if (!header_seen) {
            header_seen = true;
            if (f.size() < 6 || core::trim(f[1]) != "GemeentecodeGM" || core::trim(f[2]) != "Gemeentenaam") {
                return core::fail(core::Error::invalid_input(std::string(core::msg("import.gemeenten_bad_header"))));
            }
            continue;
        }
        if (f.size() != 6) {
            problems.push_back({"regel", core::msg("import.wrong_field_count", {"6", std::to_string(f.size())}), line_no});
            continue;
        }
        Municipality m{std::string(core::trim(f[1])), std::string(core::trim(f[2])), std::string(core::trim(f[4])),
                       std::string(core::trim(f[5]))};
        if (!is_municipality_code(m.code)) problems.push_back({"GemeentecodeGM", core::msg("item.bad_municipality", {m.code}), line_no});
        else if (m.name.empty()) problems.push_back({"Gemeentenaam", std::string(core::msg("import.empty_name")), line_no});
        else out.push_back(std::move(m));
    }
    if (!header_seen) return core::fail(core::Error::invalid_input(std::string(core::msg("import.empty_file"))));
    if (!problems.empty()) return core::fail(core::Error::invalid_input(std::string(core::msg("import.file_has_errors")), problems));
    return out;
}

}  // namespace gezondin::domain
