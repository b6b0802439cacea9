#include "importers/xlsx_sheet.h"

#include <charconv>

#include <zip.h>

#include "importers/import_error.h"
#include "importers/xml_scanner.h"

namespace gezondin::importers {

namespace {

constexpr std::size_t chunk_size = 64 * 1024;
constexpr std::size_t max_part_bytes = 256u << 20;  // shared strings, workbook: guards against zip bombs
using Kind = XmlToken::Kind;

// "AB12" -> 27 (0-based column); nullopt when there are no letters.
std::optional<std::size_t> column_of(std::string_view ref) {
    std::size_t column = 0, letters = 0;
    for (char c : ref) {
        if (c < 'A' || c > 'Z') break;
        column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
        if (++letters > 3) return std::nullopt;
    }
    if (letters == 0) return std::nullopt;
    return column - 1;
}

}  // namespace

struct XlsxSheet::Zip {
    zip_t* archive = nullptr;
    zip_file_t* sheet = nullptr;
    ~Zip() {
        if (sheet) zip_fclose(sheet);
        if (archive) zip_discard(archive);
    }
};

XlsxSheet::XlsxSheet(std::unique_ptr<Zip> zip, std::string file_name, std::size_t max_row_bytes)
    : m_zip(std::move(zip)), m_file(std::move(file_name)), m_max_row(max_row_bytes) {}

XlsxSheet::~XlsxSheet() = default;

core::Error XlsxSheet::damaged(std::string_view detail) const {
    return import_error(Problem::Xlsx, {m_file, m_row, 0, ""}, detail);
}

core::Result<std::unique_ptr<XlsxSheet>> XlsxSheet::open(const std::string& bytes, std::string file_name,
                                                         std::size_t max_row_bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    auto zip = std::make_unique<Zip>();
    if (source) zip->archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!zip->archive) {
        if (source) zip_source_free(source);
        std::string detail = zip_error_strerror(&error);
        zip_error_fini(&error);
        return core::fail(import_error(Problem::Xlsx, {file_name, 0, 0, ""}, detail));
    }
    zip_error_fini(&error);
    std::unique_ptr<XlsxSheet> sheet(new XlsxSheet(std::move(zip), std::move(file_name), max_row_bytes));
    if (auto ok = sheet->load_workbook(); !ok) return core::fail(ok.error());
    if (auto ok = sheet->load_shared_strings(); !ok) return core::fail(ok.error());
    sheet->m_zip->sheet = zip_fopen(sheet->m_zip->archive, sheet->m_sheet_path.c_str(), 0);
    if (!sheet->m_zip->sheet) return core::fail(sheet->damaged(sheet->m_sheet_path));
    return sheet;
}

core::Result<std::string> XlsxSheet::read_entry(const std::string& name, std::size_t limit, bool required) {
    zip_file_t* entry = zip_fopen(m_zip->archive, name.c_str(), 0);
    if (!entry) {
        if (required) return core::fail(damaged(name));
        return std::string();
    }
    std::string out;
    char chunk[chunk_size];
    zip_int64_t got;
    while ((got = zip_fread(entry, chunk, sizeof chunk)) > 0) {
        out.append(chunk, static_cast<std::size_t>(got));
        if (out.size() > limit) break;
    }
    zip_fclose(entry);
    if (got < 0 || out.size() > limit) return core::fail(damaged(name));
    return out;
}

core::Status XlsxSheet::load_workbook() {
    auto workbook = read_entry("xl/workbook.xml", max_part_bytes, true);
    if (!workbook) return core::fail(workbook.error());
    std::string rel_id;
    XmlScanner scan(*workbook);
    for (XmlToken t = scan.next(); t.kind != Kind::End; t = scan.next()) {
        if (t.kind == Kind::Incomplete || t.kind == Kind::Error) return core::fail(damaged("xl/workbook.xml"));
        if ((t.kind == Kind::Open || t.kind == Kind::Empty) && t.name == "sheet") {
            m_sheet_name.clear();
            append_xml_text(xml_attribute(t.attributes, "name").value_or(""), m_sheet_name);
            rel_id = std::string(xml_attribute(t.attributes, "id").value_or(""));
            break;
        }
    }
    m_sheet_path = "xl/worksheets/sheet1.xml";
    auto rels = read_entry("xl/_rels/workbook.xml.rels", max_part_bytes, false);
    if (!rels) return core::fail(rels.error());
    XmlScanner rel_scan(*rels);
    for (XmlToken t = rel_scan.next(); t.kind != Kind::End && t.kind != Kind::Incomplete && t.kind != Kind::Error;
         t = rel_scan.next()) {
        if (t.name != "Relationship" || xml_attribute(t.attributes, "Id").value_or("") != rel_id) continue;
        std::string target(xml_attribute(t.attributes, "Target").value_or(""));
        if (target.empty()) break;
        m_sheet_path = target.front() == '/' ? target.substr(1) : "xl/" + target;
        break;
    }
    return {};
}

core::Status XlsxSheet::load_shared_strings() {
    auto xml = read_entry("xl/sharedStrings.xml", max_part_bytes, false);
    if (!xml) return core::fail(xml.error());
    XmlScanner scan(*xml);
    bool in_text = false;
    int phonetic = 0;
    for (XmlToken t = scan.next(); t.kind != Kind::End; t = scan.next()) {
        if (t.kind == Kind::Incomplete || t.kind == Kind::Error) return core::fail(damaged("xl/sharedStrings.xml"));
        if (t.kind == Kind::Open && t.name == "si") m_shared.emplace_back();
        else if (t.kind == Kind::Empty && t.name == "si") m_shared.emplace_back();
        else if (t.name == "rPh") phonetic += t.kind == Kind::Open ? 1 : t.kind == Kind::Close ? -1 : 0;
        else if (t.name == "t") in_text = t.kind == Kind::Open;
        else if (t.kind == Kind::Text && in_text && phonetic == 0 && !m_shared.empty()) {
            if (!append_xml_text(t.text, m_shared.back())) return core::fail(damaged("xl/sharedStrings.xml"));
        }
    }
    return {};
}

bool XlsxSheet::fill() {
    if (m_eof) return false;
    m_buffer.erase(0, m_pos);
    m_pos = 0;
    std::size_t old = m_buffer.size();
    m_buffer.resize(old + chunk_size);
    zip_int64_t got = zip_fread(m_zip->sheet, m_buffer.data() + old, chunk_size);
    m_buffer.resize(old + static_cast<std::size_t>(got > 0 ? got : 0));
    if (got <= 0) m_eof = true;
    return got > 0;
}

core::Result<bool> XlsxSheet::next(std::vector<std::string>& fields) {
    for (;;) {
        // Find a complete <row>...</row> (or <row/>) from m_pos; otherwise read more.
        XmlScanner scan(m_buffer, m_pos);
        std::size_t row_start = std::string::npos;
        for (XmlToken t = scan.next(); t.kind != Kind::End && t.kind != Kind::Incomplete; t = scan.next()) {
            if (t.kind == Kind::Error) return core::fail(damaged(m_sheet_path));
            if (t.name != "row") continue;
            if (t.kind == Kind::Open && row_start == std::string::npos) {
                row_start = scan.position();
                std::string_view r = xml_attribute(t.attributes, "r").value_or("");
                long number = 0;
                if (std::from_chars(r.data(), r.data() + r.size(), number).ec != std::errc()) number = m_row + 1;
                m_row = number;
            } else if (t.kind == Kind::Empty) {
                m_pos = scan.position();
                return next(fields);
            } else if (t.kind == Kind::Close && row_start != std::string::npos) {
                std::size_t end = scan.position();
                auto ok = parse_row(std::string_view(m_buffer).substr(row_start, end - row_start), fields);
                m_pos = end;
                if (!ok) return core::fail(ok.error());
                return true;
            }
        }
        if (m_buffer.size() - m_pos > m_max_row + chunk_size) {
            return core::fail(import_error(Problem::LineTooLong, {m_file, m_row, 0, ""}, std::to_string(m_max_row)));
        }
        if (!fill()) {
            if (row_start != std::string::npos) return core::fail(damaged(m_sheet_path));
            return false;
        }
    }
}

core::Status XlsxSheet::parse_row(std::string_view xml, std::vector<std::string>& fields) {
    fields.assign(m_width, std::string());
    XmlScanner scan(xml);
    std::string type;
    std::size_t column = 0, next_column = 0;
    bool in_value = false, in_cell = false;
    std::string raw;
    for (XmlToken t = scan.next(); t.kind != Kind::End; t = scan.next()) {
        if (t.kind == Kind::Incomplete || t.kind == Kind::Error) return core::fail(damaged(m_sheet_path));
        if (t.name == "c" && (t.kind == Kind::Open || t.kind == Kind::Empty)) {
            auto ref = xml_attribute(t.attributes, "r");
            auto at = ref ? column_of(*ref) : std::optional<std::size_t>(next_column);
            if (!at || *at > 16384) return core::fail(damaged(std::string(ref.value_or(""))));
            column = *at;
            next_column = column + 1;
            type = std::string(xml_attribute(t.attributes, "t").value_or("n"));
            raw.clear();
            in_cell = t.kind == Kind::Open;
            if (fields.size() <= column) fields.resize(column + 1);
        } else if (t.name == "c" && t.kind == Kind::Close) {
            in_cell = false;
            std::string& out = fields[column];
            if (type == "s") {
                std::size_t index = 0;
                auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), index);
                if (ec != std::errc() || end != raw.data() + raw.size() || index >= m_shared.size()) {
                    return core::fail(damaged("sharedStrings " + raw));
                }
                out = m_shared[index];
            } else {
                out = raw;
            }
        } else if (in_cell && (t.name == "v" || t.name == "t")) {
            in_value = t.kind == Kind::Open;
        } else if (in_cell && in_value && t.kind == Kind::Text) {
            if (!append_xml_text(t.text, raw)) return core::fail(damaged(m_sheet_path));
        }
    }
    if (m_width == 0) m_width = fields.size();
    return {};
}

}  // namespace gezondin::importers
