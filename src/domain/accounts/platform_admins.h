#pragma once
// Who runs the instance. The first platform admin cannot be named through the site (no one
// is admin yet), so the operator names them from the console (`boussole admin grant`); the
// same command takes the right back. Each change goes to the audit log.
#include <string_view>

#include "core/result.h"
#include "domain/accounts/account_repository.h"
#include "domain/accounts/security_events.h"
#include "domain/accounts/user.h"

namespace boussole::accounts {

struct PlatformAdminChange {
  User user;             //!< the account as it is now
  bool changed = false;  //!< false: it already was (or was not) a platform admin
};

//! Makes the account of `email` a platform admin (`admin`) or takes the right back. Granting
//! also confirms the address: the operator vouches for it. Fails (French) on an invalid
//! address ("email") or when no account has it ("not_found").
Result<PlatformAdminChange> SetPlatformAdmin(AccountRepository& accounts, SecurityEventRepository& audit,
                                             std::string_view email, bool admin, std::string_view now);

}  // namespace boussole::accounts
