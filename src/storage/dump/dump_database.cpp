#include "storage/dump/dump_database.h"

namespace boussole::storage::dump {

Result<std::unique_ptr<DumpDatabase>> OpenDumpDatabase(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite://";
  try {
    if (url.rfind(kSqlite, 0) == 0) return OpenSqliteDumpDatabase(url.substr(kSqlite.size()));
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return OpenPgDumpDatabase(url);
  } catch (const std::exception& e) {
    return Error{"unavailable", "Impossible de se connecter à la base : " + std::string(e.what()), {}};
  }
  return InvalidInput("Adresse de base de données inconnue : « " + url + " ».");
}

}  // namespace boussole::storage::dump
