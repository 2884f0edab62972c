// The directory of engineering resources of SqliteStore (issue 6, item 2).
#include <nlohmann/json.hpp>

#include "storage/shared_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

directory::Resource ReadResource(const Statement& q) {
  directory::Resource r;
  r.id = q.Int(0);
  r.name = q.Text(1);
  r.kind = q.Text(2);
  r.themes = nlohmann::json::parse(q.Text(3)).get<std::vector<std::string>>();
  r.engineering = q.Text(4);
  r.territories = nlohmann::json::parse(q.Text(5)).get<std::vector<std::string>>();
  r.national = q.Int(6) != 0;
  r.contact = q.Text(7);
  r.scope = q.Text(8);
  r.created_by = q.OptionalInt(9).value_or(0);
  r.created_at = q.Text(10);
  r.updated_at = q.Text(11);
  r.withdrawn_at = q.Text(12);
  return r;
}

}  // namespace

directory::Resource SqliteStore::AddResource(const directory::Resource& resource, std::string_view now) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("INSERT INTO engineering_resources (name, kind, themes, engineering, territories,"
                                   " national, contact, scope, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                   " RETURNING ") +
                       kResourceColumns);
  q.Bind(1, resource.name)
      .Bind(2, resource.kind)
      .Bind(3, nlohmann::json(resource.themes).dump())
      .Bind(4, resource.engineering)
      .Bind(5, nlohmann::json(resource.territories).dump())
      .Bind(6, std::int64_t{resource.national ? 1 : 0})
      .Bind(7, resource.contact)
      .Bind(8, resource.scope)
      .Bind(9, resource.created_by == 0 ? std::nullopt : std::optional<std::int64_t>(resource.created_by))
      .Bind(10, now);
  q.Step();
  directory::Resource stored = ReadResource(q);
  while (q.Step()) {
  }
  return stored;
}

std::vector<directory::Resource> SqliteStore::ListResources() {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kResourceColumns + " FROM engineering_resources WHERE withdrawn_at = '' ORDER BY name, id");
  std::vector<directory::Resource> out;
  while (q.Step()) out.push_back(ReadResource(q));
  return out;
}

std::optional<directory::Resource> SqliteStore::FindResource(std::int64_t id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kResourceColumns + " FROM engineering_resources WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadResource(q);
}

Status SqliteStore::UpdateResource(const directory::Resource& resource, std::string_view now) {
  auto db = pool_.Acquire();
  db->Prepare(
        "UPDATE engineering_resources SET name = ?, kind = ?, themes = ?, engineering = ?, territories = ?,"
        " national = ?, contact = ?, scope = ?, updated_at = ? WHERE id = ? AND withdrawn_at = ''")
      .Bind(1, resource.name)
      .Bind(2, resource.kind)
      .Bind(3, nlohmann::json(resource.themes).dump())
      .Bind(4, resource.engineering)
      .Bind(5, nlohmann::json(resource.territories).dump())
      .Bind(6, std::int64_t{resource.national ? 1 : 0})
      .Bind(7, resource.contact)
      .Bind(8, resource.scope)
      .Bind(9, now)
      .Bind(10, resource.id)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Cette structure n'est pas dans l'annuaire.");
  return Ok();
}

Status SqliteStore::WithdrawResource(std::int64_t id, std::string_view now) {
  auto db = pool_.Acquire();
  db->Prepare("UPDATE engineering_resources SET withdrawn_at = ? WHERE id = ? AND withdrawn_at = ''")
      .Bind(1, now)
      .Bind(2, id)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Cette structure n'est pas dans l'annuaire.");
  return Ok();
}

}  // namespace boussole::storage::sqlite
