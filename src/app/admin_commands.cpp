// `boussole admin grant|revoke --email ADDRESS`: names the platform admins from the console,
// the only way to name the first one.
#include <iostream>

#include "app/commands.h"
#include "core/clock.h"
#include "domain/accounts/platform_admins.h"
#include "storage/store.h"

namespace boussole::app {

int RunAdmin(const Config& config, const std::string& email, bool grant) {
  auto store = storage::OpenStore(config.DatabaseUrl());
  if (!store) {
    std::cerr << "Erreur : " << store.error().message << "\n";
    return 1;
  }
  auto& db = *store.value();
  auto change = accounts::SetPlatformAdmin(db, db, email, grant, NowUtc());
  if (!change) {
    std::cerr << "Erreur : " << change.error().message << "\n";
    return 1;
  }
  const auto& user = change.value().user;
  if (!change.value().changed) {
    std::cout << "Rien à faire : le compte « " << user.email << " » "
              << (grant ? "est déjà" : "n'est pas") << " administrateur de la plateforme.\n";
  } else if (grant) {
    std::cout << "Le compte « " << user.email << " » (" << user.display_name
              << ") est maintenant administrateur de la plateforme ; son adresse est tenue pour confirmée.\n";
  } else {
    std::cout << "Le compte « " << user.email << " » (" << user.display_name
              << ") n'est plus administrateur de la plateforme.\n";
  }
  return 0;
}

}  // namespace boussole::app
