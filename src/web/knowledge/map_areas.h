#pragma once
// The areas the maps of France are drawn by (départements or régions), read from the
// territories, and the areas a typed territory id lies in: shared by /cartes and the map of
// a programme's territories.
#include <set>
#include <string>
#include <vector>

#include "domain/territories/territory.h"
#include "web/knowledge/france_map.h"

namespace boussole::storage {
class Store;
}

namespace boussole::web {

//! Every région, or every département, of France in code order.
std::vector<territories::Territory> FranceAreas(storage::Store& store, MapScale scale);

//! The area (département or région) codes a typed territory id lies in (itself included).
std::set<std::string> AreasOfTerritory(storage::Store& store, const std::string& typed_id, MapScale scale);

}  // namespace boussole::web
