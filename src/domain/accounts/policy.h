#pragma once
// The one policy table (issue 5, item 3): which roles may take which action. Every route
// of the server is an action named like the route; the interceptor asks this table before
// any handler runs, and the server refuses to start when a route has no rule.
#include <optional>
#include <string_view>
#include <vector>

namespace boussole::accounts {

//! The viewer's role towards the resource an action touches (DOMAIN.md, "Actors and
//! roles"). Without a resource (a page of the catalogue), a signed-in person is a member.
enum class Role {
  kVisitor,            //!< not signed in
  kMember,             //!< member of the organisation that owns the resource
  kOrganisationAdmin,  //!< administrator of that organisation
  kOtherMember,        //!< signed in, member of another organisation only
  kPlatformAdmin,      //!< runs the instance
  //! A party to the resource other than its owner (DOMAIN.md: "stakeholder"): for a
  //! request, the préfecture of its département, the ANCT, the organisation it was handed to
  //! (requests::PartiesOf). Only resources with stakeholders (routes with a `{request}`)
  //! give this role, so it is not among the five roles every route is tested with.
  kStakeholder,
};
inline constexpr Role kAllRoles[] = {Role::kVisitor, Role::kMember, Role::kOrganisationAdmin, Role::kOtherMember,
                                     Role::kPlatformAdmin};

//! Who may take an action.
enum class Access {
  kEveryone,        //!< visitors included (public pages, the API, forms to sign in)
  kSignedIn,        //!< any signed-in person
  kOwnerMembers,    //!< members and admins of the owning organisation, platform admins
  kOwnerAdmins,     //!< admins of the owning organisation, platform admins
  kPlatformAdmins,  //!< platform admins only
  //! the parties to a request: its collectivité's members and admins, its stakeholders,
  //! platform admins. What each party may do next is the workflow's table (requests/workflow.h).
  kRequestParties,
};

struct Rule {
  std::string_view action;  //!< the route name, e.g. "offer_page"
  Access access;
};

const std::vector<Rule>& PolicyTable();

//! The rule for an action, or nullopt when the table does not name it.
std::optional<Access> AccessFor(std::string_view action);

bool Allows(Access access, Role role);

//! "visitor", "member"… (tests and logs).
std::string_view RoleName(Role role);

}  // namespace boussole::accounts
