// The request tables of PgStore (issue 6).
#include <nlohmann/json.hpp>

#include "storage/postgres/pg_store.h"
#include "storage/shared_sql.h"

namespace boussole::storage::postgres {
namespace {

using requests::Request;
using requests::RequestEvent;

std::string FieldsJson(const requests::FieldValues& values) { return nlohmann::json(values).dump(); }
requests::FieldValues FieldsFrom(const std::string& text) {
  return nlohmann::json::parse(text).get<requests::FieldValues>();
}
std::optional<std::int64_t> OptionalId(const pqxx::field& f) {
  return f.is_null() ? std::nullopt : std::optional<std::int64_t>(f.as<std::int64_t>());
}

Request ReadRequest(const pqxx::row& row) {
  Request r;
  r.id = row[0].as<std::int64_t>();
  r.workflow = row[1].as<std::string>();
  r.organisation_id = row[2].as<std::int64_t>();
  r.territory = row[3].as<std::string>();
  r.departement = row[4].as<std::string>();
  r.title = row[5].as<std::string>();
  r.theme = row[6].as<std::string>();
  r.project_id = OptionalId(row[7]);
  r.state = row[8].as<std::string>();
  r.version = row[9].as<std::int64_t>();
  r.assignee_id = OptionalId(row[10]);
  r.fields = FieldsFrom(row[11].as<std::string>());
  r.created_by = OptionalId(row[12]).value_or(0);
  r.created_at = row[13].as<std::string>();
  r.updated_at = row[14].as<std::string>();
  r.state_since = row[15].as<std::string>();
  return r;
}

RequestEvent ReadEvent(const pqxx::row& row) {
  RequestEvent e;
  e.id = row[0].as<std::int64_t>();
  e.request_id = row[1].as<std::int64_t>();
  e.user_id = OptionalId(row[2]).value_or(0);
  e.user_name = row[3].as<std::string>();
  e.at = row[4].as<std::string>();
  e.kind = row[5].as<std::string>();
  e.transition = row[6].as<std::string>();
  e.from_state = row[7].as<std::string>();
  e.to_state = row[8].as<std::string>();
  e.values = FieldsFrom(row[9].as<std::string>());
  e.text = row[10].as<std::string>();
  e.file_id = OptionalId(row[11]);
  return e;
}

// Returns the id of the file the event names, if any.
std::optional<std::int64_t> InsertEvent(pqxx::work& tx, const RequestEvent& e, std::string_view now) {
  std::optional<std::int64_t> file_id = e.file_id;
  // The row of a file uploaded with the event, in the event's transaction.
  if (e.new_file) {
    const files::FileRecord& f = *e.new_file;
    file_id = tx.exec_params1(
                    "INSERT INTO files (sha256, size_bytes, content_type, original_name, uploaded_by, uploaded_at)"
                    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    f.sha256, f.size, f.content_type, f.original_name, UserOrNull(f.uploaded_by), std::string(now))[0]
                  .as<std::int64_t>();
  }
  tx.exec_params(
      "INSERT INTO request_events (request_id, user_id, at, kind, transition, from_state, to_state, fields, text,"
      " file_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      e.request_id, UserOrNull(e.user_id), std::string(now), e.kind, e.transition, e.from_state, e.to_state,
      FieldsJson(e.values), e.text, file_id);
  return file_id;
}

}  // namespace

Request PgStore::CreateRequest(const Request& request, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto rows = tx.exec_params(
      std::string("INSERT INTO requests (workflow, organisation_id, territory_id, departement_id, title, theme,"
                  " project_id, state, version, assignee_id, fields, created_by, created_at, updated_at, state_since)"
                  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11, $12, $12, $12) RETURNING ") +
          kRequestColumns,
      request.workflow, request.organisation_id, request.territory, request.departement, request.title, request.theme,
      request.project_id, request.state, request.assignee_id, FieldsJson(request.fields), UserOrNull(request.created_by),
      std::string(now));
  Request created = ReadRequest(rows[0]);
  RequestEvent event;
  event.request_id = created.id;
  event.user_id = request.created_by;
  event.kind = "created";
  event.to_state = created.state;
  event.values = created.fields;
  InsertEvent(tx, event, now);
  tx.commit();
  return created;
}

std::optional<Request> PgStore::FindRequest(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kRequestColumns + " FROM requests WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return ReadRequest(rows[0]);
}

std::vector<Request> PgStore::ListRequests() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Request> out;
  for (const auto& row : tx.exec(std::string("SELECT ") + kRequestColumns +
                                 " FROM requests ORDER BY created_at DESC, id DESC")) {
    out.push_back(ReadRequest(row));
  }
  return out;
}

Status PgStore::ApplyTransition(std::int64_t expected_version, const RequestEvent& event,
                                std::optional<std::int64_t> assignee, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // FOR UPDATE: a concurrent transition waits here, then sees the new version.
  auto rows = tx.exec_params(std::string("SELECT ") + kRequestColumns + " FROM requests WHERE id = $1 FOR UPDATE",
                             event.request_id);
  if (rows.empty()) return NotFound("Cette demande n'existe pas.");
  Request current = ReadRequest(rows[0]);
  if (current.version != expected_version || current.state != event.from_state) {
    return Error{"conflict", "version", {}};
  }
  for (const auto& [name, value] : event.values) current.fields[name] = value;
  auto updated = tx.exec_params(
      "UPDATE requests SET state = $1, version = version + 1, fields = $2, assignee_id = COALESCE($3, assignee_id),"
      " updated_at = $4, state_since = $4 WHERE id = $5 AND version = $6",
      event.to_state, FieldsJson(current.fields), assignee, std::string(now), event.request_id, expected_version);
  if (updated.affected_rows() == 0) return Error{"conflict", "version", {}};
  InsertEvent(tx, event, now);
  tx.commit();
  return Ok();
}

Status PgStore::UpdateDraft(std::int64_t expected_version, const Request& draft, const RequestEvent& event,
                            std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // FOR UPDATE: a concurrent edit or transition waits here, then sees the new version.
  auto rows = tx.exec_params("SELECT version, state FROM requests WHERE id = $1 FOR UPDATE", event.request_id);
  if (rows.empty()) return NotFound("Cette demande n'existe pas.");
  if (rows[0][0].as<std::int64_t>() != expected_version || rows[0][1].as<std::string>() != event.from_state) {
    return Error{"conflict", "version", {}};
  }
  auto updated = tx.exec_params(
      "UPDATE requests SET workflow = $1, title = $2, theme = $3, project_id = $4, fields = $5, version = version + 1,"
      " updated_at = $6 WHERE id = $7 AND version = $8 AND state = $9",
      draft.workflow, draft.title, draft.theme, draft.project_id, FieldsJson(draft.fields), std::string(now),
      event.request_id, expected_version, event.from_state);
  if (updated.affected_rows() == 0) return Error{"conflict", "version", {}};
  InsertEvent(tx, event, now);
  tx.commit();
  return Ok();
}

std::optional<std::int64_t> PgStore::AppendRequestEvent(const RequestEvent& event, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const auto file_id = InsertEvent(tx, event, now);
  tx.exec_params("UPDATE requests SET updated_at = $1 WHERE id = $2", std::string(now), event.request_id);
  tx.commit();
  return file_id;
}

std::vector<RequestEvent> PgStore::TrailOf(std::int64_t request_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<RequestEvent> out;
  for (const auto& row :
       tx.exec_params(std::string("SELECT ") + kRequestEventColumns +
                          " FROM request_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.request_id = $1"
                          " ORDER BY e.id",
                      request_id)) {
    out.push_back(ReadEvent(row));
  }
  return out;
}

}  // namespace boussole::storage::postgres
