// The uploaded files' metadata of PgStore (issue 6, item 5).
#include "storage/postgres/pg_store.h"
#include "storage/shared_sql.h"

namespace boussole::storage::postgres {
namespace {

files::FileRecord ReadFile(const pqxx::row& r) {
  files::FileRecord f;
  f.id = r[0].as<std::int64_t>();
  f.sha256 = r[1].as<std::string>();
  f.size = r[2].as<std::int64_t>();
  f.content_type = r[3].as<std::string>();
  f.original_name = r[4].as<std::string>();
  f.uploaded_by = r[5].is_null() ? 0 : r[5].as<std::int64_t>();
  f.uploaded_at = r[6].as<std::string>();
  return f;
}

// 0 means "nobody" (a command): stored as NULL.
}  // namespace

files::FileRecord PgStore::AddFile(const files::FileRecord& file, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto rows = tx.exec_params(std::string("INSERT INTO files (sha256, size_bytes, content_type, original_name,"
                                         " uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ") +
                                 kFileColumns,
                             file.sha256, file.size, file.content_type, file.original_name, UserOrNull(file.uploaded_by),
                             std::string(now));
  files::FileRecord stored = ReadFile(rows[0]);
  tx.commit();
  return stored;
}

std::optional<files::FileRecord> PgStore::FindFile(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kFileColumns + " FROM files WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return ReadFile(rows[0]);
}

}  // namespace boussole::storage::postgres
