#pragma once
// Copying a database to a file of a backup folder and back: SQLite through its online
// backup API, PostgreSQL through pg_dump/pg_restore (custom format) of the server's major
// version (Debian's /usr/lib/postgresql/<major>/bin, else PATH).
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace boussole::backup {

//! "sqlite" for sqlite://PATH, "postgresql" for postgresql://… or postgres://…, "" otherwise.
std::string BackendOf(const std::string& url);
//! The file name of the database inside a backup folder, per backend.
std::string DatabaseFileName(const std::string& backend);

//! Copies the database at `url` to `to` (a new file): one consistent snapshot, while
//! servers may keep writing.
Status CopyDatabaseTo(const std::string& url, const std::filesystem::path& to);
//! Replaces the content of the (empty, checked by the caller) database at `url` with the
//! copy `from`, in one transaction.
Status RestoreDatabaseFrom(const std::string& url, const std::filesystem::path& from);

//! The SHA-256 of every row of the `files` table: of the SQLite copy `database_file` when
//! given, else of the database at `url`.
Result<std::vector<std::string>> ReferencedBlobs(const std::string& url, const std::filesystem::path& database_file);

}  // namespace boussole::backup
