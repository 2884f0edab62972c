#pragma once
// Personal data (issue 9, item 6, RGPD): what a person can download about themselves, and
// the deletion of their account. A deleted account stays as an anonymised tombstone, so
// that the records that must stay (a request's trail, comments, histories) keep an author,
// shown as « Compte supprimé », and are never rewritten.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "domain/accounts/user.h"

namespace boussole::accounts {

//! One kind of record about the person ("compte", "adhesions", "commentaires_saisines"…),
//! each row its columns as text, in the order of the query.
struct PersonalDataSection {
  std::string name;
  std::vector<std::vector<std::pair<std::string, std::string>>> rows;
};

//! What a deleted account is called wherever its contributions stay.
inline constexpr const char* kDeletedAccountName = "Compte supprimé";

class PersonalDataRepository {
 public:
  virtual ~PersonalDataRepository() = default;
  //! Everything stored about user `user_id` (its account, memberships, projects it created,
  //! requests and comments it wrote, alerts, notifications, programme registrations and
  //! posts…), in one transaction.
  virtual std::vector<PersonalDataSection> ExportPersonalData(std::int64_t user_id) = 0;
  //! Deletes the account in one transaction: its sessions, links, API tokens, memberships, pending
  //! invitations to its address, alerts (by account or address), notifications, seminar
  //! registrations and reports end; the user row becomes a tombstone (address
  //! "compte-supprime-ID@invalid", name kDeletedAccountName, no password, deleted_at = now)
  //! that its contributions keep pointing to.
  virtual void DeleteAccount(std::int64_t user_id, std::string_view now) = 0;
};

//! Deletes `user`'s account when `password` is theirs: invalid_input (field "password")
//! otherwise, nothing deleted.
Status DeleteOwnAccount(PersonalDataRepository& repository, const User& user, std::string_view password);

}  // namespace boussole::accounts
