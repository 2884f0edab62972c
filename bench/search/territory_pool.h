#pragma once
// Real territories to hang the synthetic offers' perimeters on, by kind. Communes and EPCI
// are drawn with weight √population: larger places carry more local offers, without
// Paris, Lyon and Marseille taking nearly all of them.
#include <string>
#include <vector>

#include "domain/territories/territory.h"
#include "random.h"

namespace boussole::bench {

class TerritoryPool {
 public:
  explicit TerritoryPool(const territories::Snapshot& snapshot);
  //! A typed id of this kind: "commune", "epci", "departement" or "region".
  const std::string& Draw(Random& random, territories::Kind kind) const;
  //! Every typed id of a kind, in the snapshot's order.
  const std::vector<std::string>& All(territories::Kind kind) const;

 private:
  struct ByKind {
    std::vector<std::string> ids;
    Weighted draw;
  };
  const ByKind& Of(territories::Kind kind) const;
  ByKind communes_, epci_, departements_, regions_;
};

}  // namespace boussole::bench
