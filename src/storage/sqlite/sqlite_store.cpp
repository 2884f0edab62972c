#include "storage/sqlite/sqlite_store.h"

#include <set>

#include "core/clock.h"
#include "storage/migration.h"

namespace boussole::storage::sqlite {

SqliteStore::SqliteStore(const std::string& path) : pool_(path, 8) { Migrate(); }

void SqliteStore::Migrate() {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT");
  std::set<int> applied;
  {
    auto q = db->Prepare("SELECT version FROM schema_migrations");
    while (q.Step()) applied.insert(static_cast<int>(q.Int(0)));
  }
  if (!applied.empty() && *applied.rbegin() > LatestSchemaVersion()) {
    throw DbError("la base est au schéma " + std::to_string(*applied.rbegin()) +
                  ", plus récent que ce programme (" + std::to_string(LatestSchemaVersion()) +
                  ")");
  }
  for (const Migration* m : PendingMigrations(SqliteMigrations(), applied)) {
    db->Exec(m->sql);
    db->Prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)")
        .Bind(1, std::int64_t{m->version})
        .Bind(2, m->name)
        .Bind(3, NowUtc())
        .Run();
  }
  tx.Commit();
}

int SqliteStore::SchemaVersion() {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  return q.Step() ? static_cast<int>(q.Int(0)) : 0;
}

int SqliteStore::LatestSchemaVersion() const {
  return SqliteMigrations().empty() ? 0 : SqliteMigrations().back().version;
}

Status SqliteStore::Ping() {
  try {
    auto db = pool_.Acquire();
    auto q = db->Prepare("SELECT 1");
    q.Step();
    return Ok();
  } catch (const DbError& e) {
    return Error{"unavailable", std::string("Base de données injoignable : ") + e.what(), {}};
  }
}

std::optional<std::string> SqliteStore::ImportFingerprint(std::string_view name) {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT fingerprint FROM data_imports WHERE name = ?");
  q.Bind(1, name);
  if (q.Step()) return q.Text(0);
  return std::nullopt;
}

}  // namespace boussole::storage::sqlite
