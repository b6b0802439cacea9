// Attachments: the AttachmentStore contract and the Attachments service on SQLite and
// PostgreSQL, and the pure helpers (type by content, file names, Content-Disposition, PDF text).

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "community_backend.h"
#include "services/community/attachments.h"

namespace gezondin::services {
namespace {

using core::ErrorCode;
using domain::Role;
namespace fs = std::filesystem;

GEZONDIN_COMMUNITY_SUITE(AttachmentContract);
GEZONDIN_COMMUNITY_SUITE(AttachmentService);

std::string png_bytes(char variant = 0) {
    std::string png("\x89PNG\r\n\x1a\n", 8);
    png += std::string("\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 25);
    png += std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);
    png.push_back(variant);
    return png;
}

// A tiny PDF with one line of text; poppler tolerates the missing cross-reference table.
std::string pdf_bytes(const std::string& text) {
    const std::string content = "BT /F1 18 Tf 72 700 Td (" + text + ") Tj ET";
    return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
           "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
           "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           "/Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n"
           "4 0 obj\n<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream\nendobj\n"
           "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n"
           "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

storage::Attachment record(domain::ContributionId c, domain::UserId by, const std::string& name, const std::string& hash) {
    return {0, c, name, "image/png", 42, hash, "tekst van " + name, by, 1'795'000'000};
}

TEST_P(AttachmentContract, AddReadListRemoveAndCountByHash) {
    auto user = make_user("Anne", "anne@example.nl");
    auto c = store().create_contribution({0, user, std::nullopt, domain::ContributionStatus::Draft, "", content("Titel"), std::nullopt, 0, 0, 0},
                                         clock.now())
                 .value();
    auto a = store().add_attachment(record(c, user, "één \"kaart\".png", "abc")).value();
    auto b = store().add_attachment(record(c, user, "b.png", "abc")).value();
    EXPECT_LT(a, b);
    auto read = store().attachment(a).value();
    EXPECT_EQ(read.contribution, c);
    EXPECT_EQ(read.filename, "één \"kaart\".png");
    EXPECT_EQ(read.content_type, "image/png");
    EXPECT_EQ(read.size, 42);
    EXPECT_EQ(read.sha256, "abc");
    EXPECT_EQ(read.text, "tekst van één \"kaart\".png");
    EXPECT_EQ(read.uploaded_by, user);
    EXPECT_EQ(read.created_at, 1'795'000'000);
    auto list = store().attachments_of(c).value();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].id, a);
    EXPECT_EQ(list[1].filename, "b.png");
    EXPECT_EQ(store().attachments_with_hash("abc").value(), 2);
    EXPECT_EQ(store().remove_attachment(c + 1, a).error().code(), ErrorCode::NotFound);
    ASSERT_TRUE(store().remove_attachment(c, a));
    EXPECT_EQ(store().remove_attachment(c, a).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(store().attachment(a).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(store().attachments_with_hash("abc").value(), 1);
    EXPECT_EQ(store().add_attachment(record(c + 100, user, "x.png", "def")).error().code(), ErrorCode::NotFound);
}

TEST_P(AttachmentContract, RemovingTheContributionsOfAnErasedAccountRemovesTheirAttachments) {
    auto user = make_user("Anne", "anne@example.nl");
    auto c = store().create_contribution({0, user, std::nullopt, domain::ContributionStatus::Draft, "", content("Titel"), std::nullopt, 0, 0, 0},
                                         clock.now())
                 .value();
    ASSERT_TRUE(store().add_attachment(record(c, user, "a.png", "abc")));
    ASSERT_TRUE(store().erase_user(user, true, clock.now()));
    EXPECT_EQ(store().attachments_with_hash("abc").value(), 0);
}

TEST_P(AttachmentContract, ErasingAnAccountTakesItsUnpublishedWorkAndKeepsThePublished) {
    auto user = make_user("Anne", "anne@example.nl");
    auto make = [&](domain::ContributionStatus status, const std::string& title) {
        return store().create_contribution({0, user, std::nullopt, status, "", content(title), std::nullopt, 0, 0, 0}, clock.now()).value();
    };
    auto draft = make(domain::ContributionStatus::Draft, "Concept");
    auto submitted = make(domain::ContributionStatus::Submitted, "Ingediend");
    auto published = make(domain::ContributionStatus::Published, "Gepubliceerd");
    ASSERT_TRUE(store().add_attachment(record(draft, user, "a.png", "abc")));
    ASSERT_TRUE(store().add_attachment(record(published, user, "b.png", "def")));
    auto erased = store().erase_user(user, false, clock.now()).value();
    EXPECT_EQ(erased.contributions_removed, 2);
    EXPECT_EQ(store().contribution(draft).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(store().contribution(submitted).error().code(), ErrorCode::NotFound);
    EXPECT_TRUE(store().contribution(published));
    EXPECT_EQ(store().attachments_with_hash("abc").value(), 0);
    EXPECT_EQ(store().attachments_with_hash("def").value(), 1);
}

class UploadDir {
public:
    UploadDir() : m_path(fs::temp_directory_path() / ("gezondin-bijlagen-" + std::to_string(std::random_device{}()))) {}
    ~UploadDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    std::string path() const { return m_path.string(); }
    std::size_t files() const {
        std::size_t n = 0;
        for (const auto& e : fs::directory_iterator(m_path)) n += e.is_regular_file();
        return n;
    }

private:
    fs::path m_path;
};

TEST_P(AttachmentService, ChecksTypeSizeAndPermissionsAndStoresByHash) {
    UploadDir dir;
    auto attachments = Attachments::open(store(), clock, {dir.path(), 1000}).value();
    auto anne = Actor::member(make_user("Anne", "anne@example.nl"), Role::Lid);
    auto bert = Actor::member(make_user("Bert", "bert@example.nl"), Role::Lid);
    auto editor = Actor::member(make_user("Redactie", "red@example.nl", Role::Redacteur), Role::Redacteur);
    auto id = contributions->create(anne, content("Beweegtuin")).value();

    auto a = attachments->add(anne, id, {"kaart.png", png_bytes()});
    ASSERT_TRUE(a) << a.error().message();
    ASSERT_TRUE(attachments->add(anne, id, {"ook-kaart.PNG", png_bytes()}));
    EXPECT_EQ(dir.files(), 1u);
    EXPECT_TRUE(fs::exists(dir.path() + "/" + sha256_hex(png_bytes())));

    EXPECT_EQ(attachments->add(anne, id, {"kaart.pdf", png_bytes()}).error().code(), ErrorCode::InvalidInput);
    EXPECT_EQ(attachments->add(anne, id, {"pagina.html", "<html><script>alert(1)</script></html>"}).error().code(),
              ErrorCode::InvalidInput);
    EXPECT_EQ(attachments->add(anne, id, {"groot.png", png_bytes() + std::string(1000, 'x')}).error().code(),
              ErrorCode::TooLarge);
    EXPECT_EQ(attachments->add(bert, id, {"x.png", png_bytes(1)}).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(attachments->add(Actor::anonymous(), id, {"x.png", png_bytes(1)}).error().code(), ErrorCode::Unauthenticated);
    EXPECT_EQ(attachments->file(bert, *a).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(attachments->file(Actor::anonymous(), *a).error().code(), ErrorCode::NotFound);
    EXPECT_TRUE(attachments->file(editor, *a));
    EXPECT_EQ(attachments->list(anne, id).value().size(), 2u);

    ASSERT_TRUE(contributions->submit(anne, id));
    ASSERT_TRUE(contributions->publish(editor, id));
    EXPECT_TRUE(attachments->file(Actor::anonymous(), *a));
    EXPECT_EQ(attachments->add(editor, id, {"later.png", png_bytes(2)}).error().code(), ErrorCode::Conflict);
    EXPECT_EQ(attachments->remove(anne, id, *a).error().code(), ErrorCode::Forbidden);
}

TEST_P(AttachmentService, PdfTextIsKeptAndGivenToTheIndexForTheItem) {
    UploadDir dir;
    auto attachments = Attachments::open(store(), clock, {dir.path(), 100'000}).value();
    auto anne = Actor::member(make_user("Anne", "anne@example.nl"), Role::Lid);
    auto editor = Actor::member(make_user("Redactie", "red@example.nl", Role::Redacteur), Role::Redacteur);
    auto id = contributions->create(anne, content("Beweegtuin")).value();
    auto a = attachments->add(anne, id, {"verslag.pdf", pdf_bytes("Het zonnebloemproject")}).value();
    EXPECT_EQ(store().attachment(a).value().content_type, "application/pdf");
    EXPECT_NE(store().attachment(a).value().text.find("zonnebloemproject"), std::string::npos);

    ASSERT_TRUE(contributions->submit(anne, id));
    auto item_id = contributions->publish(editor, id).value();
    auto item = items().item(item_id).value();
    EXPECT_NE(attachments->search_text(item).find("zonnebloemproject"), std::string::npos);
    ASSERT_EQ(attachments->for_item(item).size(), 1u);
    EXPECT_EQ(attachments->for_item(item)[0].filename, "verslag.pdf");
    domain::Item other = item;
    other.external_id = "t-1";
    EXPECT_TRUE(attachments->for_item(other).empty());
    EXPECT_EQ(attachments->search_text(other), "");
}

TEST(AttachmentHelpers, TypeComesFromTheBytes) {
    EXPECT_EQ(detect_attachment_type("application/pdf", "%PDF-1.4"), "application/pdf");
    EXPECT_EQ(detect_attachment_type("text/html", "<html>"), "");
    EXPECT_EQ(detect_attachment_type("application/zip", std::string("PK\x03\x04", 4) + "word/document.xml"),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(detect_attachment_type("application/zip", std::string("PK\x03\x04", 4) + "xl/workbook.xml"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(detect_attachment_type("application/zip", std::string("PK\x03\x04", 4) + "content.xml"), "");
    EXPECT_EQ(detect_attachment_type("application/octet-stream", "word/document.xml"), "");
}

TEST(AttachmentHelpers, FileNamesAreMadeSafeForStorageAndHeaders) {
    EXPECT_EQ(clean_filename("../../etc/passwd"), "passwd");
    EXPECT_EQ(clean_filename("C:\\Users\\x\\kaart.png"), "kaart.png");
    EXPECT_EQ(clean_filename("a\r\nb.png"), "a__b.png");
    EXPECT_EQ(clean_filename("kaart\xff.png"), "kaart_.png");
    EXPECT_EQ(clean_filename(".."), "bijlage");
    EXPECT_EQ(clean_filename("   "), "bijlage");
    EXPECT_EQ(clean_filename(std::string(300, 'a')).size(), 200u);
    EXPECT_EQ(clean_filename(std::string(199, 'a') + "é").size(), 199u);   // never half a character

    EXPECT_EQ(content_disposition("kaart.png"), "attachment; filename=\"kaart.png\"");
    EXPECT_EQ(content_disposition("a\"b\\c.png"), "attachment; filename=\"a_b_c.png\"; filename*=UTF-8''a%22b%5Cc.png");
    EXPECT_EQ(content_disposition("één.pdf"), "attachment; filename=\"__n.pdf\"; filename*=UTF-8''%C3%A9%C3%A9n.pdf");
    EXPECT_EQ(content_disposition("a\r\nb"), "attachment; filename=\"a__b\"; filename*=UTF-8''a%0D%0Ab");
}

TEST(AttachmentHelpers, PdfTextIsExtractedAndBrokenPdfsGiveNone) {
    EXPECT_NE(pdf_text(pdf_bytes("Buurtkamer"), 1000).find("Buurtkamer"), std::string::npos);
    EXPECT_EQ(pdf_text("%PDF-1.4 kapot", 1000), "");
    EXPECT_EQ(pdf_text("", 1000), "");
    EXPECT_LE(pdf_text(pdf_bytes("Buurtkamer"), 4).size(), 4u);
}

TEST_P(AttachmentService, ADeletedAccountsFilesGoUnlessAnotherAttachmentSharesThem) {
    UploadDir dir;
    auto attachments = Attachments::open(store(), clock, {dir.path(), 1000}).value();
    privacy->set_attachments(attachments.get());
    auto anne = Actor::member(make_user("Anne", "anne@example.nl"), Role::Lid);
    auto bert = Actor::member(make_user("Bert", "bert@example.nl"), Role::Lid);
    auto mine = contributions->create(anne, content("Concept van Anne")).value();
    auto theirs = contributions->create(bert, content("Concept van Bert")).value();
    ASSERT_TRUE(attachments->add(anne, mine, {"alleen-anne.png", png_bytes(0)}));
    ASSERT_TRUE(attachments->add(anne, mine, {"gedeeld.png", png_bytes(1)}));
    ASSERT_TRUE(attachments->add(bert, theirs, {"gedeeld.png", png_bytes(1)}));
    ASSERT_EQ(dir.files(), 2u);
    ASSERT_TRUE(privacy->delete_account(anne, ContributionsOnDelete::Keep));
    EXPECT_FALSE(fs::exists(dir.path() + "/" + sha256_hex(png_bytes(0))));
    EXPECT_TRUE(fs::exists(dir.path() + "/" + sha256_hex(png_bytes(1))));
    EXPECT_EQ(attachments->list(bert, theirs).value().size(), 1u);
}

TEST_P(AttachmentService, TheCleanUpTakesOldStrayFilesOnly) {
    UploadDir dir;
    auto attachments = Attachments::open(store(), clock, {dir.path(), 1000}).value();
    auto anne = Actor::member(make_user("Anne", "anne@example.nl"), Role::Lid);
    auto id = contributions->create(anne, content("Beweegtuin")).value();
    ASSERT_TRUE(attachments->add(anne, id, {"kaart.png", png_bytes()}));
    const std::string kept = dir.path() + "/" + sha256_hex(png_bytes());
    const std::string stray = dir.path() + "/" + sha256_hex("weggeraakt");
    const std::string young = dir.path() + "/" + sha256_hex("net geschreven");
    const std::string temp = stray + ".tmp-0123456789ab";
    const std::string other = dir.path() + "/notities.txt";
    const auto two_hours_ago = fs::file_time_type::clock::now() - std::chrono::hours(2);
    for (const auto& path : {stray, young, temp, other}) std::ofstream(path) << "x";
    for (const auto& path : {kept, stray, temp, other}) fs::last_write_time(path, two_hours_ago);
    EXPECT_EQ(attachments->purge_unreferenced(std::chrono::hours(1)).value(), 2);
    EXPECT_TRUE(fs::exists(kept));
    EXPECT_FALSE(fs::exists(stray));
    EXPECT_FALSE(fs::exists(temp));
    EXPECT_TRUE(fs::exists(young));
    EXPECT_TRUE(fs::exists(other));
    // An upload of bytes whose old file is still there makes that file young again, so a
    // clean-up between writing the file and recording the attachment leaves it alone.
    const std::string again = dir.path() + "/" + sha256_hex(png_bytes(7));
    std::ofstream(again, std::ios::binary) << png_bytes(7);
    fs::last_write_time(again, two_hours_ago);
    ASSERT_TRUE(attachments->add(anne, id, {"kaart2.png", png_bytes(7)}));
    EXPECT_GT(fs::last_write_time(again), two_hours_ago + std::chrono::hours(1));
}

}  // namespace
}  // namespace gezondin::services
