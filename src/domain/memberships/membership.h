#pragma once
// Programme membership lists (issue 8, item 3): which territories belong to Petites villes
// de demain, Action cœur de ville, Territoires d'industrie… Loaded from CSV files by
// `boussole import membership`, never invented: Boussole ships none, since the seeds name
// the programmes but not their members. A loaded list becomes the ad-hoc perimeter of the
// offers that name it (Offer::membership_list) and is shown on portraits.
#include <cstdint>
#include <string>
#include <vector>

namespace boussole::memberships {

struct MembershipList {
  std::string slug;         //!< "petites-villes-de-demain": what offers name
  std::string name;         //!< "Petites villes de demain"
  std::string source;       //!< where the file came from, for people
  std::string imported_at;
  std::int64_t size = 0;    //!< territories in the list
};

//! One problem of a file, by line (1 = the header).
struct LineError {
  std::size_t line = 0;
  std::string message;
};

}  // namespace boussole::memberships
