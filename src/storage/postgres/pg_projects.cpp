// The project tables of PgStore (issue 5, item 4).
#include <nlohmann/json.hpp>

#include "storage/shared_sql.h"
#include "storage/postgres/pg_fields.h"
#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {
namespace {

using projects::Project;
using projects::ProjectEvent;
using projects::ProjectOffer;

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
  p.due_date = TextOrEmpty(r[9]);
  p.contract = TextOrEmpty(r[10]);
  p.is_public = r[11].as<int>() != 0;
  p.created_by = r[12].is_null() ? 0 : r[12].as<std::int64_t>();
  p.created_at = r[13].as<std::string>();
  p.updated_at = r[14].as<std::string>();
  p.sheet = {r[15].as<std::string>(), r[16].as<std::string>(), r[17].as<std::string>(), r[18].as<std::string>(),
             r[19].as<std::string>()};
  p.published_at = TextOrEmpty(r[20]);
  return p;
}

// 0 means "nobody" (a command, a job): stored as NULL, which the foreign key accepts.
void AddEvent(pqxx::work& tx, std::int64_t project_id, std::int64_t user_id, std::string_view now,
              const std::string& kind, const std::string& detail) {
  tx.exec_params("INSERT INTO project_events (project_id, user_id, at, kind, detail) VALUES ($1, $2, $3, $4, $5)",
                 project_id, UserOrNull(user_id), std::string(now), kind, detail);
  // In the same transaction: the members of the owning organisation hear of it, its
  // author excepted (notifications, issue 5, item 6).
  tx.exec_params(
      "INSERT INTO notifications (user_id, topic, subject, link, created_at)"
      " SELECT m.user_id, 'project', 'Projet « ' || p.name || ' » : ' || $1, '/projets/' || p.id::text, $2"
      " FROM projects p JOIN memberships m ON m.organisation_id = p.organisation_id"
      " WHERE p.id = $3 AND m.user_id IS DISTINCT FROM $4",
      detail, std::string(now), project_id, UserOrNull(user_id));
}

// The projetothèque's index follows the change feed: a write to a published sheet moves it.
void RecordChangeIfPublished(pqxx::work& tx, std::int64_t project_id, std::string_view now) {
  tx.exec_params(
      "INSERT INTO change_log (topic, subject, changed_at) SELECT 'projects', id::text, $1 FROM projects"
      " WHERE id = $2 AND published_at IS NOT NULL",
      std::string(now), project_id);
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
  RecordChangeIfPublished(tx, project.id, now);
  // Making a project private takes its case sheet out of the projetothèque.
  auto result = tx.exec_params(
      "UPDATE projects SET name = $1, public_description = $2, private_description = $3, territory_id = $4,"
      " stage = $5, themes = $6, budget_euros = $7, due_date = NULLIF($8, ''), contract = NULLIF($9, ''),"
      " is_public = $10, updated_at = $11, published_at = CASE WHEN $10 = 0 THEN NULL ELSE published_at END"
      " WHERE id = $12",
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

Status PgStore::SaveCaseSheet(std::int64_t project_id, const projects::CaseSheet& sheet, std::int64_t user_id,
                              std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto result = tx.exec_params(
      "UPDATE projects SET sheet_context = $1, sheet_actions = $2, sheet_results = $3, sheet_testimony = $4,"
      " sheet_partners = $5, updated_at = $6 WHERE id = $7",
      sheet.context, sheet.actions, sheet.results, sheet.testimony, sheet.partners, std::string(now), project_id);
  if (result.affected_rows() == 0) return NotFound("Ce projet n'existe pas.");
  RecordChangeIfPublished(tx, project_id, now);
  AddEvent(tx, project_id, user_id, now, "sheet_edited", "Fiche de la projetothèque modifiée");
  tx.commit();
  return Ok();
}

Status PgStore::SetPublished(std::int64_t project_id, bool published, std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // Recorded before an unpublication, while published_at still says the sheet was listed.
  RecordChangeIfPublished(tx, project_id, now);
  const std::optional<std::string> at = published ? std::optional<std::string>(std::string(now)) : std::nullopt;
  auto result = tx.exec_params("UPDATE projects SET published_at = $1 WHERE id = $2", at, project_id);
  if (result.affected_rows() == 0) return NotFound("Ce projet n'existe pas.");
  RecordChangeIfPublished(tx, project_id, now);
  AddEvent(tx, project_id, user_id, now, published ? "published" : "unpublished",
           published ? "Fiche publiée dans la projetothèque" : "Fiche retirée de la projetothèque");
  tx.commit();
  return Ok();
}

std::vector<Project> PgStore::PublishedProjects() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Project> out;
  for (const auto& row : tx.exec(std::string("SELECT ") + kProjectColumns +
                                 " FROM projects WHERE published_at IS NOT NULL AND is_public = 1"
                                 " ORDER BY published_at, id")) {
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
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), TextOrEmpty(r[3]),
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

Status PgStore::SuggestOffer(const projects::ProjectSuggestion& s, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (!tx.exec_params("SELECT 1 FROM project_offers WHERE project_id = $1 AND offer_slug = $2", s.project_id, s.offer_slug)
           .empty()) {
    return Error{"conflict", "Cette offre est déjà rattachée au projet.", "offer"};
  }
  auto inserted = tx.exec_params(
      "INSERT INTO project_suggestions (project_id, offer_slug, user_id, message, created_at) VALUES ($1, $2, $3, $4, $5)"
      " ON CONFLICT DO NOTHING",
      s.project_id, s.offer_slug, UserOrNull(s.user_id), s.message, std::string(now));
  if (inserted.affected_rows() == 0) {
    return Error{"conflict", "Cette offre a déjà été suggérée pour ce projet ; ses responsables ne l'ont pas encore examinée.", "offer"};
  }
  AddEvent(tx, s.project_id, s.user_id, now, "suggested", s.offer_slug + " suggérée");
  tx.commit();
  return Ok();
}

std::vector<projects::ProjectSuggestion> PgStore::PendingSuggestions(std::int64_t project_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<projects::ProjectSuggestion> out;
  for (const auto& r : tx.exec_params(
           "SELECT s.id, s.project_id, s.offer_slug, s.user_id, COALESCE(u.display_name, ''), s.message, s.status, s.created_at"
           " FROM project_suggestions s LEFT JOIN users u ON u.id = s.user_id"
           " WHERE s.project_id = $1 AND s.status = 'pending' ORDER BY s.id",
           project_id)) {
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::string>(),
                   r[3].is_null() ? 0 : r[3].as<std::int64_t>(), r[4].as<std::string>(), r[5].as<std::string>(),
                   r[6].as<std::string>(), r[7].as<std::string>()});
  }
  return out;
}

Status PgStore::DecideSuggestion(std::int64_t project_id, std::int64_t suggestion_id, bool accept, std::int64_t user_id,
                                 std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const std::string at(now);
  auto rows = tx.exec_params(
      "UPDATE project_suggestions SET status = $1, decided_at = $2, decided_by = $3"
      " WHERE id = $4 AND project_id = $5 AND status = 'pending' RETURNING offer_slug",
      std::string(accept ? "accepted" : "refused"), at, UserOrNull(user_id), suggestion_id, project_id);
  if (rows.empty()) return NotFound("Cette suggestion n'attend plus de décision.");
  const std::string slug = rows[0][0].as<std::string>();
  if (accept) {
    tx.exec_params(
        "INSERT INTO project_offers (project_id, offer_slug, status, comment, updated_at) VALUES ($1, $2, 'a_etudier', '', $3)"
        " ON CONFLICT (project_id, offer_slug) DO NOTHING",
        project_id, slug, at);
  }
  AddEvent(tx, project_id, user_id, now, accept ? "suggestion_accepted" : "suggestion_refused",
           slug + (accept ? " : suggestion acceptée" : " : suggestion refusée"));
  tx.commit();
  return Ok();
}

}  // namespace boussole::storage::postgres

