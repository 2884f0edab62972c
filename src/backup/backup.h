#pragma once
// `boussole backup --to DIR` and `boussole restore --from DIR`: a whole instance (the
// database and the attachment store) to a folder and back, checked by SHA-256 checksums.
//
// DIR holds:
//   manifest.json      {"format":"boussole-backup","version":1,"backend":…,"schema_version":N,
//                       "created_at":…,"database":"database.sqlite3"|"database.pgdump",
//                       "entries":[{"path":…,"sha256":…,"size":N},…]}  (every other file of DIR)
//   database.sqlite3   SQLite: a copy made with the online backup API (servers may keep running)
//   database.pgdump    PostgreSQL: pg_dump in custom format (one consistent snapshot)
//   files/ab/<sha256>  the attachment store (BOUSSOLE_FILES_DIR), content-addressed
//
// The database is copied first, the files second: a file is always written before the row
// that names it (files::SaveUpload), so every file the copied database names is in the copy.
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/result.h"

namespace boussole::backup {

struct BackupSummary {
  std::string backend;
  int schema_version = 0;
  std::size_t files = 0;          //!< attachments
  std::uintmax_t file_bytes = 0;  //!< their total size
};

//! Copies the instance (`database_url`, attachments under `files_dir`) to `to`, which must
//! not exist or be an empty folder. Written as `to`.tmp, then renamed when complete and
//! verified against its manifest. Fails with a French message, leaving no `to`.
Result<BackupSummary> WriteBackup(const std::string& database_url, const std::filesystem::path& files_dir,
                                  const std::filesystem::path& to);

//! Checks every entry of the manifest of `from` (present, same size, same SHA-256, nothing
//! else in the folder); the French reason of the first problem otherwise.
Result<BackupSummary> VerifyBackup(const std::filesystem::path& from);

//! Restores the backup `from` into an EMPTY instance: its database (created, perhaps
//! migrated, never written: no row in any dumped table) and its attachment folder (no file).
//! Refuses, changing nothing, when the backup does not verify, the backends or schema
//! versions differ, or the target is not empty.
Result<BackupSummary> RestoreBackup(const std::string& database_url, const std::filesystem::path& files_dir,
                                    const std::filesystem::path& from);

}  // namespace boussole::backup
