// The project tables of SqliteStore (issue 5, item 4).
#include <nlohmann/json.hpp>

#include "storage/shared_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

using projects::Project;
using projects::ProjectEvent;
using projects::ProjectOffer;

Project ReadProject(const Statement& q) {
  Project p;
  p.id = q.Int(0);
  p.organisation_id = q.Int(1);
  p.name = q.Text(2);
  p.public_description = q.Text(3);
  p.private_description = q.Text(4);
  p.territory = q.Text(5);
  p.stage = q.Text(6);
  p.themes = nlohmann::json::parse(q.Text(7)).get<std::vector<std::string>>();
  p.budget_euros = q.OptionalInt(8);
  p.due_date = q.Text(9);
  p.contract = q.Text(10);
  p.is_public = q.Int(11) != 0;
  p.created_by = q.OptionalInt(12).value_or(0);
  p.created_at = q.Text(13);
  p.updated_at = q.Text(14);
  p.sheet = {q.Text(15), q.Text(16), q.Text(17), q.Text(18), q.Text(19)};
  p.published_at = q.Text(20);
  return p;
}

// 0 means "nobody" (a command, a job): stored as NULL, which the foreign key accepts.
void AddEvent(Connection& db, std::int64_t project_id, std::int64_t user_id, std::string_view now, std::string_view kind,
              std::string_view detail) {
  db.Prepare("INSERT INTO project_events (project_id, user_id, at, kind, detail) VALUES (?, ?, ?, ?, ?)")
      .Bind(1, project_id)
      .Bind(2, UserOrNull(user_id))
      .Bind(3, now)
      .Bind(4, kind)
      .Bind(5, detail)
      .Run();
  // In the same transaction: the members of the owning organisation hear of it, its
  // author excepted (notifications, issue 5, item 6).
  db.Prepare(
        "INSERT INTO notifications (user_id, topic, subject, link, created_at)"
        " SELECT m.user_id, 'project', 'Projet « ' || p.name || ' » : ' || ?1, '/projets/' || p.id, ?2"
        " FROM projects p JOIN memberships m ON m.organisation_id = p.organisation_id"
        " WHERE p.id = ?3 AND m.user_id IS NOT ?4")
      .Bind(1, detail)
      .Bind(2, now)
      .Bind(3, project_id)
      .Bind(4, UserOrNull(user_id))
      .Run();
}

// The projetothèque's index follows the change feed: a write to a published sheet moves it.
void RecordChangeIfPublished(Connection& db, std::int64_t project_id, std::string_view now) {
  db.Prepare(
        "INSERT INTO change_log (topic, subject, changed_at) SELECT 'projects', CAST(id AS TEXT), ? FROM projects"
        " WHERE id = ? AND published_at IS NOT NULL")
      .Bind(1, now)
      .Bind(2, project_id)
      .Run();
}

}  // namespace

Project SqliteStore::CreateProject(const Project& project, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare(std::string(
                           "INSERT INTO projects (organisation_id, name, public_description, private_description,"
                           " territory_id, stage, themes, budget_euros, due_date, contract, is_public, created_by,"
                           " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ?, ?, ?)"
                           " RETURNING ") +
                       kProjectColumns);
  q.Bind(1, project.organisation_id)
      .Bind(2, project.name)
      .Bind(3, project.public_description)
      .Bind(4, project.private_description)
      .Bind(5, project.territory)
      .Bind(6, project.stage)
      .Bind(7, nlohmann::json(project.themes).dump())
      .Bind(8, project.budget_euros)
      .Bind(9, project.due_date)
      .Bind(10, project.contract)
      .Bind(11, std::int64_t{project.is_public ? 1 : 0})
      .Bind(12, UserOrNull(project.created_by))
      .Bind(13, now)
      .Bind(14, now);
  q.Step();
  Project created = ReadProject(q);
  while (q.Step()) {
  }
  AddEvent(*db, created.id, project.created_by, now, "created", "Projet créé");
  tx.Commit();
  return created;
}

Status SqliteStore::UpdateProject(const Project& project, std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  RecordChangeIfPublished(*db, project.id, now);
  // Making a project private takes its case sheet out of the projetothèque.
  auto q = db->Prepare(
      "UPDATE projects SET name = ?, public_description = ?, private_description = ?, territory_id = ?, stage = ?,"
      " themes = ?, budget_euros = ?, due_date = NULLIF(?, ''), contract = NULLIF(?, ''), is_public = ?, updated_at = ?,"
      " published_at = CASE WHEN ?10 = 0 THEN NULL ELSE published_at END WHERE id = ?");
  q.Bind(1, project.name)
      .Bind(2, project.public_description)
      .Bind(3, project.private_description)
      .Bind(4, project.territory)
      .Bind(5, project.stage)
      .Bind(6, nlohmann::json(project.themes).dump())
      .Bind(7, project.budget_euros)
      .Bind(8, project.due_date)
      .Bind(9, project.contract)
      .Bind(10, std::int64_t{project.is_public ? 1 : 0})
      .Bind(11, now)
      .Bind(12, project.id)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Ce projet n'existe pas.");
  AddEvent(*db, project.id, user_id, now, "edited", "Projet modifié");
  tx.Commit();
  return Ok();
}

std::optional<Project> SqliteStore::FindProject(std::int64_t id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kProjectColumns + " FROM projects WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadProject(q);
}

std::vector<Project> SqliteStore::ProjectsOf(std::int64_t organisation_id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kProjectColumns +
                       " FROM projects WHERE organisation_id = ? ORDER BY created_at DESC, id DESC");
  q.Bind(1, organisation_id);
  std::vector<Project> out;
  while (q.Step()) out.push_back(ReadProject(q));
  return out;
}

Status SqliteStore::SaveCaseSheet(std::int64_t project_id, const projects::CaseSheet& sheet, std::int64_t user_id,
                                  std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare(
        "UPDATE projects SET sheet_context = ?, sheet_actions = ?, sheet_results = ?, sheet_testimony = ?,"
        " sheet_partners = ?, updated_at = ? WHERE id = ?")
      .Bind(1, sheet.context)
      .Bind(2, sheet.actions)
      .Bind(3, sheet.results)
      .Bind(4, sheet.testimony)
      .Bind(5, sheet.partners)
      .Bind(6, now)
      .Bind(7, project_id)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Ce projet n'existe pas.");
  RecordChangeIfPublished(*db, project_id, now);
  AddEvent(*db, project_id, user_id, now, "sheet_edited", "Fiche de la projetothèque modifiée");
  tx.Commit();
  return Ok();
}

Status SqliteStore::SetPublished(std::int64_t project_id, bool published, std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  // Recorded before an unpublication, while published_at still says the sheet was listed.
  RecordChangeIfPublished(*db, project_id, now);
  db->Prepare("UPDATE projects SET published_at = ? WHERE id = ?")
      .BindTextOrNull(1, published ? now : std::string_view())
      .Bind(2, project_id)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Ce projet n'existe pas.");
  RecordChangeIfPublished(*db, project_id, now);
  AddEvent(*db, project_id, user_id, now, published ? "published" : "unpublished",
           published ? "Fiche publiée dans la projetothèque" : "Fiche retirée de la projetothèque");
  tx.Commit();
  return Ok();
}

std::vector<Project> SqliteStore::PublishedProjects() {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kProjectColumns +
                       " FROM projects WHERE published_at IS NOT NULL AND is_public = 1 ORDER BY published_at, id");
  std::vector<Project> out;
  while (q.Step()) out.push_back(ReadProject(q));
  return out;
}

void SqliteStore::SaveProjectOffer(const ProjectOffer& a, std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto existing = db->Prepare("SELECT status FROM project_offers WHERE project_id = ? AND offer_slug = ?");
  existing.Bind(1, a.project_id).Bind(2, a.offer_slug);
  const bool known = existing.Step();
  const std::string before = known ? existing.Text(0) : "";
  existing.Reset();
  db->Prepare(
        "INSERT INTO project_offers (project_id, offer_slug, status, status_date, comment, updated_at)"
        " VALUES (?, ?, ?, NULLIF(?, ''), ?, ?) ON CONFLICT(project_id, offer_slug) DO UPDATE SET"
        " status = excluded.status, status_date = excluded.status_date, comment = excluded.comment,"
        " updated_at = excluded.updated_at")
      .Bind(1, a.project_id)
      .Bind(2, a.offer_slug)
      .Bind(3, a.status)
      .Bind(4, a.status_date)
      .Bind(5, a.comment)
      .Bind(6, now)
      .Run();
  AddEvent(*db, a.project_id, user_id, now, known ? "offer_status" : "offer_attached",
           known ? a.offer_slug + " : " + before + " → " + a.status : a.offer_slug);
  tx.Commit();
}

std::vector<ProjectOffer> SqliteStore::OffersOf(std::int64_t project_id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "SELECT project_id, offer_slug, status, status_date, comment, updated_at FROM project_offers"
      " WHERE project_id = ? ORDER BY offer_slug");
  q.Bind(1, project_id);
  std::vector<ProjectOffer> out;
  while (q.Step()) out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)});
  return out;
}

std::vector<ProjectEvent> SqliteStore::HistoryOf(std::int64_t project_id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT id, project_id, user_id, at, kind, detail FROM project_events WHERE project_id = ? ORDER BY id");
  q.Bind(1, project_id);
  std::vector<ProjectEvent> out;
  while (q.Step()) out.push_back({q.Int(0), q.Int(1), q.OptionalInt(2).value_or(0), q.Text(3), q.Text(4), q.Text(5)});
  return out;
}

Status SqliteStore::SuggestOffer(const projects::ProjectSuggestion& s, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto attached = db->Prepare("SELECT 1 FROM project_offers WHERE project_id = ? AND offer_slug = ?");
  attached.Bind(1, s.project_id).Bind(2, s.offer_slug);
  if (attached.Step()) return Error{"conflict", "Cette offre est déjà rattachée au projet.", "offer"};
  attached.Reset();
  auto insert = db->Prepare(
      "INSERT INTO project_suggestions (project_id, offer_slug, user_id, message, created_at) VALUES (?, ?, ?, ?, ?)"
      " ON CONFLICT DO NOTHING");
  insert.Bind(1, s.project_id).Bind(2, s.offer_slug).Bind(3, UserOrNull(s.user_id)).Bind(4, s.message).Bind(5, now).Run();
  if (sqlite3_changes(db->handle()) == 0) {
    return Error{"conflict", "Cette offre a déjà été suggérée pour ce projet ; ses responsables ne l'ont pas encore examinée.", "offer"};
  }
  AddEvent(*db, s.project_id, s.user_id, now, "suggested", s.offer_slug + " suggérée");
  tx.Commit();
  return Ok();
}

std::vector<projects::ProjectSuggestion> SqliteStore::PendingSuggestions(std::int64_t project_id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "SELECT s.id, s.project_id, s.offer_slug, s.user_id, COALESCE(u.display_name, ''), s.message, s.status, s.created_at"
      " FROM project_suggestions s LEFT JOIN users u ON u.id = s.user_id"
      " WHERE s.project_id = ? AND s.status = 'pending' ORDER BY s.id");
  q.Bind(1, project_id);
  std::vector<projects::ProjectSuggestion> out;
  while (q.Step()) {
    out.push_back({q.Int(0), q.Int(1), q.Text(2), q.OptionalInt(3).value_or(0), q.Text(4), q.Text(5), q.Text(6), q.Text(7)});
  }
  return out;
}

Status SqliteStore::DecideSuggestion(std::int64_t project_id, std::int64_t suggestion_id, bool accept,
                                     std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare(
      "UPDATE project_suggestions SET status = ?, decided_at = ?, decided_by = ?"
      " WHERE id = ? AND project_id = ? AND status = 'pending' RETURNING offer_slug");
  q.Bind(1, accept ? "accepted" : "refused").Bind(2, now).Bind(3, UserOrNull(user_id)).Bind(4, suggestion_id).Bind(5, project_id);
  if (!q.Step()) return NotFound("Cette suggestion n'attend plus de décision.");
  const std::string slug = q.Text(0);
  while (q.Step()) {
  }
  if (accept) {
    db->Prepare(
          "INSERT INTO project_offers (project_id, offer_slug, status, comment, updated_at) VALUES (?, ?, 'a_etudier', '', ?)"
          " ON CONFLICT(project_id, offer_slug) DO NOTHING")
        .Bind(1, project_id)
        .Bind(2, slug)
        .Bind(3, now)
        .Run();
  }
  AddEvent(*db, project_id, user_id, now, accept ? "suggestion_accepted" : "suggestion_refused",
           slug + (accept ? " : suggestion acceptée" : " : suggestion refusée"));
  tx.Commit();
  return Ok();
}

}  // namespace boussole::storage::sqlite
