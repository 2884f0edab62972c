#pragma once
// The manifest of a backup folder (format in backup.h): what each file must hold.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace boussole::backup {

inline constexpr const char* kManifestName = "manifest.json";

struct ManifestEntry {
  std::string path;  //!< relative to the backup folder, '/' separated
  std::string sha256;
  std::uintmax_t size = 0;
};

struct Manifest {
  std::string backend;
  int schema_version = 0;
  std::string created_at;
  std::string database;  //!< the entry holding the database
  std::vector<ManifestEntry> entries;
};

//! The lowercase hex SHA-256 of a file's content, read in blocks; not_found when unreadable.
Result<std::string> FileSha256(const std::filesystem::path& path);
//! Copies `from` to `to` (created, fsynced) and returns the SHA-256 of the bytes copied.
Result<std::string> CopyAndHash(const std::filesystem::path& from, const std::filesystem::path& to);
//! Flushes a file or a folder to disk; throws on failure.
void SyncPath(const std::filesystem::path& path);

std::string ManifestText(const Manifest& manifest);
//! Writes `dir`/manifest.json, fsynced.
void WriteManifest(const std::filesystem::path& dir, const Manifest& manifest);
//! Reads and checks `dir`/manifest.json: then every entry, and that the folder holds nothing
//! else. The French reason of the first problem otherwise.
Result<Manifest> ReadVerifiedManifest(const std::filesystem::path& dir);

}  // namespace boussole::backup
