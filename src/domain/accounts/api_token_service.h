#pragma once
// Personal API tokens (issue 6 item 7, issue 7 item 9: "API for all of it"): created and
// revoked by their owner on « Mon compte », sent by programs as `Authorization: Bearer`.
// A token acts with its owner's rights, no more: the policy table decides as for a browser.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/accounts/account_repository.h"
#include "domain/accounts/api_token_repository.h"
#include "domain/accounts/user.h"

namespace boussole::accounts {

//! What every token starts with, so that secret scanners and people recognise one.
inline constexpr std::string_view kApiTokenPrefix = "bsl_";
constexpr std::size_t kMaxApiTokenNameLength = 80;
//! Active tokens a person may hold at once: enough for a few tools, not a leak generator.
constexpr std::size_t kMaxActiveApiTokens = 10;

struct NewApiToken {
  std::string token;  //!< shown once to its owner, never stored
  ApiToken stored;
};

//! The owner and token behind a bearer token.
struct TokenHolder {
  User user;
  ApiToken token;
};

class ApiTokenService {
 public:
  ApiTokenService(ApiTokenRepository& tokens, AccountRepository& accounts,
                  std::chrono::hours lifetime = std::chrono::hours(24 * 365));

  //! A new token named `name` for `user_id`. invalid_input when the name is empty, too long
  //! or has control characters; "too_many" when the person holds kMaxActiveApiTokens active ones.
  Result<NewApiToken> Create(std::int64_t user_id, std::string_view name);
  std::vector<ApiToken> List(std::int64_t user_id);
  //! not_found when the person has no such active token.
  Status Revoke(std::int64_t user_id, std::int64_t token_id);
  //! The owner of an active token; nullopt when the text is not a token of ours, or it is
  //! unknown, revoked or expired (one answer for all: nothing to learn by probing).
  std::optional<TokenHolder> Identify(std::string_view token);

 private:
  ApiTokenRepository& tokens_;
  AccountRepository& accounts_;
  std::chrono::hours lifetime_;
};

}  // namespace boussole::accounts
