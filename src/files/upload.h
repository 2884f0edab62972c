#pragma once
// Keeping an uploaded file: the bytes in the FileStore, the metadata in the database. What a
// feature calls when a form brings a file; it then keeps the returned id in its own tables.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/files/file_repository.h"
#include "files/file_store.h"

namespace boussole::files {

//! `name` as it may be shown and offered for download: no folder, no control characters,
//! at most 200 bytes (cut on a UTF-8 boundary); "fichier" when nothing is left.
std::string CleanFileName(std::string_view name);

//! Checks and stores `bytes` (FileStore::Put) and returns the row to record (id 0): for a
//! feature whose store method records it in the same transaction as its own row (see
//! requests::RequestEvent::new_file), so that a crash never leaves a file row alone.
//! invalid_input with the French reason when refused.
Result<FileRecord> StoreUpload(const FileStore& store, std::string_view name, std::string_view bytes,
                               std::int64_t user_id);

//! Checks and stores `bytes` (FileStore::Put: type from content, 20 Mo at most) and records
//! them under `name` (cleaned); invalid_input with the French reason when refused, and then
//! nothing is stored.
Result<FileRecord> SaveUpload(const FileStore& store, FileRepository& repository, std::string_view name,
                              std::string_view bytes, std::int64_t user_id, std::string_view now);

}  // namespace boussole::files
