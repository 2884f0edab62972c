#pragma once
// The bytes of uploaded files, on disk under one folder (BOUSSOLE_FILES_DIR) that every
// server of an instance shares. Content-addressed: a file is stored once under its SHA-256
// (folder ab/ of its first two hex digits), so that two servers writing the same upload at
// once write the same bytes to the same name. Writes are atomic (a temporary file in the
// same folder, flushed, then renamed): a reader never sees half a file. Thread-safe.
// The metadata (name, type, who, when) lives in the database: domain/files/file_repository.h.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "files/content_type.h"

namespace boussole::files {

//! The lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

//! What Put stored.
struct StoredBlob {
  std::string sha256;  //!< lowercase hex, 64 characters
  std::size_t size = 0;
  FileType type = FileType::kPdf;
};

class FileStore {
 public:
  //! Creates `root` when needed (std::filesystem errors propagate).
  explicit FileStore(std::filesystem::path root);

  //! Checks the bytes (DetectType: type from content, 20 Mo at most; its French refusal
  //! otherwise) and stores them unless the same content is already there.
  Result<StoredBlob> Put(std::string_view bytes) const;
  //! The bytes stored under `sha256`; not_found when absent or when the name is not a
  //! SHA-256; the content is checked against its name (corruption is not_found too).
  Result<std::string> Read(std::string_view sha256) const;
  //! Where the blob `sha256` lives (for tests and operators).
  std::filesystem::path PathOf(std::string_view sha256) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace boussole::files
