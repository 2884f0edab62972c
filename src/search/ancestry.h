#pragma once
// Ancestors in the territory graph (DOMAIN.md, "Territories"), from a COG snapshot:
// what a search needs to find the offers available in, or inside, a territory.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/territories/territory.h"

namespace boussole::search {

class Ancestry {
 public:
  explicit Ancestry(const territories::Snapshot& snapshot);

  //! Whether the typed id is a known territory.
  bool Knows(const std::string& typed_id) const;
  //! Every ancestor of `typed_id` (typed ids, "pays:FR" included, itself excluded), in
  //! breadth-first order. Empty for an unknown id.
  std::vector<std::string> Ancestors(const std::string& typed_id) const;
  //! `typed_id` followed by its ancestors: SearchQuery::covering.
  std::vector<std::string> Covering(const std::string& typed_id) const;
  //! For each distinct non-empty perimeter: its ancestors (OfferIndex::Build's input).
  std::map<std::string, std::vector<std::string>> ForPerimeters(
      const std::vector<std::string>& perimeters) const;

 private:
  std::unordered_map<std::string, std::vector<std::string>> parents_;
};

}  // namespace boussole::search
