#include "web/http/multipart.h"

#include <gtest/gtest.h>

#include <string>

#include "core/messages.h"

using namespace gezondin;
using namespace gezondin::web;

namespace {

const std::string kType = "multipart/form-data; boundary=----WebKitFormBoundaryX3b";
const std::string kDash = "------WebKitFormBoundaryX3b";

std::string field(std::string_view name, std::string_view value) {
    return kDash + "\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"\r\n\r\n" +
           std::string(value) + "\r\n";
}

std::string file(std::string_view name, std::string_view filename, std::string_view data,
                 std::string_view type = "text/csv") {
    return kDash + "\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"; filename=\"" +
           std::string(filename) + "\"\r\nContent-Type: " + std::string(type) + "\r\n\r\n" + std::string(data) +
           "\r\n";
}

std::string close() { return kDash + "--\r\n"; }

}  // namespace

TEST(Multipart, ReadsBoundaryFromContentType) {
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
    EXPECT_EQ(multipart_boundary("Multipart/Form-Data;boundary=\"a b:c\""), "a b:c");
    EXPECT_FALSE(multipart_boundary("multipart/form-data"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"\""));
    EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=abc"));
    EXPECT_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"a\x01b\""));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=a; boundary=b"));
}

TEST(Multipart, ParsesFieldsAndFilesInOrder) {
    std::string body = field("csrf", "tok123") + file("bestand", "84583NED.csv", "a;b\r\n1;2\r\n") +
                       field("opmerking", "één regel\r\ntwee regels") + close();
    auto parts = parse_multipart(kType, body);
    ASSERT_TRUE(parts) << parts.error().message();
    ASSERT_EQ(parts->size(), 3u);
    EXPECT_EQ((*parts)[0].name, "csrf");
    EXPECT_FALSE((*parts)[0].is_file);
    EXPECT_EQ((*parts)[0].content_type, "text/plain");
    EXPECT_EQ((*parts)[1].filename, "84583NED.csv");
    EXPECT_TRUE((*parts)[1].is_file);
    EXPECT_EQ((*parts)[1].content_type, "text/csv");
    EXPECT_EQ((*parts)[1].data, "a;b\r\n1;2\r\n");
    EXPECT_EQ(field_value(*parts, "opmerking"), "één regel\r\ntwee regels");
    EXPECT_EQ(field_value(*parts, "bestand"), "");   // a file is not a plain field
    EXPECT_EQ(find_part(*parts, "bestand"), &(*parts)[1]);
    EXPECT_EQ(find_part(*parts, "nope"), nullptr);
}

TEST(Multipart, KeepsBinaryFileDataExactly) {
    std::string data("PK\x03\x04\0\xff\xfe\r\n--not-the-boundary\r\n", 28);
    auto parts = parse_multipart(kType, file("f", "kwb-2024.xlsx", data, "application/octet-stream") + close());
    ASSERT_TRUE(parts) << parts.error().message();
    EXPECT_EQ((*parts)[0].data, data);
}

TEST(Multipart, IgnoresPreambleEpilogueAndPadding) {
    std::string body = "preamble to ignore\r\n" + kDash + "  \r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n" +
                       kDash + "--\r\nepilogue";
    auto parts = parse_multipart(kType, body);
    ASSERT_TRUE(parts) << parts.error().message();
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_EQ((*parts)[0].data, "x");
}

TEST(Multipart, AcceptsEmptyFileInputAsFileWithoutName) {
    auto parts = parse_multipart(kType, file("bestand", "", "", "application/octet-stream") + close());
    ASSERT_TRUE(parts) << parts.error().message();
    EXPECT_TRUE((*parts)[0].is_file);
    EXPECT_EQ((*parts)[0].filename, "");
    EXPECT_EQ((*parts)[0].data, "");
}

TEST(Multipart, RefusesMissingBoundary) {
    auto r = parse_multipart("multipart/form-data", field("a", "b") + close());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), core::ErrorCode::InvalidInput);
    EXPECT_TRUE(core::has_msg("multipart.no_boundary"));
    EXPECT_EQ(r.error().message(), core::msg("multipart.no_boundary"));
}

TEST(Multipart, RefusesBodyWithoutAnyDelimiter) {
    auto r = parse_multipart(kType, "just some text");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message(), core::msg("multipart.truncated"));
}

TEST(Multipart, RefusesTruncatedBodiesAtEveryLength) {
    std::string body = field("csrf", "tok") + file("bestand", "a.csv", "1;2;3\r\n4;5;6") + close();
    // Every strict prefix that cuts off the closing delimiter must fail, never give fewer parts.
    std::size_t closing = body.size() - close().size();
    for (std::size_t n = 0; n < closing + kDash.size() + 2; ++n) {
        auto r = parse_multipart(kType, std::string_view(body).substr(0, n));
        EXPECT_FALSE(r) << "prefix of " << n << " bytes was accepted";
    }
    EXPECT_TRUE(parse_multipart(kType, body));
}

TEST(Multipart, RefusesHugeHeaderBlock) {
    std::string body = kDash + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Junk: " + std::string(20000, 'x') +
                       "\r\n\r\nv\r\n" + close();
    auto r = parse_multipart(kType, body);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), core::ErrorCode::TooLarge);
    // A header block that never ends is also too large once it passes the limit.
    auto endless = parse_multipart(kType, kDash + "\r\nX: " + std::string(20000, 'y'));
    ASSERT_FALSE(endless);
    EXPECT_EQ(endless.error().code(), core::ErrorCode::TooLarge);
}

TEST(Multipart, EnforcesPartAndSizeLimits) {
    MultipartLimits limits;
    limits.max_parts = 2;
    limits.max_field_bytes = 4;
    limits.max_file_bytes = 10;
    auto many = parse_multipart(kType, field("a", "1") + field("b", "2") + field("c", "3") + close(), limits);
    ASSERT_FALSE(many);
    EXPECT_EQ(many.error().code(), core::ErrorCode::TooLarge);
    auto long_field = parse_multipart(kType, field("a", "12345") + close(), limits);
    ASSERT_FALSE(long_field);
    EXPECT_EQ(long_field.error().code(), core::ErrorCode::TooLarge);
    ASSERT_EQ(long_field.error().problems().size(), 1u);
    EXPECT_EQ(long_field.error().problems()[0].field, "a");
    auto big_file = parse_multipart(kType, file("f", "x.csv", "12345678901") + close(), limits);
    ASSERT_FALSE(big_file);
    EXPECT_NE(big_file.error().message().find("x.csv"), std::string::npos);
    EXPECT_TRUE(parse_multipart(kType, file("f", "x.csv", "1234567890") + field("a", "1234") + close(), limits));
}

TEST(Multipart, ReducesPathTraversalToBaseName) {
    auto r = parse_multipart(kType, file("f", "../../etc/passwd", "x") + file("g", "C:\\Users\\a\\data.csv", "y") +
                                        file("h", "/abs/dir/kwb.csv", "z") + close());
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ((*r)[0].filename, "passwd");
    EXPECT_EQ((*r)[1].filename, "data.csv");
    EXPECT_EQ((*r)[2].filename, "kwb.csv");
}

TEST(Multipart, RefusesFileNamesThatAreOnlyPathOrDots) {
    for (std::string bad : {"..", ".", "../", "dir/..", "a\\..", "/", "x\x01y.csv", "a\x7f"}) {
        auto r = parse_multipart(kType, file("f", bad, "x") + close());
        ASSERT_FALSE(r) << "accepted file name " << bad;
        EXPECT_EQ(r.error().code(), core::ErrorCode::InvalidInput);
    }
}

TEST(Multipart, RefusesInvalidUtf8InNamesFileNamesAndFields) {
    EXPECT_FALSE(parse_multipart(kType, field("na\xffme", "v") + close()));
    EXPECT_FALSE(parse_multipart(kType, file("f", "bad\xc3(.csv", "v") + close()));
    EXPECT_FALSE(parse_multipart(kType, field("tekst", "\xed\xa0\x80") + close()));   // a surrogate
    // File data is binary and may hold any byte.
    EXPECT_TRUE(parse_multipart(kType, file("f", "ok.bin", "\xff\xfe") + close()));
}

TEST(Multipart, RefusesMalformedPartHeaders) {
    auto with_headers = [](std::string headers) {
        return parse_multipart(kType, kDash + "\r\n" + headers + "\r\n\r\nv\r\n" + close());
    };
    EXPECT_FALSE(with_headers("Content-Type: text/plain"));                          // no disposition
    EXPECT_FALSE(with_headers("Content-Disposition: attachment; name=\"a\""));        // not form-data
    EXPECT_FALSE(with_headers("Content-Disposition: form-data"));                    // no name
    EXPECT_FALSE(with_headers("Content-Disposition: form-data; name=\"\""));         // empty name
    EXPECT_FALSE(with_headers("Content-Disposition: form-data; name=\"a"));          // open quote
    EXPECT_FALSE(with_headers("Content-Disposition: form-data; name=a; name=b"));     // repeated
    EXPECT_FALSE(with_headers("Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=b"));
    EXPECT_FALSE(with_headers("Content-Disposition: form-data;\r\n name=\"a\""));     // folding
    EXPECT_FALSE(with_headers("Content-Disposition: form-data; name=\"a\"\nX: y"));   // bare LF
    EXPECT_FALSE(with_headers("No colon here"));
    EXPECT_FALSE(with_headers(": empty name"));
    EXPECT_FALSE(parse_multipart(kType, kDash + "\r\n\r\nv\r\n" + close()));         // no headers at all
    EXPECT_TRUE(with_headers("content-disposition: form-data; NAME=a; x-extra=1\r\nX-Other: ok"));
}

TEST(Multipart, RefusesBareLineFeedsAfterDelimiter) {
    std::string body = kDash + "\nContent-Disposition: form-data; name=a\n\nv\n" + kDash + "--";
    EXPECT_FALSE(parse_multipart(kType, body));
}

TEST(Multipart, RefusesGarbageAfterDelimiter) {
    std::string body = kDash + "garbage\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n" + close();
    EXPECT_FALSE(parse_multipart(kType, body));
}

TEST(Multipart, ReturnsNoPartsForOnlyClosingDelimiter) {
    auto r = parse_multipart(kType, close());
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->empty());
}
