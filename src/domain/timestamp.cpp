#include "domain/timestamp.h"

#include <cstdio>

namespace gezondin::domain {

namespace {

struct Civil {
    long long year;
    int month, day;
};

// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
Civil civil_from_days(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2), m, d};
}

long long days_from_civil(long long y, int m, int d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

long long floor_div(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::string to_iso8601(Timestamp t) {
    const long long days = floor_div(t, 86400);
    const long long secs = t - days * 86400;
    const Civil c = civil_from_days(days);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02lld:%02lld:%02lldZ", c.year, c.month, c.day, secs / 3600,
                  secs / 60 % 60, secs % 60);
    return buf;
}

std::string iso_week(Timestamp t) {
    const long long days = floor_div(t, 86400);
    // 0 = Monday ... 6 = Sunday; 1970-01-01 was a Thursday.
    const long long weekday = (days + 3) - floor_div(days + 3, 7) * 7;
    const long long thursday = days - weekday + 3;   // the ISO year is the year of this Thursday
    const long long year = civil_from_days(thursday).year;
    const long long week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-W%02lld", year, week);
    return buf;
}

}  // namespace gezondin::domain
