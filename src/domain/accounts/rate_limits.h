#pragma once
// Rate limits per client address (issue 9, item 5) on what an attacker repeats: signing
// up, asking for a password reset, searching, and signing in (where the failed logins of
// AccountService also count). Attempts are rows of the same table as failed logins
// (AccountRepository::RecordFailedLogin, key "limite:<kind>:<address>"), so that every
// server of one instance counts them together; the purge job removes them after a day.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/accounts/account_repository.h"

namespace boussole::accounts {

enum class LimitedAction { kSignIn, kSignUp, kPasswordReset, kSearch };

//! `max` attempts per address within `window`; max 0: no limit.
struct RateLimit {
  std::size_t max = 0;
  std::chrono::seconds window{60};
};

struct RateLimits {
  RateLimit sign_in{60, std::chrono::minutes(15)};
  RateLimit sign_up{30, std::chrono::hours(1)};
  RateLimit password_reset{20, std::chrono::hours(1)};
  RateLimit search{600, std::chrono::minutes(1)};

  const RateLimit& For(LimitedAction action) const;
  RateLimit& For(LimitedAction action);
};

//! "connexion", "inscription", "mot_de_passe", "recherche" (settings and keys).
std::string_view LimitedActionName(LimitedAction action);

//! Reads BOUSSOLE_RATE_LIMITS: comma-separated "NAME=MAX/SECONDS" items, e.g.
//! "recherche=600/60,inscription=0/3600" (MAX 0 turns that limit off; SECONDS from 1 to
//! 86400, the purge job's horizon). Names not given keep their defaults. invalid_input with
//! a French message otherwise.
Result<RateLimits> ParseRateLimits(std::string_view text);

class RateLimiter {
 public:
  RateLimiter(AccountRepository& repository, RateLimits limits) : repository_(repository), limits_(limits) {}

  //! Counts an attempt of `action` from `address` at `now`. nullopt when it is allowed (it is
  //! then recorded); otherwise how long to wait before trying again (refused attempts are not
  //! recorded, so the wait is at most the window).
  std::optional<std::chrono::seconds> Attempt(LimitedAction action, std::string_view address);

  const RateLimits& limits() const { return limits_; }

 private:
  AccountRepository& repository_;
  RateLimits limits_;
};

}  // namespace boussole::accounts
