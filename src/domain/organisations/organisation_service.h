#pragma once
// Organisations and their members (issue 5, item 2): platform admins create organisations,
// organisation admins invite people by e-mail and manage roles, people accept invitations
// and leave. The web layer's policy already filters who may call what; the service checks
// again so that no other caller (a command, a future API) can skip the rule.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/accounts/user.h"
#include "domain/organisations/organisation_repository.h"
#include "domain/territories/territory_repository.h"
#include "mail/mailer.h"

namespace boussole::organisations {

struct OrganisationForm {
  std::string kind;       //!< KindKey
  std::string name;
  std::string territory;  //!< typed id ("commune:52250") or bare code ("52250"); "" when none
};

constexpr std::size_t kMaxOrganisationNameLength = 200;

class OrganisationService {
 public:
  //! `public_url` prefixes the invitation links ("https://boussole.example").
  OrganisationService(OrganisationRepository& repository, territories::TerritoryRepository& territories,
                      mail::Mailer& mailer, std::string public_url,
                      std::chrono::hours invitation_lifetime = std::chrono::hours(24 * 7));

  //! Every problem of a creation form, each naming its field ("kind", "name", "territory");
  //! the territory must exist and be of a kind the organisation kind allows.
  std::vector<Error> ValidateOrganisation(const OrganisationForm& form, NewOrganisation* out = nullptr);
  //! Platform admins only ("forbidden"); invalid_input: the first problem of the form.
  Result<Organisation> CreateOrganisation(const accounts::User& actor, const OrganisationForm& form);

  std::optional<Organisation> FindOrganisation(std::int64_t id);
  std::vector<Organisation> ListOrganisations();
  std::optional<MemberRole> RoleOf(std::int64_t organisation_id, std::int64_t user_id);
  std::vector<Membership> ListMemberships(std::int64_t user_id);
  std::vector<Member> ListMembers(std::int64_t organisation_id);
  std::vector<Invitation> PendingInvitationsFor(const accounts::User& user);
  std::vector<Invitation> PendingInvitationsOf(std::int64_t organisation_id);

  //! Whether `actor` administers the organisation (its admin, or a platform admin).
  bool MayAdminister(const accounts::User& actor, std::int64_t organisation_id);

  //! Mails an invitation link valid 7 days. "not_found", "forbidden", invalid_input (field
  //! "email" or "role"), "conflict" (already a member), "mail_failed".
  Status Invite(const accounts::User& actor, std::int64_t organisation_id, std::string_view email,
                std::string_view role);
  //! The invitation of a link, for showing it to `user`: "invalid_token" when unknown, used
  //! or expired; "wrong_recipient" when sent to another address (the message names both).
  Result<Invitation> ReadInvitation(const accounts::User& user, std::string_view token);
  //! Makes `user` a member. "invalid_token" (unknown, used, expired), "wrong_recipient"
  //! (sent to another address: the message names it).
  Result<Invitation> AcceptInvitation(const accounts::User& user, std::string_view token);

  //! "forbidden", "not_found", invalid_input (role), "last_admin".
  Status ChangeRole(const accounts::User& actor, std::int64_t organisation_id, std::int64_t user_id,
                    std::string_view role);
  //! "forbidden", "not_found", "last_admin".
  Status RemoveMember(const accounts::User& actor, std::int64_t organisation_id, std::int64_t user_id);
  //! "not_found" (not a member), "last_admin".
  Status LeaveOrganisation(const accounts::User& user, std::int64_t organisation_id);

 private:
  OrganisationRepository& repository_;
  territories::TerritoryRepository& territories_;
  mail::Mailer& mailer_;
  std::string public_url_;
  std::chrono::hours invitation_lifetime_;
};

}  // namespace boussole::organisations
