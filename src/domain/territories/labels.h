#pragma once
// French labels of the territories module (its messages file).
#include <string_view>

#include "domain/territories/territory.h"

namespace boussole::territories {

//! "Commune", "Intercommunalité (EPCI)"…
std::string_view KindLabel(Kind kind);
//! Plural, lower case, for headings: "communes membres", "départements"…
std::string_view KindPluralLabel(Kind kind);
//! "Communauté de communes" for "CC"; `nature` itself when unknown.
std::string_view NatureLabel(std::string_view nature);

}  // namespace boussole::territories
