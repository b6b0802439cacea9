#pragma once
// Query parameters of the ongelijk-investeren pages and API, so every result is a link.
// One set of names for all pages: the need index parameters are shared, so the allocation,
// robustness and inequality pages compute on the same index as the kansenindex page.
//
//   gemeente=GM0363  jaar=2019  niveau=buurt|wijk  preset=<id>
//   indicator=<key> (repeated)  richting_<key>=hoger-slechter|hoger-beter  gewicht_<key>=1,5
//   normalisatie=z-score|min-max|percentielrang  aggregatie=rekenkundig|meetkundig
//   bevolking=ja  transformatie=exponentieel  ontbrekend=uitsluiten|beschikbaar
//   budget=1000000  universeel=40 (%)  proportionaliteit=1  vloer=0  plafond=0 (euro p.p.)
//   zonder_behoefte=universeel|uitsluiten  trekkingen=1000
//   cijfer=<key>  rangorde=kansenindex|<key>  rangorde_richting=...  groepen=5|10

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "services/ongelijk/ongelijk.h"
#include "web/http/message.h"

namespace gezondin::web::ongelijk {

struct Place {
    std::string gemeente;
    std::optional<int> year;
    stats::AreaLevel level = stats::AreaLevel::Buurt;
};

struct Choices {
    services::IndexRequest index;
    std::string preset;                 // the preset used when no indicator was chosen
    double budget_euros = 1'000'000;
    stats::AllocationParams allocation;
    int draws = 1000;
    services::InequalityRequest inequality;
};

// gemeente, jaar, niveau. InvalidInput (Dutch) for a bad year or level.
[[nodiscard]] core::Result<Place> parse_place(const Request& req);

// Everything else. Starts from a preset (the chosen one, else the first with indicators)
// when no indicator is given. InvalidInput lists every faulty field, in Dutch; `partial`
// then holds what could be read, to fill the form again.
[[nodiscard]] core::Result<Choices> parse_choices(const Request& req, const services::OngelijkData& data, Choices& partial);

// The canonical query string of place + choices ("gemeente=...&jaar=...&...").
std::string query_string(const Place& place, int year, const Choices& choices);

// "12,3" with Dutch separators; "1.234.567,89" for money with 2 decimals.
std::string number(double v, int decimals);
std::string euros(std::int64_t cents);
// "1.5", "1000000": for URLs and CSV.
std::string plain(double v);
// "1234.56" from cents: for CSV and XLSX.
std::string euros_plain(std::int64_t cents);

const char* normalisation_slug(stats::Normalisation n);
const char* direction_slug(stats::Direction d);

}  // namespace gezondin::web::ongelijk
