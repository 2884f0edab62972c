#include "web/knowledge/map_areas.h"

#include <algorithm>

#include "storage/store.h"
#include "web/knowledge/participation.h"

namespace boussole::web {

using territories::Kind;
using territories::Territory;

std::vector<Territory> FranceAreas(storage::Store& store, MapScale scale) {
  std::vector<Territory> areas;
  for (const auto& region : store.Children(territories::TerritoryId{Kind::kPays, "FR"}, Kind::kRegion, 1000)) {
    if (scale == MapScale::kRegion) {
      areas.push_back(region);
      continue;
    }
    for (auto& d : store.Children(region.id, Kind::kDepartement, 1000)) areas.push_back(std::move(d));
  }
  std::sort(areas.begin(), areas.end(), [](const Territory& a, const Territory& b) { return a.id.code < b.id.code; });
  return areas;
}

std::set<std::string> AreasOfTerritory(storage::Store& store, const std::string& typed_id, MapScale scale) {
  const std::string prefix = scale == MapScale::kRegion ? "region:" : "departement:";
  std::set<std::string> codes;
  for (const auto& id : SelfAndAncestors(store, typed_id)) {
    if (id.rfind(prefix, 0) == 0) codes.insert(id.substr(prefix.size()));
  }
  return codes;
}

}  // namespace boussole::web
