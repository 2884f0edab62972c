#include "territory_pool.h"

#include <cmath>
#include <stdexcept>

namespace boussole::bench {

TerritoryPool::TerritoryPool(const territories::Snapshot& snapshot) {
  using territories::Kind;
  std::vector<double> commune_weights, epci_weights, departement_weights, region_weights;
  for (const auto& territory : snapshot.territories) {
    // The COG lists some overseas collectivities (département 986…) under codes that
    // offer documents refuse as perimeters: leave them out.
    if (!territories::TerritoryId::Parse(territory.id.ToString())) continue;
    const double root = std::sqrt(static_cast<double>(std::max<std::int64_t>(1, territory.population.value_or(1))));
    switch (territory.id.kind) {
      case Kind::kCommune:
        communes_.ids.push_back(territory.id.ToString());
        commune_weights.push_back(root);
        break;
      case Kind::kEpci:
        epci_.ids.push_back(territory.id.ToString());
        epci_weights.push_back(root);
        break;
      case Kind::kDepartement:
        departements_.ids.push_back(territory.id.ToString());
        departement_weights.push_back(1);
        break;
      case Kind::kRegion:
        regions_.ids.push_back(territory.id.ToString());
        region_weights.push_back(1);
        break;
      default:
        break;
    }
  }
  if (communes_.ids.empty() || epci_.ids.empty() || departements_.ids.empty() || regions_.ids.empty()) {
    throw std::runtime_error("the territory snapshot lacks communes, EPCI, départements or régions");
  }
  communes_.draw = Weighted(commune_weights);
  epci_.draw = Weighted(epci_weights);
  departements_.draw = Weighted(departement_weights);
  regions_.draw = Weighted(region_weights);
}

const TerritoryPool::ByKind& TerritoryPool::Of(territories::Kind kind) const {
  using territories::Kind;
  switch (kind) {
    case Kind::kCommune: return communes_;
    case Kind::kEpci: return epci_;
    case Kind::kDepartement: return departements_;
    case Kind::kRegion: return regions_;
    default: throw std::invalid_argument("no pool for this kind of territory");
  }
}

const std::string& TerritoryPool::Draw(Random& random, territories::Kind kind) const {
  const ByKind& pool = Of(kind);
  return pool.ids[pool.draw.Draw(random)];
}

const std::vector<std::string>& TerritoryPool::All(territories::Kind kind) const { return Of(kind).ids; }

}  // namespace boussole::bench
