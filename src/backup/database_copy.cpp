#include "backup/database_copy.h"

#include <sqlite3.h>

#include <memory>
#include <pqxx/pqxx>

#include "backup/tool_process.h"

namespace boussole::backup {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite://";

std::string SqlitePath(const std::string& url) { return url.substr(kSqlitePrefix.size()); }

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

Result<SqliteHandle> OpenSqlite(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteHandle db(raw);
  if (rc != SQLITE_OK) {
    return Error{"io_error",
                 "Impossible d'ouvrir la base SQLite « " + path + " » : " + (raw ? sqlite3_errmsg(raw) : "mémoire") + ".",
                 {}};
  }
  sqlite3_busy_timeout(db.get(), 30000);
  return db;
}

// Copies every page of `source` into `target`, in one step (one read snapshot of the
// source, one write transaction on the target).
Status SqliteCopy(sqlite3* source, sqlite3* target, const std::string& what) {
  sqlite3_backup* copy = sqlite3_backup_init(target, "main", source, "main");
  if (copy == nullptr) return Error{"io_error", what + " : " + sqlite3_errmsg(target) + ".", {}};
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(copy, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(copy);
  if (rc != SQLITE_DONE) return Error{"io_error", what + " : " + sqlite3_errstr(rc) + ".", {}};
  return Ok();
}

// The server's major version, to run the pg_dump/pg_restore that match it.
std::string PgBinary(const std::string& url, const std::string& tool) {
  try {
    pqxx::connection connection(url);
    pqxx::nontransaction tx(connection);
    const int number = tx.exec1("SELECT current_setting('server_version_num')::int")[0].as<int>();
    const auto path = std::filesystem::path("/usr/lib/postgresql") / std::to_string(number / 10000) / "bin" / tool;
    if (std::filesystem::exists(path)) return path.string();
  } catch (const std::exception&) {
    // The tool itself reports the connection problem.
  }
  return tool;
}

Status RunPgTool(const std::vector<std::string>& args, const std::string& what) {
  const ToolResult result = RunTool(args);
  if (result.exit_code == 0) return Ok();
  return Error{"io_error", what + " (" + args[0] + ", code " + std::to_string(result.exit_code) + ") : " + result.output, {}};
}

}  // namespace

std::string BackendOf(const std::string& url) {
  if (url.rfind(kSqlitePrefix, 0) == 0) return "sqlite";
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return "postgresql";
  return "";
}

std::string DatabaseFileName(const std::string& backend) {
  return backend == "sqlite" ? "database.sqlite3" : "database.pgdump";
}

Status CopyDatabaseTo(const std::string& url, const std::filesystem::path& to) {
  if (BackendOf(url) == "sqlite") {
    auto source = OpenSqlite(SqlitePath(url), SQLITE_OPEN_READONLY);
    if (!source) return source.error();
    auto target = OpenSqlite(to.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!target) return target.error();
    auto copied = SqliteCopy(source.value().get(), target.value().get(), "Copie de la base SQLite impossible");
    if (!copied) return copied;
    // A single self-contained file: no -wal beside it.
    sqlite3_exec(target.value().get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    return Ok();
  }
  return RunPgTool({PgBinary(url, "pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                    "--file=" + to.string(), "--dbname=" + url},
                   "Copie de la base PostgreSQL impossible");
}

Status RestoreDatabaseFrom(const std::string& url, const std::filesystem::path& from) {
  if (BackendOf(url) == "sqlite") {
    auto source = OpenSqlite(from.string(), SQLITE_OPEN_READONLY);
    if (!source) return source.error();
    auto target = OpenSqlite(SqlitePath(url), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!target) return target.error();
    auto copied = SqliteCopy(source.value().get(), target.value().get(), "Restauration de la base SQLite impossible");
    if (!copied) return copied;
    sqlite3_exec(target.value().get(), "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    return Ok();
  }
  // The target holds the (empty) schema: --clean replaces it, all in one transaction.
  return RunPgTool({PgBinary(url, "pg_restore"), "--clean", "--if-exists", "--single-transaction", "--exit-on-error",
                    "--no-owner", "--no-privileges", "--dbname=" + url, from.string()},
                   "Restauration de la base PostgreSQL impossible");
}

Result<std::vector<std::string>> ReferencedBlobs(const std::string& url, const std::filesystem::path& database_file) {
  std::vector<std::string> blobs;
  if (!database_file.empty()) {
    auto db = OpenSqlite(database_file.string(), SQLITE_OPEN_READONLY);
    if (!db) return db.error();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db.value().get(), "SELECT sha256 FROM files", -1, &statement, nullptr) != SQLITE_OK) {
      return Error{"io_error", std::string("Lecture de la table files impossible : ") + sqlite3_errmsg(db.value().get()), {}};
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
      blobs.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    }
    sqlite3_finalize(statement);
    return blobs;
  }
  try {
    pqxx::connection connection(url);
    pqxx::nontransaction tx(connection);
    for (const auto& row : tx.exec("SELECT sha256 FROM files")) blobs.push_back(row[0].as<std::string>());
  } catch (const std::exception& e) {
    return Error{"io_error", std::string("Lecture de la table files impossible : ") + e.what(), {}};
  }
  return blobs;
}

}  // namespace boussole::backup
