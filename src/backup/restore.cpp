#include "backup/backup.h"

#include <vector>

#include "backup/database_copy.h"
#include "backup/manifest.h"
#include "storage/dump/dump_database.h"
#include "storage/dump/dump_tables.h"
#include "storage/store.h"

namespace boussole::backup {
namespace {

namespace fs = std::filesystem;

Error RestoreRefused(const std::string& message) { return Error{"restore_refused", message + " Rien n'a été modifié.", {}}; }

// The attachment folder holds no file at all (empty folders are fine).
Status CheckFilesDirEmpty(const fs::path& files_dir) {
  if (!fs::exists(files_dir)) return Ok();
  std::size_t count = 0;
  for (const auto& item : fs::recursive_directory_iterator(files_dir)) count += item.is_regular_file() ? 1 : 0;
  if (count == 0) return Ok();
  return RestoreRefused("Le dossier des fichiers « " + files_dir.string() + " » n'est pas vide (" + std::to_string(count) +
                 " fichier(s)) : la restauration se fait dans une instance vide, pour ne rien écraser ni mélanger.");
}

// Migrates the target if needed (as `boussole load` does), then checks its schema version
// and that no dumped table holds a row.
Status CheckDatabaseEmpty(const std::string& url, int schema_version) {
  {
    auto store = storage::OpenStore(url);
    if (!store) return store.error();
    const int target = store.value()->SchemaVersion();
    if (target != schema_version) {
      return RestoreRefused("La sauvegarde est au schéma " + std::to_string(schema_version) + " et la base cible au schéma " +
                     std::to_string(target) + " : restaurez-la avec la version de Boussole qui l'a faite.");
    }
  }
  auto db = storage::dump::OpenDumpDatabase(url);
  if (!db) return db.error();
  db.value()->BeginRead();
  std::string filled;
  for (const auto& table : storage::dump::DumpTables()) {
    const auto rows = db.value()->CountRows(table.name);
    if (rows > 0) {
      filled += (filled.empty() ? "« " : ", « ") + std::string(table.name) + " » (" + std::to_string(rows) + " ligne(s))";
    }
  }
  if (filled.empty()) return Ok();
  return RestoreRefused("La base cible n'est pas vide : " + filled +
                 ". La restauration se fait dans une instance vide, pour ne rien écraser ni mélanger.");
}

// Copies the attachments of the backup into the store, each written under a temporary
// name, checked, then renamed. Returns the files created, to undo them on failure.
Status RestoreBlobs(const fs::path& from, const Manifest& manifest, const fs::path& files_dir,
                    std::vector<fs::path>& created, BackupSummary& summary) {
  for (const auto& e : manifest.entries) {
    if (e.path == manifest.database) continue;
    const fs::path target = files_dir / e.sha256.substr(0, 2) / e.sha256;
    fs::create_directories(target.parent_path());
    const fs::path temporary = target.parent_path() / (".tmp-restore-" + e.sha256);
    auto sum = CopyAndHash(from / e.path, temporary);
    if (!sum) return sum.error();
    created.push_back(temporary);
    if (sum.value() != e.sha256 || fs::path(e.path).filename() != e.sha256) {
      return RestoreRefused("La sauvegarde est altérée : le fichier « " + e.path + " » ne correspond pas à sa somme SHA-256.");
    }
    fs::rename(temporary, target);
    created.back() = target;
    summary.files += 1;
    summary.file_bytes += e.size;
  }
  if (fs::exists(files_dir)) {
    for (const auto& sub : fs::directory_iterator(files_dir)) {
      if (sub.is_directory()) SyncPath(sub.path());
    }
    SyncPath(files_dir);
  }
  return Ok();
}

}  // namespace

Result<BackupSummary> RestoreBackup(const std::string& database_url, const fs::path& files_dir, const fs::path& from) {
  const std::string backend = BackendOf(database_url);
  if (backend.empty()) return InvalidInput("Adresse de base de données inconnue : « " + database_url + " ».");
  auto manifest = ReadVerifiedManifest(from);
  if (!manifest) return manifest.error();
  const Manifest& m = manifest.value();
  if (m.backend != backend) {
    return RestoreRefused("La sauvegarde vient d'une base " + m.backend + " et la cible est une base " + backend +
                   " : pour changer de base, utilisez « boussole dump » puis « boussole load ».");
  }
  BackupSummary summary{backend, m.schema_version, 0, 0};
  std::vector<fs::path> created;
  try {
    auto files_empty = CheckFilesDirEmpty(files_dir);
    if (!files_empty) return files_empty.error();
    auto database_empty = CheckDatabaseEmpty(database_url, m.schema_version);
    if (!database_empty) return database_empty.error();
    auto blobs = RestoreBlobs(from, m, files_dir, created, summary);
    if (blobs) {
      auto restored = RestoreDatabaseFrom(database_url, from / m.database);
      if (restored) return summary;
      blobs = RestoreRefused(restored.error().message);
    }
    std::error_code ec;
    for (const auto& path : created) fs::remove(path, ec);
    return blobs.error();
  } catch (const std::exception& e) {
    std::error_code ec;
    for (const auto& path : created) fs::remove(path, ec);
    return RestoreRefused(std::string("Restauration impossible : ") + e.what() + ".");
  }
}

}  // namespace boussole::backup
