#include "domain/accounts/platform_admins.h"

#include <string>

#include "domain/accounts/account_service.h"

namespace boussole::accounts {

Result<PlatformAdminChange> SetPlatformAdmin(AccountRepository& accounts, SecurityEventRepository& audit,
                                             std::string_view email, bool admin, std::string_view now) {
  const std::string address = NormaliseEmail(email);
  if (address.empty()) {
    return InvalidInput("« " + std::string(email) + " » n'est pas une adresse électronique valide.", "email");
  }
  auto user = accounts.FindUserByEmail(address);
  if (!user) {
    return NotFound("Aucun compte n'a l'adresse « " + address +
                    " » : la personne crée d'abord son compte sur le site (« Créer un compte »).");
  }
  if (user->platform_admin == admin) return PlatformAdminChange{*user, false};
  accounts.SetPlatformAdmin(user->id, admin, now);
  SecurityEvent event;
  event.at = std::string(now);
  event.kind = admin ? "admin_plateforme_accorde" : "admin_plateforme_retire";
  event.user_id = user->id;
  event.address = "console";
  event.detail = "commande boussole admin";
  audit.RecordSecurityEvent(event);
  auto now_user = accounts.FindUserById(user->id);
  return PlatformAdminChange{now_user ? *now_user : *user, true};
}

}  // namespace boussole::accounts
