#include "domain/catalogue/availability.h"

namespace boussole::catalogue {

std::vector<std::string> PerimetersCovering(const territories::TerritoryId& id,
                                            territories::TerritoryRepository& territories) {
  std::vector<std::string> perimeters{id.ToString()};
  for (const auto& ancestor : territories.Ancestors(id)) perimeters.push_back(ancestor.ToString());
  return perimeters;
}

}  // namespace boussole::catalogue
