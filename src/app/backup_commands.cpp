// `boussole backup --to DIR` and `boussole restore --from DIR`: the database and the
// attachment store, with a manifest of checksums (format: src/backup/backup.h).
#include <iostream>

#include "app/commands.h"
#include "backup/backup.h"

namespace boussole::app {

int RunBackup(const Config& config, const std::filesystem::path& to) {
  auto summary = backup::WriteBackup(config.DatabaseUrl(), config.FilesDir(), to);
  if (!summary) {
    std::cerr << "Erreur : " << summary.error().message << "\n";
    return 1;
  }
  std::cout << "Sauvegarde écrite et vérifiée dans « " << to.string() << " » (base " << summary.value().backend
            << ", schéma " << summary.value().schema_version << ", " << summary.value().files << " fichier(s) joint(s), "
            << summary.value().file_bytes << " octets).\n";
  return 0;
}

int RunRestore(const Config& config, const std::filesystem::path& from) {
  auto summary = backup::RestoreBackup(config.DatabaseUrl(), config.FilesDir(), from);
  if (!summary) {
    std::cerr << "Erreur : " << summary.error().message << "\n";
    return 1;
  }
  std::cout << "Sauvegarde « " << from.string() << " » restaurée (base " << summary.value().backend << ", schéma "
            << summary.value().schema_version << ", " << summary.value().files << " fichier(s) joint(s)).\n";
  return 0;
}

}  // namespace boussole::app
