#include "domain/organisation.h"

namespace gezondin::domain {

namespace {
constexpr OrganisationKind all_kinds[] = {OrganisationKind::Gemeente, OrganisationKind::Ggd,
                                          OrganisationKind::Welzijn,  OrganisationKind::Zorg,
                                          OrganisationKind::Programma, OrganisationKind::Overig};
}

std::string_view to_slug(OrganisationKind k) {
    switch (k) {
    case OrganisationKind::Gemeente: return "gemeente";
    case OrganisationKind::Ggd: return "ggd";
    case OrganisationKind::Welzijn: return "welzijn";
    case OrganisationKind::Zorg: return "zorg";
    case OrganisationKind::Programma: return "programma";
    case OrganisationKind::Overig: return "overig";
    }
    return "overig";
}

std::optional<OrganisationKind> organisation_kind_from_slug(std::string_view s) {
    for (auto k : all_kinds)
        if (to_slug(k) == s) return k;
    return std::nullopt;
}

}  // namespace gezondin::domain
