#pragma once
// A calendar date without time zone, as used for item dates (YYYY-MM-DD).

#include <optional>
#include <string>
#include <string_view>

namespace gezondin::core {

struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    // Parses exactly "YYYY-MM-DD" with a real calendar day (leap years honoured).
    static std::optional<Date> parse(std::string_view s);
    std::string to_string() const;
    // Days since 1970-01-01; used for sorting and HTTP dates.
    long days_since_epoch() const;

    friend auto operator<=>(const Date&, const Date&) = default;
};

// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_now_iso8601();

// RFC 7231 date for HTTP headers from an ISO 8601 UTC timestamp or a date ("Tue, 24 Nov 2026 14:02:00 GMT").
std::string http_date(std::string_view iso8601);

}  // namespace gezondin::core
