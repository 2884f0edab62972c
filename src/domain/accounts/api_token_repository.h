#pragma once
// What API tokens need from storage. Every method is one transaction.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/accounts/api_token.h"

namespace boussole::accounts {

class ApiTokenRepository {
 public:
  virtual ~ApiTokenRepository() = default;

  //! Stores a new token (id, last_used_at and revoked_at are ignored); returns it with its id.
  virtual ApiToken CreateApiToken(const ApiToken& token) = 0;
  //! A person's tokens, newest first, revoked and expired ones included.
  virtual std::vector<ApiToken> ListApiTokens(std::int64_t user_id) = 0;
  //! The token with this hash, if it exists (whatever its state); records `now` as its last
  //! use when it is active and was last used before `used_before` (one write per minute at
  //! most, not one per request).
  virtual std::optional<ApiToken> UseApiToken(std::string_view token_hash, std::string_view now,
                                              std::string_view used_before) = 0;
  //! Revokes token `id` of `user_id` at `now`; false when the person has no such token or
  //! it was already revoked.
  virtual bool RevokeApiToken(std::int64_t user_id, std::int64_t id, std::string_view now) = 0;
};

}  // namespace boussole::accounts
