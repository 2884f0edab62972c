#pragma once
// What the territories module needs from storage. Implemented by every Store backend.
#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/territories/territory.h"

namespace boussole::territories {

struct Counts {
  std::size_t communes = 0;
  std::size_t arrondissements = 0;
  std::size_t epci = 0;
  std::size_t ept = 0;
  std::size_t departements = 0;
  std::size_t regions = 0;
};

//! Where a territory stands by population among its peers: `rank` 1 is the most populous.
struct PopulationRank {
  std::size_t rank = 0;
  std::size_t of = 0;
};

//! Called during an import with a stage name and done/total counts.
using ProgressFn = std::function<void(std::string_view stage, std::size_t done, std::size_t total)>;

class TerritoryRepository {
 public:
  virtual ~TerritoryRepository() = default;

  //! The territory with this exact id, or nullopt.
  virtual std::optional<Territory> FindTerritory(const TerritoryId& id) = 0;

  //! Territories whose folded name contains every word of `folded_query` as a word prefix,
  //! or whose INSEE code, SIREN or postal code equals it. Exact names first, then name
  //! prefixes, then by decreasing population. At most `limit` rows.
  virtual std::vector<Territory> SearchTerritories(std::string_view folded_query,
                                                   std::size_t limit) = 0;

  //! Direct parents (a commune: its EPCI, EPT, département), ordered by scale.
  virtual std::vector<Territory> Parents(const TerritoryId& id) = 0;
  //! Direct children of the given kind, by name. At most `limit` rows.
  virtual std::vector<Territory> Children(const TerritoryId& id, Kind kind,
                                          std::size_t limit) = 0;
  //! Number of direct children of the given kind.
  virtual std::size_t CountChildren(const TerritoryId& id, Kind kind) = 0;
  //! Every territory that contains `id`, transitively: a commune's EPCI, EPT, département,
  //! région and France. An EPCI's own ancestors are the départements it spans and above;
  //! those are not ancestors of its member communes.
  virtual std::vector<TerritoryId> Ancestors(const TerritoryId& id) = 0;

  //! Where `member` stands by population among the territories of its kind inside `scope`,
  //! followed down the hierarchy: a région's communes are those of its départements,
  //! France's are those of its régions' départements; an EPCI spanning two of them counts
  //! once. Peers without a population count as 0. nullopt when `member` has no population
  //! or is not among them.
  virtual std::optional<PopulationRank> RankByPopulation(const TerritoryId& scope, const TerritoryId& member) = 0;

  virtual Counts CountTerritories() = 0;

  //! Replaces the reference data with `snapshot` in one transaction: rows are updated in
  //! place, new ones added, vanished ones removed. On any failure (or if the process dies)
  //! the previous data stays intact. `fingerprint` is recorded in the same transaction.
  virtual Status ReplaceTerritories(const Snapshot& snapshot, std::string_view fingerprint,
                                    const ProgressFn& progress) = 0;
};

}  // namespace boussole::territories
