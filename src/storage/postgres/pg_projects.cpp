// The project tables of PgStore (issue 5, item 4).
#include <nlohmann/json.hpp>

#include "storage/shared_sql.h"
#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {
namespace {

using projects::Project;
using projects::ProjectEvent;
using projects::ProjectOffer;

std::string Text(const pqxx::field& f) { return f.is_null() ? "" : f.as<std::string>(); }

Project ReadProject(const pqxx::row& r) {
  Project p;
  p.id = r[0].as<std::int64_t>();
  p.organisation_id = r[1].as<std::int64_t>();
  p.name = r[2].as<std::string>();
  p.public_description = r[3].as<std::string>();
  p.private_description = r[4].as<std::string>();
  p.territory = r[5].as<std::string>();
  p.stage = r[6].as<std::string>();
  p.themes = nlohmann::json::parse(r[7].as<std::string>()).get<std::vector<std::string>>();
  if (!r[8].is_null()) p.budget_euros = r[8].as<std::int64_t>();
  p.due_date = Text(r[9]);
  p.contract = Text(r[10]);
  p.is_public = r[11].as<int>() != 0;
  p.created_by = r[12].is_null() ? 0 : r[12].as<std::int64_t>();
  p.created_at = r[13].as<std::string>();
  p.updated_at = r[14].as<std::string>();
  return p;
}

// 0 means "nobody" (a command, a job): stored as NULL, which the foreign key accepts.
std::optional<std::int64_t> UserOrNull(std::int64_t user_id) {
  return user_id == 0 ? std::nullopt : std::optional<std::int64_t>(user_id);
}

void AddEvent(pqxx::work& tx, std::int64_t project_id, std::int64_t user_id, std::string_view now,
              const std::string& kind, const std::string& detail) {
  tx.exec_params("INSERT INTO project_events (project_id, user_id, at, kind, detail) VALUES ($1, $2, $3, $4, $5)",
                 project_id, UserOrNull(user_id), std::string(now), kind, detail);
}

}  // namespace

Project PgStore::CreateProject(const Project& project, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const std::optional<std::int64_t> budget = project.budget_euros;
  auto rows = tx.exec_params(std::string("INSERT INTO projects (organisation_id, name, public_description,"
                                         " private_description, territory_id, stage, themes, budget_euros, due_date,"
                                         " contract, is_public, created_by, created_at, updated_at) VALUES ($1, $2, $3,"
                                         " $4, $5, $6, $7, $8, NULLIF($9, ''), NULLIF($10, ''), $11, $12, $13, $13)"
                                         " RETURNING ") +
                                 kProjectColumns,
                             project.organisation_id, project.name, project.public_description,
                             project.private_description, project.territory, project.stage,
                             nlohmann::json(project.themes).dump(), budget, project.due_date, project.contract,
                             project.is_public ? 1 : 0, UserOrNull(project.created_by), std::string(now));
  Project created = ReadProject(rows[0]);
  AddEvent(tx, created.id, project.created_by, now, "created", "Projet créé");
  tx.commit();
  return created;
}

Status PgStore::UpdateProject(const Project& project, std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const std::optional<std::int64_t> budget = project.budget_euros;
  auto result = tx.exec_params(
      "UPDATE projects SET name = $1, public_description = $2, private_description = $3, territory_id = $4,"
      " stage = $5, themes = $6, budget_euros = $7, due_date = NULLIF($8, ''), contract = NULLIF($9, ''),"
      " is_public = $10, updated_at = $11 WHERE id = $12",
      project.name, project.public_description, project.private_description, project.territory, project.stage,
      nlohmann::json(project.themes).dump(), budget, project.due_date, project.contract, project.is_public ? 1 : 0,
      std::string(now), project.id);
  if (result.affected_rows() == 0) return NotFound("Ce projet n'existe pas.");
  AddEvent(tx, project.id, user_id, now, "edited", "Projet modifié");
  tx.commit();
  return Ok();
}

std::optional<Project> PgStore::FindProject(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kProjectColumns + " FROM projects WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return ReadProject(rows[0]);
}

std::vector<Project> PgStore::ProjectsOf(std::int64_t organisation_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Project> out;
  for (const auto& row : tx.exec_params(std::string("SELECT ") + kProjectColumns +
                                            " FROM projects WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC",
                                        organisation_id)) {
    out.push_back(ReadProject(row));
  }
  return out;
}

void PgStore::SaveProjectOffer(const ProjectOffer& a, std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto existing = tx.exec_params("SELECT status FROM project_offers WHERE project_id = $1 AND offer_slug = $2 FOR UPDATE",
                                 a.project_id, a.offer_slug);
  const bool known = !existing.empty();
  const std::string before = known ? existing[0][0].as<std::string>() : "";
  tx.exec_params(
      "INSERT INTO project_offers (project_id, offer_slug, status, status_date, comment, updated_at)"
      " VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6) ON CONFLICT (project_id, offer_slug) DO UPDATE SET"
      " status = excluded.status, status_date = excluded.status_date, comment = excluded.comment,"
      " updated_at = excluded.updated_at",
      a.project_id, a.offer_slug, a.status, a.status_date, a.comment, std::string(now));
  AddEvent(tx, a.project_id, user_id, now, known ? "offer_status" : "offer_attached",
           known ? a.offer_slug + " : " + before + " → " + a.status : a.offer_slug);
  tx.commit();
}

std::vector<ProjectOffer> PgStore::OffersOf(std::int64_t project_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<ProjectOffer> out;
  for (const auto& r : tx.exec_params("SELECT project_id, offer_slug, status, status_date, comment, updated_at"
                                      " FROM project_offers WHERE project_id = $1 ORDER BY offer_slug COLLATE \"C\"",
                                      project_id)) {
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), Text(r[3]),
                   r[4].as<std::string>(), r[5].as<std::string>()});
  }
  return out;
}

std::vector<ProjectEvent> PgStore::HistoryOf(std::int64_t project_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<ProjectEvent> out;
  for (const auto& r : tx.exec_params("SELECT id, project_id, user_id, at, kind, detail FROM project_events"
                                      " WHERE project_id = $1 ORDER BY id",
                                      project_id)) {
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].is_null() ? 0 : r[2].as<std::int64_t>(),
                   r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>()});
  }
  return out;
}

}  // namespace boussole::storage::postgres
