#pragma once
// What accounts need from storage. Implemented by every Store backend; every method is one
// transaction. Timestamps are ISO 8601 UTC texts (core/clock.h), which order as times do.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/accounts/user.h"

namespace boussole::accounts {

struct NewUser {
  std::string email;  //!< already normalised (NormaliseEmail)
  std::string display_name;
  std::string password_hash;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  //! Fails with "conflict" when the address is taken.
  virtual Result<User> CreateUser(const NewUser& user, std::string_view now) = 0;
  virtual std::optional<User> FindUserByEmail(std::string_view email) = 0;
  virtual std::optional<User> FindUserById(std::int64_t id) = 0;

  virtual void CreateSession(const Session& session) = 0;
  //! The session with this hash, unless it expired before `now`.
  virtual std::optional<Session> FindSession(std::string_view id_hash, std::string_view now) = 0;
  virtual void DeleteSession(std::string_view id_hash) = 0;

  //! Keeps the hash of a single-use token for `user_id`, valid until `expires_at`.
  virtual void StoreToken(std::string_view token_hash, std::int64_t user_id, TokenPurpose purpose,
                          std::string_view now, std::string_view expires_at) = 0;
  //! Uses a confirmation token: marks it used and the user's address confirmed. The user's
  //! id, or nullopt when the token is unknown, used, expired or for another purpose.
  virtual std::optional<std::int64_t> ConfirmEmailWithToken(std::string_view token_hash, std::string_view now) = 0;
  //! Uses a reset token: marks it used, sets the new hash, and ends every session of the
  //! user (a reset is what one does after a theft). nullopt as above.
  virtual std::optional<std::int64_t> ResetPasswordWithToken(std::string_view token_hash,
                                                             std::string_view password_hash,
                                                             std::string_view now) = 0;

  //! Failed logins, by key ("compte:<email>" or "adresse:<ip>"), for throttling.
  virtual void RecordFailedLogin(std::string_view key, std::string_view now) = 0;
  virtual std::size_t CountFailedLogins(std::string_view key, std::string_view since) = 0;
  virtual void ClearFailedLogins(std::string_view key) = 0;

  //! Deletes what can no longer serve: sessions and single-use links expired before `now`,
  //! failed logins older than `failures_before` (past every throttling window). Returns how
  //! many rows went.
  virtual std::size_t PurgeExpiredAccountData(std::string_view now, std::string_view failures_before) = 0;

  //! Makes the user a platform admin or takes the right back; granting also confirms the
  //! address (COALESCE: an earlier confirmation keeps its date).
  virtual void SetPlatformAdmin(std::int64_t user_id, bool admin, std::string_view now) = 0;

  //! Records a visit of "Mon espace" at `now` and returns the previous one ("" for the first).
  virtual std::string SwapMySpaceVisit(std::int64_t user_id, std::string_view now) = 0;
};

}  // namespace boussole::accounts
