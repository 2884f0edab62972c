#pragma once
// Which offers apply where (DOMAIN.md): an offer whose perimeter is P is available in
// territory T when P is T or one of T's ancestors in the hierarchy graph.
#include <string>
#include <vector>

#include "domain/territories/territory_repository.h"

namespace boussole::catalogue {

//! The typed ids of `id` and of all its ancestors: the perimeters whose offers apply there.
std::vector<std::string> PerimetersCovering(const territories::TerritoryId& id,
                                            territories::TerritoryRepository& territories);

}  // namespace boussole::catalogue
