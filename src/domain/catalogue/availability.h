#pragma once
// Which offers apply where (DOMAIN.md): an offer whose perimeter is P is available in
// territory T when P is T or one of T's ancestors in the hierarchy graph; an ad-hoc perimeter
// is a list of such P. Population conditions then narrow it for the chosen territory.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue/offer.h"
#include "domain/territories/territory_repository.h"

namespace boussole::catalogue {

//! The typed ids of `id` and of all its ancestors: the perimeters whose offers apply there.
std::vector<std::string> PerimetersCovering(const territories::TerritoryId& id,
                                            territories::TerritoryRepository& territories);

//! The territories an offer's perimeter names: its perimeter, or the members of its ad-hoc
//! perimeter; empty when the perimeter is unknown.
std::vector<std::string> PerimeterTerritories(const Offer& offer);

//! Whether the offer's population conditions of effect "eligibility" let a territory of
//! `kind` ("commune", "epci"…) and `population` use it. A condition about another kind, or
//! a territory whose population is unknown, does not exclude it.
bool PopulationAllows(const Offer& offer, std::string_view kind, std::optional<std::int64_t> population);

//! Whether a condition of effect "free" makes the offer free of charge for that territory.
bool FreeByPopulation(const Offer& offer, std::string_view kind, std::optional<std::int64_t> population);

}  // namespace boussole::catalogue
