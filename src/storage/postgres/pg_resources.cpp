// The directory of engineering resources of PgStore (issue 6, item 2).
#include <nlohmann/json.hpp>

#include "storage/postgres/pg_store.h"
#include "storage/shared_sql.h"

namespace boussole::storage::postgres {
namespace {

directory::Resource ReadResource(const pqxx::row& row) {
  directory::Resource r;
  r.id = row[0].as<std::int64_t>();
  r.name = row[1].as<std::string>();
  r.kind = row[2].as<std::string>();
  r.themes = nlohmann::json::parse(row[3].as<std::string>()).get<std::vector<std::string>>();
  r.engineering = row[4].as<std::string>();
  r.territories = nlohmann::json::parse(row[5].as<std::string>()).get<std::vector<std::string>>();
  r.national = row[6].as<int>() != 0;
  r.contact = row[7].as<std::string>();
  r.scope = row[8].as<std::string>();
  r.created_by = row[9].is_null() ? 0 : row[9].as<std::int64_t>();
  r.created_at = row[10].as<std::string>();
  r.updated_at = row[11].as<std::string>();
  r.withdrawn_at = row[12].as<std::string>();
  return r;
}

}  // namespace

directory::Resource PgStore::AddResource(const directory::Resource& resource, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto rows = tx.exec_params(std::string("INSERT INTO engineering_resources (name, kind, themes, engineering,"
                                         " territories, national, contact, scope, created_by, created_at) VALUES ($1,"
                                         " $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ") +
                                 kResourceColumns,
                             resource.name, resource.kind, nlohmann::json(resource.themes).dump(), resource.engineering,
                             nlohmann::json(resource.territories).dump(), resource.national ? 1 : 0, resource.contact,
                             resource.scope, UserOrNull(resource.created_by), std::string(now));
  directory::Resource stored = ReadResource(rows[0]);
  tx.commit();
  return stored;
}

std::vector<directory::Resource> PgStore::ListResources() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<directory::Resource> out;
  for (const auto& row :
       tx.exec(std::string("SELECT ") + kResourceColumns + " FROM engineering_resources WHERE withdrawn_at = '' ORDER BY name, id")) {
    out.push_back(ReadResource(row));
  }
  return out;
}

std::optional<directory::Resource> PgStore::FindResource(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kResourceColumns + " FROM engineering_resources WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return ReadResource(rows[0]);
}

Status PgStore::UpdateResource(const directory::Resource& resource, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto updated = tx.exec_params(
      "UPDATE engineering_resources SET name = $1, kind = $2, themes = $3, engineering = $4, territories = $5,"
      " national = $6, contact = $7, scope = $8, updated_at = $9 WHERE id = $10 AND withdrawn_at = ''",
      resource.name, resource.kind, nlohmann::json(resource.themes).dump(), resource.engineering,
      nlohmann::json(resource.territories).dump(), resource.national ? 1 : 0, resource.contact, resource.scope,
      std::string(now), resource.id);
  if (updated.affected_rows() == 0) return NotFound("Cette structure n'est pas dans l'annuaire.");
  tx.commit();
  return Ok();
}

Status PgStore::WithdrawResource(std::int64_t id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto updated = tx.exec_params(
      "UPDATE engineering_resources SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at = ''", std::string(now), id);
  if (updated.affected_rows() == 0) return NotFound("Cette structure n'est pas dans l'annuaire.");
  tx.commit();
  return Ok();
}

}  // namespace boussole::storage::postgres
