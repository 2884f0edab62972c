#include "domain/catalogue/availability.h"

namespace boussole::catalogue {

std::vector<std::string> PerimetersCovering(const territories::TerritoryId& id,
                                            territories::TerritoryRepository& territories) {
  std::vector<std::string> perimeters{id.ToString()};
  for (const auto& ancestor : territories.Ancestors(id)) perimeters.push_back(ancestor.ToString());
  return perimeters;
}

std::vector<std::string> PerimeterTerritories(const Offer& offer) {
  if (!offer.perimeter.empty()) return {offer.perimeter};
  return offer.adhoc_perimeter.territories;
}

bool PopulationAllows(const Offer& offer, std::string_view kind, std::optional<std::int64_t> population) {
  if (!population) return true;
  for (const PopulationCondition& condition : offer.population_conditions) {
    if (condition.effect == "eligibility" && condition.territory_kind == kind && !condition.Holds(*population)) {
      return false;
    }
  }
  return true;
}

bool FreeByPopulation(const Offer& offer, std::string_view kind, std::optional<std::int64_t> population) {
  if (!population) return false;
  for (const PopulationCondition& condition : offer.population_conditions) {
    if (condition.effect == "free" && condition.territory_kind == kind && condition.Holds(*population)) return true;
  }
  return false;
}

}  // namespace boussole::catalogue
