#pragma once
// An organisation that members belong to: a municipality (gemeente, from the CBS list), a GGD
// (regional public health service), a welfare or care organisation, or the programme itself.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/timestamp.h"
#include "domain/user.h"

namespace gezondin::domain {

using OrganisationId = std::int64_t;

enum class OrganisationKind { Gemeente, Ggd, Welzijn, Zorg, Programma, Overig };

struct Organisation {
    OrganisationId id = 0;                        // 0 until stored
    OrganisationKind kind = OrganisationKind::Overig;
    std::string name;                             // single line, see is_acceptable_name
    std::optional<std::string> municipality_code; // "GM0363" for a gemeente, else usually none
    Timestamp created_at = 0;

    friend bool operator==(const Organisation&, const Organisation&) = default;
};

// A user's membership of an organisation.
struct Membership {
    OrganisationId organisation = 0;
    UserId user = 0;
    Timestamp joined_at = 0;

    friend bool operator==(const Membership&, const Membership&) = default;
};

std::string_view to_slug(OrganisationKind k);   // "gemeente", "ggd", "welzijn", "zorg", "programma", "overig"
std::optional<OrganisationKind> organisation_kind_from_slug(std::string_view s);

}  // namespace gezondin::domain
