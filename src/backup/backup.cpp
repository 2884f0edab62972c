#include "backup/backup.h"

#include <set>

#include "backup/database_copy.h"
#include "backup/manifest.h"
#include "core/clock.h"
#include "storage/store.h"

namespace boussole::backup {
namespace {

namespace fs = std::filesystem;

bool IsBlobName(const std::string& name) {
  return name.size() == 64 && name.find_first_not_of("0123456789abcdef") == std::string::npos;
}

Error BackupRefused(const std::string& message) { return Error{"backup_failed", message, {}}; }

// Copies every blob of the store into `dir`/files, checking each against its name.
Status CopyBlobs(const fs::path& files_dir, const fs::path& dir, Manifest& manifest, BackupSummary& summary,
                 std::set<std::string>& copied) {
  if (!fs::is_directory(files_dir)) return Ok();  // no attachment yet
  for (const auto& item : fs::recursive_directory_iterator(files_dir)) {
    const std::string name = item.path().filename().string();
    // Temporary files of writes in progress (".tmp-…") are not blobs yet.
    if (!item.is_regular_file() || !IsBlobName(name)) continue;
    const std::string relative = "files/" + name.substr(0, 2) + "/" + name;
    fs::create_directories(dir / "files" / name.substr(0, 2));
    auto sum = CopyAndHash(item.path(), dir / relative);
    if (!sum) return sum.error();
    if (sum.value() != name) {
      return BackupRefused("Le fichier « " + item.path().string() +
                     " » du dépôt est altéré : sa somme SHA-256 ne correspond plus à son nom. Aucune sauvegarde n'a été écrite.");
    }
    const auto size = fs::file_size(dir / relative);
    manifest.entries.push_back({relative, name, size});
    summary.files += 1;
    summary.file_bytes += size;
    copied.insert(name);
  }
  for (const auto& sub : fs::directory_iterator(dir / "files")) SyncPath(sub.path());
  SyncPath(dir / "files");
  return Ok();
}

Result<BackupSummary> WriteInto(const std::string& url, const fs::path& files_dir, const fs::path& dir) {
  BackupSummary summary;
  summary.backend = BackendOf(url);
  {
    auto store = storage::OpenStore(url);
    if (!store) return store.error();
    summary.schema_version = store.value()->SchemaVersion();
  }
  Manifest manifest{summary.backend, summary.schema_version, NowUtc(), DatabaseFileName(summary.backend), {}};
  // The database first: every file it names was written before its row.
  const fs::path database = dir / manifest.database;
  auto copied_database = CopyDatabaseTo(url, database);
  if (!copied_database) return copied_database.error();
  auto database_sum = FileSha256(database);
  if (!database_sum) return database_sum.error();
  manifest.entries.push_back({manifest.database, database_sum.value(), fs::file_size(database)});
  // On PostgreSQL the live table, read after the snapshot, names at least its files.
  auto referenced = ReferencedBlobs(url, summary.backend == "sqlite" ? database : fs::path());
  if (!referenced) return referenced.error();
  fs::create_directories(dir / "files");
  std::set<std::string> copied;
  auto blobs = CopyBlobs(files_dir, dir, manifest, summary, copied);
  if (!blobs) return blobs.error();
  for (const auto& sha : referenced.value()) {
    if (!copied.count(sha)) {
      return BackupRefused("La base nomme le fichier " + sha + ", absent du dépôt de fichiers « " + files_dir.string() +
                     " ». Aucune sauvegarde n'a été écrite.");
    }
  }
  WriteManifest(dir, manifest);
  SyncPath(dir);
  // Read back what was written, as a restore will.
  auto verified = ReadVerifiedManifest(dir);
  if (!verified) return BackupRefused("La sauvegarde écrite ne se relit pas : " + verified.error().message);
  return summary;
}

}  // namespace

Result<BackupSummary> WriteBackup(const std::string& database_url, const fs::path& files_dir, const fs::path& to) {
  if (BackendOf(database_url).empty()) return InvalidInput("Adresse de base de données inconnue : « " + database_url + " ».");
  std::error_code ec;
  if (fs::exists(to, ec) && !(fs::is_directory(to, ec) && fs::is_empty(to, ec))) {
    return BackupRefused("« " + to.string() + " » existe déjà et n'est pas un dossier vide : choisissez un nouveau dossier.");
  }
  fs::path temporary = to;
  temporary += ".tmp";
  fs::remove_all(temporary, ec);
  try {
    fs::create_directories(temporary);
    auto summary = WriteInto(database_url, files_dir, temporary);
    if (!summary) {
      fs::remove_all(temporary, ec);
      return summary;
    }
    fs::rename(temporary, to);
    SyncPath(fs::absolute(to).parent_path());
    return summary;
  } catch (const std::exception& e) {
    fs::remove_all(temporary, ec);
    return BackupRefused(std::string("Sauvegarde impossible : ") + e.what());
  }
}

Result<BackupSummary> VerifyBackup(const fs::path& from) {
  auto manifest = ReadVerifiedManifest(from);
  if (!manifest) return manifest.error();
  BackupSummary summary{manifest.value().backend, manifest.value().schema_version, 0, 0};
  for (const auto& e : manifest.value().entries) {
    if (e.path == manifest.value().database) continue;
    summary.files += 1;
    summary.file_bytes += e.size;
  }
  return summary;
}

}  // namespace boussole::backup
