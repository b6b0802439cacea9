// Attachments through the pages: multipart upload, type checked by content, the size limit
// with a Dutch message, storage by hash, downloads with Content-Disposition (hostile names
// included), who may download a draft's file, the item page, and the text of a PDF that search
// finds once the contribution is published.

#include <filesystem>
#include <algorithm>
#include <cstdio>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/community/attachments.h"
#include "tests/community_web/fixture.h"
#include "web/session.h"

using namespace gezondin;
using namespace gezondin::community_web_testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* password = "een lang wachtwoord";
constexpr const char* boundary = "----GezondInTestGrens7d9";

// A one-page PDF with `text` in a text object, with a correct cross-reference table.
std::string minimal_pdf(const std::string& text) {
    const std::string content = "BT /F1 18 Tf 72 700 Td (" + text + ") Tj ET";
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (auto offset : offsets) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

// The 8-byte PNG signature and an IHDR chunk: enough for libmagic to say image/png.
std::string tiny_png(char variant = 0) {
    std::string png("\x89PNG\r\n\x1a\n", 8);
    png += std::string("\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 21);
    png += std::string("\x1f\x15\xc4\x89", 4);
    png += std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);
    png.push_back(variant);
    return png;
}

std::string multipart(const std::string& csrf, const std::string& contribution, const std::string& filename,
                      const std::string& data) {
    std::string body;
    auto field = [&](const std::string& name, const std::string& value) {
        body += std::string("--") + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    };
    field("csrf", csrf);
    field("bijdrage", contribution);
    body += std::string("--") + boundary + "\r\nContent-Disposition: form-data; name=\"bijlage\"; filename=\"" + filename +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n";
    body += std::string("--") + boundary + "--\r\n";
    return body;
}

class AttachmentsTest : public ::testing::Test {
protected:
    AttachmentsTest() {
        fx.make_account("Anne Auteur", "anne@example.org", domain::Role::Lid);
        fx.make_account("Bas Lid", "bas@example.org", domain::Role::Lid);
        fx.make_account("Rita Redacteur", "rita@example.org", domain::Role::Redacteur);
        EXPECT_EQ(author.login("anne@example.org", password).status, 303);
        EXPECT_EQ(other.login("bas@example.org", password).status, 303);
        EXPECT_EQ(editor.login("rita@example.org", password).status, 303);
        author.get("/bijdragen");
        auto r = author.post("/bijdragen/nieuw", {{"title", "Beweegtuin in de wijk"},
                                                  {"type", "instrument"},
                                                  {"summary", "Een tuin waar ouderen samen bewegen."},
                                                  {"body", "Zo zet u een beweegtuin op."},
                                                  {"themes", "ouderen"},
                                                  {"level", "lokaal"},
                                                  {"actie", "opslaan"},
                                                  {"csrf", author.csrf()}});
        EXPECT_EQ(r.status, 303);
    }

    // Uploads as the browser `b` would, with its session cookie and CSRF field.
    web::Response upload(Browser& b, const std::string& filename, const std::string& data,
                         const std::string& contribution = "1") {
        b.get("/bijdragen");
        web::Request r;
        r.method = "POST";
        r.target = r.path = "/bijlagen/toevoegen";
        r.body = multipart(b.csrf(), contribution, filename, data);
        r.headers = {{"content-type", std::string("multipart/form-data; boundary=") + boundary},
                     {"cookie", std::string(web::session_cookie_name) + "=" + b.cookie(std::string(web::session_cookie_name))}};
        return fx.web.app->handle(r);
    }

    web::Response post(Browser& b, const std::string& path, web::Params fields = {}) {
        b.get("/bijdragen");
        fields.emplace_back("csrf", b.csrf());
        return b.post(path, fields);
    }

    void publish() {
        ASSERT_EQ(post(author, "/bijdragen/1/indienen").status, 303);
        ASSERT_EQ(post(editor, "/redactie/1/publiceren").status, 303);
    }

    std::size_t stored_files() const {
        std::size_t n = 0;
        for (const auto& e : std::filesystem::directory_iterator(fx.web.dir + "/uploads")) n += e.is_regular_file();
        return n;
    }

    CommunityWebFixture fx;
    Browser author{*fx.web.app, "192.0.2.31"};
    Browser other{*fx.web.app, "192.0.2.32"};
    Browser editor{*fx.web.app, "192.0.2.33"};
    Browser anonymous{*fx.web.app, "192.0.2.34"};
};

TEST_F(AttachmentsTest, UploadedPngIsListedAndDownloadedWithItsCheckedTypeAndDisposition) {
    auto r = upload(author, "plattegrond.png", tiny_png());
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.header("Location"), "/bijdragen/1?melding=bijlage");
    auto page = author.get("/bijdragen/1");
    EXPECT_THAT(page.body, HasSubstr("<a href=\"/bijlagen/1\">plattegrond.png</a>"));
    EXPECT_THAT(page.body, HasSubstr("PNG-afbeelding"));
    auto file = author.get("/bijlagen/1");
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(file.body, tiny_png());
    EXPECT_EQ(file.header("Content-Type"), "image/png");
    EXPECT_EQ(file.header("Content-Disposition"), "attachment; filename=\"plattegrond.png\"");
    EXPECT_EQ(file.header("X-Content-Type-Options"), "nosniff");
}

TEST_F(AttachmentsTest, TypeIsCheckedByContentNotByName) {
    auto renamed = upload(author, "rapport.pdf", tiny_png());
    EXPECT_EQ(renamed.status, 400);
    EXPECT_THAT(renamed.body, HasSubstr("De naam van het bestand past niet bij de inhoud. Het bestand is een PNG-afbeelding."));
    EXPECT_THAT(renamed.body, HasSubstr("id=\"bijlage-fout\""));
    auto html = upload(author, "pagina.pdf", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
    EXPECT_EQ(html.status, 400);
    EXPECT_THAT(html.body, HasSubstr("Dit soort bestand kunt u niet toevoegen."));
    EXPECT_EQ(upload(author, "leeg.pdf", "").status, 400);
    EXPECT_EQ(upload(author, "script.sh", "#!/bin/sh\nrm -rf /\n").status, 400);
    EXPECT_THAT(author.get("/bijdragen/1").body, HasSubstr("Er zijn nog geen bijlagen."));
    EXPECT_EQ(stored_files(), 0u);
}

TEST_F(AttachmentsTest, OverSizeFileIsRefusedWithADutchMessage) {
    // The fixture allows 64 KiB per file.
    std::string big = minimal_pdf("groot");
    big.resize((64u << 10) + 1, ' ');
    auto r = upload(author, "groot.pdf", big);
    EXPECT_EQ(r.status, 413);
    EXPECT_THAT(r.body, HasSubstr("Dit bestand is te groot. Een bijlage mag hoogstens 64 kB zijn."));
    // Far over the limit, the App stops the request before any page sees it.
    big.resize(1u << 20, ' ');
    auto far = upload(author, "heel-groot.pdf", big);
    EXPECT_EQ(far.status, 413);
    EXPECT_EQ(stored_files(), 0u);
}

TEST_F(AttachmentsTest, SameFileTwiceIsStoredOnceAndRemovingOneKeepsTheOther) {
    ASSERT_EQ(upload(author, "a.png", tiny_png()).status, 303);
    ASSERT_EQ(upload(author, "b.png", tiny_png()).status, 303);
    EXPECT_EQ(stored_files(), 1u);
    const auto hash = services::sha256_hex(tiny_png());
    EXPECT_TRUE(std::filesystem::exists(fx.web.dir + "/uploads/" + hash));
    ASSERT_EQ(post(author, "/bijlagen/1/verwijderen", {{"bijdrage", "1"}}).status, 303);
    EXPECT_EQ(stored_files(), 1u);
    EXPECT_EQ(author.get("/bijlagen/2").status, 200);
    ASSERT_EQ(post(author, "/bijlagen/2/verwijderen", {{"bijdrage", "1"}}).status, 303);
    EXPECT_EQ(stored_files(), 0u);
    EXPECT_EQ(author.get("/bijlagen/2").status, 404);
}

TEST_F(AttachmentsTest, HostileFileNamesNeverLeaveTheUploadFolderOrBreakTheHeader) {
    ASSERT_EQ(upload(author, "../../../etc/passwd.png", tiny_png('a')).status, 303);
    EXPECT_EQ(author.get("/bijlagen/1").header("Content-Disposition"), "attachment; filename=\"passwd.png\"");
    ASSERT_EQ(upload(author, "..\\..\\windows\\win.png", tiny_png('b')).status, 303);
    EXPECT_EQ(author.get("/bijlagen/2").header("Content-Disposition"), "attachment; filename=\"win.png\"");
    ASSERT_EQ(upload(author, "één kaart.png", tiny_png('c')).status, 303);
    EXPECT_EQ(author.get("/bijlagen/3").header("Content-Disposition"),
              "attachment; filename=\"__n kaart.png\"; filename*=UTF-8''%C3%A9%C3%A9n%20kaart.png");
    // CR/LF (header injection) and invalid UTF-8 are refused by the form parser: a clear 400.
    EXPECT_EQ(upload(author, "a\r\nSet-Cookie: x=1.png", tiny_png('d')).status, 400);
    EXPECT_EQ(upload(author, "kaart\xff\xfe.png", tiny_png('e')).status, 400);
    EXPECT_EQ(upload(author, "..", tiny_png('f')).status, 400);
    for (const auto& e : std::filesystem::recursive_directory_iterator(fx.web.dir))
        EXPECT_THAT(e.path().filename().string(), Not(HasSubstr("passwd")));
    EXPECT_EQ(stored_files(), 3u);
}

TEST_F(AttachmentsTest, DraftFilesAreForAuthorAndEditorsOnlyPublishedFilesForEveryone) {
    ASSERT_EQ(upload(author, "schema.png", tiny_png()).status, 303);
    EXPECT_EQ(author.get("/bijlagen/1").status, 200);
    EXPECT_EQ(editor.get("/bijlagen/1").status, 200);
    EXPECT_EQ(other.get("/bijlagen/1").status, 404);
    EXPECT_EQ(anonymous.get("/bijlagen/1").status, 404);
    EXPECT_EQ(upload(other, "ook.png", tiny_png('x')).status, 404);
    EXPECT_EQ(post(other, "/bijlagen/1/verwijderen", {{"bijdrage", "1"}}).status, 404);
    publish();
    EXPECT_EQ(anonymous.get("/bijlagen/1").status, 200);
    EXPECT_EQ(other.get("/bijlagen/1").status, 200);
    // Published attachments are fixed.
    auto late = upload(author, "later.png", tiny_png('y'));
    EXPECT_EQ(late.status, 403);
    auto editor_late = upload(editor, "later.png", tiny_png('y'));
    EXPECT_EQ(editor_late.status, 409);
    EXPECT_THAT(editor_late.body, HasSubstr("De bijlagen kunt u nu niet meer veranderen."));
}

TEST_F(AttachmentsTest, PdfTextIsFoundBySearchOnceTheContributionIsPublished) {
    ASSERT_EQ(upload(author, "verslag.pdf", minimal_pdf("Het zonnebloemproject bracht buren samen")).status, 303);
    auto listed = author.get("/bijdragen/1");
    EXPECT_THAT(listed.body, HasSubstr("PDF-bestand"));
    EXPECT_THAT(fx.web.get("/kennisbank?q=zonnebloemproject").body, Not(HasSubstr("Beweegtuin in de wijk")));
    publish();
    auto found = fx.web.get("/kennisbank?q=zonnebloemproject");
    EXPECT_THAT(found.body, HasSubstr("Beweegtuin in de wijk"));
    // The item page lists the attachment with its type and size.
    const auto item = fx.contributions->contribution(services::Actor::member(1, domain::Role::Lid), 1).value();
    ASSERT_TRUE(item.published_item);
    auto item_page = fx.web.get("/kennisbank/" + std::to_string(*item.published_item));
    if (item_page.status == 301) item_page = fx.web.get(std::string(item_page.header("Location")));
    ASSERT_EQ(item_page.status, 200);
    EXPECT_THAT(item_page.body, HasSubstr("<a href=\"/bijlagen/1\">verslag.pdf</a>"));
    EXPECT_THAT(item_page.body, HasSubstr("PDF-bestand"));
}

TEST_F(AttachmentsTest, UploadWithoutTheRightCsrfIs403AndStoresNothing) {
    author.get("/bijdragen");
    web::Request r;
    r.method = "POST";
    r.target = r.path = "/bijlagen/toevoegen";
    r.body = multipart("verkeerd", "1", "a.png", tiny_png());
    r.headers = {{"content-type", std::string("multipart/form-data; boundary=") + boundary},
                 {"cookie", std::string(web::session_cookie_name) + "=" + author.cookie(std::string(web::session_cookie_name))}};
    EXPECT_EQ(fx.web.app->handle(r).status, 403);
    EXPECT_EQ(stored_files(), 0u);
    EXPECT_EQ(upload(author, "zonder-bestand.png", "").status, 400);
}

}  // namespace
