// The corpus and the query set as JSON lines: to read what the bench measures.
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "domain/catalogue/offer_json.h"

namespace boussole::bench {

int RunSample(const Options& options) {
  World world = MakeWorld(options);
  for (const auto& offer : world.corpus) std::cout << catalogue::OfferToJson(offer).dump() << "\n";
  for (const auto& query : world.queries) {
    nlohmann::json facets = nlohmann::json::array();
    for (const auto& [facet, value] : query.facets) facets.push_back({search::FacetKey(facet), value});
    std::cout << nlohmann::json{{"family", FamilyKey(query.family)},
                                {"text", query.text},
                                {"territory", query.territory},
                                {"facets", facets}}
                     .dump()
              << "\n";
  }
  return 0;
}

}  // namespace boussole::bench
