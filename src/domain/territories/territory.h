#pragma once
// Territories of the Code officiel géographique, with typed identifiers: codes collide
// across scales (`75` is both a département and a région), so a bare code is never an id.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace boussole::territories {

enum class Kind { kCommune, kArrondissement, kEpci, kEpt, kDepartement, kRegion, kPays };

//! "commune", "arrondissement", "epci", "ept", "departement", "region", "pays".
std::string_view KindKey(Kind kind);
std::optional<Kind> KindFromKey(std::string_view key);

struct TerritoryId {
  Kind kind = Kind::kCommune;
  std::string code;

  //! "commune:75056".
  std::string ToString() const;
  //! Parses a typed id; fails with a French message on an unknown kind or a malformed code.
  static Result<TerritoryId> Parse(std::string_view text);
  friend bool operator==(const TerritoryId&, const TerritoryId&) = default;
};

//! The ids a bare code may mean, most likely first (ARCHITECTURE.md, "Territory
//! identifiers"): 5 characters → commune then municipal arrondissement; 9 digits → EPCI
//! then EPT; 2–3 characters → département. A typed id yields itself. Empty when the text
//! cannot be a territory code.
std::vector<TerritoryId> CandidateIds(std::string_view text);

struct Territory {
  TerritoryId id;
  std::string name;
  std::optional<std::int64_t> population;  //!< population municipale, summed above communes
  std::string siren;
  std::string nature;     //!< EPCI nature (CC, CA, CU, METRO, MET69) or EPT
  std::string zone;       //!< metro, drom, com
  std::string chef_lieu;  //!< INSEE code of the chief town, when given
  std::vector<std::string> postal_codes;
};

//! A directed edge of the hierarchy graph: `child` lies in `parent`.
struct Link {
  TerritoryId child;
  TerritoryId parent;
};

//! A whole reference data set, as read from the COG files.
struct Snapshot {
  std::vector<Territory> territories;
  std::vector<Link> links;
};

}  // namespace boussole::territories
