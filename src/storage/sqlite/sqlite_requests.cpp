// The request tables of SqliteStore (issue 6).
#include <nlohmann/json.hpp>

#include "storage/shared_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

using requests::Request;
using requests::RequestEvent;

std::string FieldsJson(const requests::FieldValues& values) { return nlohmann::json(values).dump(); }
requests::FieldValues FieldsFrom(const std::string& text) {
  return nlohmann::json::parse(text).get<requests::FieldValues>();
}

Request ReadRequest(const Statement& q) {
  Request r;
  r.id = q.Int(0);
  r.workflow = q.Text(1);
  r.organisation_id = q.Int(2);
  r.territory = q.Text(3);
  r.departement = q.Text(4);
  r.title = q.Text(5);
  r.theme = q.Text(6);
  r.project_id = q.OptionalInt(7);
  r.state = q.Text(8);
  r.version = q.Int(9);
  r.assignee_id = q.OptionalInt(10);
  r.fields = FieldsFrom(q.Text(11));
  r.created_by = q.OptionalInt(12).value_or(0);
  r.created_at = q.Text(13);
  r.updated_at = q.Text(14);
  r.state_since = q.Text(15);
  return r;
}

RequestEvent ReadEvent(const Statement& q) {
  RequestEvent e;
  e.id = q.Int(0);
  e.request_id = q.Int(1);
  e.user_id = q.OptionalInt(2).value_or(0);
  e.user_name = q.Text(3);
  e.at = q.Text(4);
  e.kind = q.Text(5);
  e.transition = q.Text(6);
  e.from_state = q.Text(7);
  e.to_state = q.Text(8);
  e.values = FieldsFrom(q.Text(9));
  e.text = q.Text(10);
  e.file_id = q.OptionalInt(11);
  return e;
}

// The row of a file uploaded with an event, in the event's transaction; its id.
std::int64_t InsertNewFile(Connection& db, const files::FileRecord& f, std::string_view now) {
  auto q = db.Prepare(
      "INSERT INTO files (sha256, size_bytes, content_type, original_name, uploaded_by, uploaded_at)"
      " VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  q.Bind(1, f.sha256)
      .Bind(2, f.size)
      .Bind(3, f.content_type)
      .Bind(4, f.original_name)
      .Bind(5, UserOrNull(f.uploaded_by))
      .Bind(6, now);
  q.Step();
  const std::int64_t id = q.Int(0);
  while (q.Step()) {
  }
  return id;
}

// Returns the id of the file the event names, if any.
std::optional<std::int64_t> InsertEvent(Connection& db, const RequestEvent& e, std::string_view now) {
  std::optional<std::int64_t> file_id = e.file_id;
  if (e.new_file) file_id = InsertNewFile(db, *e.new_file, now);
  db.Prepare(
        "INSERT INTO request_events (request_id, user_id, at, kind, transition, from_state, to_state, fields, text,"
        " file_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, e.request_id)
      .Bind(2, UserOrNull(e.user_id))
      .Bind(3, now)
      .Bind(4, e.kind)
      .Bind(5, e.transition)
      .Bind(6, e.from_state)
      .Bind(7, e.to_state)
      .Bind(8, FieldsJson(e.values))
      .Bind(9, e.text)
      .Bind(10, file_id)
      .Run();
  return file_id;
}

}  // namespace

Request SqliteStore::CreateRequest(const Request& request, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare(std::string("INSERT INTO requests (workflow, organisation_id, territory_id, departement_id, title,"
                                   " theme, project_id, state, version, assignee_id, fields, created_by, created_at,"
                                   " updated_at, state_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)"
                                   " RETURNING ") +
                       kRequestColumns);
  q.Bind(1, request.workflow)
      .Bind(2, request.organisation_id)
      .Bind(3, request.territory)
      .Bind(4, request.departement)
      .Bind(5, request.title)
      .Bind(6, request.theme)
      .Bind(7, request.project_id)
      .Bind(8, request.state)
      .Bind(9, request.assignee_id)
      .Bind(10, FieldsJson(request.fields))
      .Bind(11, UserOrNull(request.created_by))
      .Bind(12, now)
      .Bind(13, now)
      .Bind(14, now);
  q.Step();
  Request created = ReadRequest(q);
  while (q.Step()) {
  }
  RequestEvent event;
  event.request_id = created.id;
  event.user_id = request.created_by;
  event.kind = "created";
  event.to_state = created.state;
  event.values = created.fields;
  InsertEvent(*db, event, now);
  tx.Commit();
  return created;
}

std::optional<Request> SqliteStore::FindRequest(std::int64_t id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kRequestColumns + " FROM requests WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadRequest(q);
}

std::vector<Request> SqliteStore::ListRequests() {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kRequestColumns + " FROM requests ORDER BY created_at DESC, id DESC");
  std::vector<Request> out;
  while (q.Step()) out.push_back(ReadRequest(q));
  return out;
}

Status SqliteStore::ApplyTransition(std::int64_t expected_version, const RequestEvent& event,
                                    std::optional<std::int64_t> assignee, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto read = db->Prepare(std::string("SELECT ") + kRequestColumns + " FROM requests WHERE id = ?");
  read.Bind(1, event.request_id);
  if (!read.Step()) return NotFound("Cette demande n'existe pas.");
  Request current = ReadRequest(read);
  while (read.Step()) {
  }
  if (current.version != expected_version || current.state != event.from_state) {
    return Error{"conflict", "version", {}};
  }
  for (const auto& [name, value] : event.values) current.fields[name] = value;
  // The version in the WHERE clause makes the check and the write one step, whatever the
  // isolation: of two writers holding the same version, the second changes no row.
  db->Prepare(
        "UPDATE requests SET state = ?, version = version + 1, fields = ?, assignee_id = COALESCE(?, assignee_id),"
        " updated_at = ?, state_since = ? WHERE id = ? AND version = ?")
      .Bind(1, event.to_state)
      .Bind(2, FieldsJson(current.fields))
      .Bind(3, assignee)
      .Bind(4, now)
      .Bind(5, now)
      .Bind(6, event.request_id)
      .Bind(7, expected_version)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return Error{"conflict", "version", {}};
  InsertEvent(*db, event, now);
  tx.Commit();
  return Ok();
}

Status SqliteStore::UpdateDraft(std::int64_t expected_version, const Request& draft, const RequestEvent& event,
                                std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto read = db->Prepare("SELECT version, state FROM requests WHERE id = ?");
  read.Bind(1, event.request_id);
  if (!read.Step()) return NotFound("Cette demande n'existe pas.");
  const std::int64_t version = read.Int(0);
  const std::string state = read.Text(1);
  while (read.Step()) {
  }
  if (version != expected_version || state != event.from_state) return Error{"conflict", "version", {}};
  // As ApplyTransition: the version in the WHERE clause makes the check and the write one step.
  db->Prepare(
        "UPDATE requests SET workflow = ?, title = ?, theme = ?, project_id = ?, fields = ?, version = version + 1,"
        " updated_at = ? WHERE id = ? AND version = ? AND state = ?")
      .Bind(1, draft.workflow)
      .Bind(2, draft.title)
      .Bind(3, draft.theme)
      .Bind(4, draft.project_id)
      .Bind(5, FieldsJson(draft.fields))
      .Bind(6, now)
      .Bind(7, event.request_id)
      .Bind(8, expected_version)
      .Bind(9, event.from_state)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return Error{"conflict", "version", {}};
  InsertEvent(*db, event, now);
  tx.Commit();
  return Ok();
}

std::optional<std::int64_t> SqliteStore::AppendRequestEvent(const RequestEvent& event, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  const auto file_id = InsertEvent(*db, event, now);
  db->Prepare("UPDATE requests SET updated_at = ? WHERE id = ?").Bind(1, now).Bind(2, event.request_id).Run();
  tx.Commit();
  return file_id;
}

std::vector<RequestEvent> SqliteStore::TrailOf(std::int64_t request_id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kRequestEventColumns +
                       " FROM request_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.request_id = ?"
                       " ORDER BY e.id");
  q.Bind(1, request_id);
  std::vector<RequestEvent> out;
  while (q.Step()) out.push_back(ReadEvent(q));
  return out;
}

}  // namespace boussole::storage::sqlite
