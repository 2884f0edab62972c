#include "domain/accounts/personal_data.h"

#include "core/clock.h"
#include "domain/accounts/account_service.h"
#include "domain/accounts/secrets.h"

namespace boussole::accounts {

Status DeleteOwnAccount(PersonalDataRepository& repository, const User& user, std::string_view password) {
  if (password.empty() || password.size() > kMaxPasswordBytes || !VerifyPassword(password, user.password_hash)) {
    return InvalidInput("Le mot de passe n'est pas le bon : le compte n'a pas été supprimé.", "password");
  }
  repository.DeleteAccount(user.id, NowUtc());
  return Ok();
}

}  // namespace boussole::accounts
