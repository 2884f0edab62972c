#include <filesystem>

#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace boussole::storage {

// Per server: with N servers PostgreSQL sees at most N × this many connections.
constexpr std::size_t kPostgresPoolSize = 8;

bool IsUnavailable(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) return true;
  // The pool's own words when no connection could be had in time.
  return std::string_view(e.what()).find("connection pool exhausted") != std::string_view::npos;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite://";
  if (url.rfind(kSqlite, 0) == 0) {
    const std::string path = url.substr(kSqlite.size());
    if (path.empty()) return InvalidInput("Adresse de base SQLite sans chemin : « " + url + " ».");
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    try {
      return std::unique_ptr<Store>(std::make_unique<sqlite::SqliteStore>(path));
    } catch (const sqlite::DbError& e) {
      return Error{"unavailable", "Impossible d'ouvrir la base SQLite « " + path + " » : " + e.what(), {}};
    }
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    try {
      return std::unique_ptr<Store>(std::make_unique<postgres::PgStore>(url, kPostgresPoolSize));
    } catch (const pqxx::broken_connection& e) {
      return Error{"unavailable", "Base PostgreSQL injoignable : " + std::string(e.what()), {}};
    } catch (const std::exception& e) {
      return Error{"invalid_database", "Impossible d'utiliser la base PostgreSQL : " + std::string(e.what()), {}};
    }
  }
  return InvalidInput("Adresse de base de données inconnue : « " + url +
                      " » (attendu : sqlite://CHEMIN ou postgresql://…).");
}

}  // namespace boussole::storage
