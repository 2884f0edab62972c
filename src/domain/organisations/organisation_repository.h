#pragma once
// What organisations need from storage. Implemented by every Store backend; every method is
// one transaction. Timestamps are ISO 8601 UTC texts (core/clock.h).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/organisations/organisation.h"

namespace boussole::organisations {

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;

  virtual Organisation CreateOrganisation(const NewOrganisation& organisation, std::string_view now) = 0;
  virtual std::optional<Organisation> FindOrganisation(std::int64_t id) = 0;
  //! Every organisation, by name.
  virtual std::vector<Organisation> ListOrganisations() = 0;

  //! The role of `user_id` in `organisation_id`, or nullopt when not a member.
  virtual std::optional<MemberRole> FindMembership(std::int64_t organisation_id, std::int64_t user_id) = 0;
  //! A person's organisations, by name.
  virtual std::vector<Membership> ListMemberships(std::int64_t user_id) = 0;
  //! The people of an organisation: admins first, then by name.
  virtual std::vector<Member> ListMembers(std::int64_t organisation_id) = 0;
  //! Adds a member; "conflict" when already one, "not_found" when the organisation or the
  //! user does not exist.
  virtual Status AddMember(std::int64_t organisation_id, std::int64_t user_id, MemberRole role,
                           std::string_view now) = 0;
  //! "not_found" when not a member; "last_admin" when it would leave the organisation
  //! without an administrator.
  virtual Status ChangeMemberRole(std::int64_t organisation_id, std::int64_t user_id, MemberRole role) = 0;
  //! Same refusals as ChangeMemberRole.
  virtual Status RemoveMember(std::int64_t organisation_id, std::int64_t user_id) = 0;

  virtual void StoreInvitation(const Invitation& invitation) = 0;
  virtual std::optional<Invitation> FindInvitation(std::string_view token_hash) = 0;
  //! Invitations not accepted yet and not expired at `now`, addressed to `email`, newest first.
  virtual std::vector<Invitation> PendingInvitationsFor(std::string_view email, std::string_view now) = 0;
  //! Invitations not accepted yet and not expired at `now`, to `organisation_id`, newest first.
  virtual std::vector<Invitation> PendingInvitationsOf(std::int64_t organisation_id, std::string_view now) = 0;
  //! Uses an invitation addressed to `email`, unaccepted and unexpired at `now`: marks it
  //! accepted and makes `user_id` a member with its role (an admin invited as a member stays
  //! admin). Single-use, also under concurrent calls. The invitation as accepted, or
  //! "invalid_token".
  virtual Result<Invitation> AcceptInvitation(std::string_view token_hash, std::int64_t user_id,
                                              std::string_view email, std::string_view now) = 0;
};

}  // namespace boussole::organisations
