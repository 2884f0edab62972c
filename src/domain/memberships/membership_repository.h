#pragma once
// What membership lists need from storage. Implemented by every Store backend.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/memberships/membership.h"

namespace boussole::memberships {

class MembershipRepository {
 public:
  virtual ~MembershipRepository() = default;

  //! Creates or replaces the list and all its entries (typed territory ids) in one
  //! transaction, with a change in the feed (the search follows it).
  virtual void ReplaceMembershipList(const MembershipList& list, const std::vector<std::string>& territory_ids,
                                     std::string_view now) = 0;
  //! Every loaded list, by name.
  virtual std::vector<MembershipList> MembershipLists() = 0;
  //! The typed ids of a list; empty when the list is not loaded.
  virtual std::vector<std::string> MembershipEntries(std::string_view slug) = 0;
  //! The lists containing any of `territory_ids`, by name.
  virtual std::vector<MembershipList> ListsContaining(const std::vector<std::string>& territory_ids) = 0;
};

}  // namespace boussole::memberships
