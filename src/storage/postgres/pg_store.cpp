#include "storage/postgres/pg_store.h"

#include <set>
#include <stdexcept>

#include "core/clock.h"
#include "storage/migration.h"

namespace boussole::storage::postgres {

PgStore::PgStore(const std::string& url, std::size_t pool_size) : pool_(url, pool_size) { Migrate(); }

void PgStore::Migrate() {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // Held until commit: a second server starting now waits here, then finds nothing to do.
  tx.exec("SELECT pg_advisory_xact_lock(7267853601)");
  tx.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  std::set<int> applied;
  for (const auto& row : tx.exec("SELECT version FROM schema_migrations")) applied.insert(row[0].as<int>());
  if (!applied.empty() && *applied.rbegin() > LatestSchemaVersion()) {
    throw std::runtime_error("la base est au schéma " + std::to_string(*applied.rbegin()) +
                             ", plus récent que ce programme (" + std::to_string(LatestSchemaVersion()) + ")");
  }
  for (const Migration* m : PendingMigrations(PostgresMigrations(), applied)) {
    tx.exec(m->sql);
    tx.exec_params("INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, $2, $3)", m->version,
                   m->name, NowUtc());
  }
  tx.commit();
}

int PgStore::SchemaVersion() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  return tx.exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0][0].as<int>();
}

int PgStore::LatestSchemaVersion() const {
  return PostgresMigrations().empty() ? 0 : PostgresMigrations().back().version;
}

Status PgStore::Ping() {
  try {
    auto db = pool_.Acquire();
    pqxx::nontransaction tx(*db);
    tx.exec("SELECT 1");
    return Ok();
  } catch (const std::exception& e) {
    return Error{"unavailable", std::string("Base de données injoignable : ") + e.what(), {}};
  }
}

std::optional<std::string> PgStore::ImportFingerprint(std::string_view name) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params("SELECT fingerprint FROM data_imports WHERE name = $1", std::string(name));
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

}  // namespace boussole::storage::postgres
