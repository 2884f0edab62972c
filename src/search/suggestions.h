#pragma once
// The offers Boussole suggests for a project (issue 5, item 4): those available on the
// project's territory and open, ranked by how well they fit its stage, themes, words and
// owner, each with the reasons a person can read.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "search/offer_index.h"

namespace boussole::search {

struct ProjectProfile {
  std::string territory;                         //!< typed id
  std::vector<std::string> covering;             //!< the territory and its ancestors
  std::optional<std::int64_t> territory_population;
  std::string stage;                             //!< preop, op, postop or ""
  std::vector<std::string> themes;               //!< theme slugs
  std::string words;                             //!< name and descriptions
  std::string audience;                          //!< the owner's kind as an offer audience ("commune"…), or ""
  std::string today;                             //!< YYYY-MM-DD
};

struct Suggestion {
  std::size_t offer = 0;  //!< index in OfferIndex::offers()
  std::string slug;
  double score = 0;
  bool local = false;
  //! Why it fits, in French: "Étape : Réflexion / conception", "Thématique : Numérique"…
  std::vector<std::string> reasons;
};

//! At most `limit` suggestions, best first. An offer whose steps are given and exclude the
//! project's stage is left out; so are closed offers and offers not available there.
std::vector<Suggestion> SuggestOffers(const OfferIndex& index, const ProjectProfile& project, std::size_t limit);

}  // namespace boussole::search
