// The uploaded files' metadata of SqliteStore (issue 6, item 5).
#include "storage/shared_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

files::FileRecord ReadFile(const Statement& q) {
  files::FileRecord f;
  f.id = q.Int(0);
  f.sha256 = q.Text(1);
  f.size = q.Int(2);
  f.content_type = q.Text(3);
  f.original_name = q.Text(4);
  f.uploaded_by = q.OptionalInt(5).value_or(0);
  f.uploaded_at = q.Text(6);
  return f;
}

}  // namespace

files::FileRecord SqliteStore::AddFile(const files::FileRecord& file, std::string_view now) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("INSERT INTO files (sha256, size_bytes, content_type, original_name, uploaded_by,"
                                   " uploaded_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ") +
                       kFileColumns);
  q.Bind(1, file.sha256)
      .Bind(2, file.size)
      .Bind(3, file.content_type)
      .Bind(4, file.original_name)
      .Bind(5, file.uploaded_by == 0 ? std::nullopt : std::optional<std::int64_t>(file.uploaded_by))
      .Bind(6, now);
  q.Step();
  files::FileRecord stored = ReadFile(q);
  while (q.Step()) {
  }
  return stored;
}

std::optional<files::FileRecord> SqliteStore::FindFile(std::int64_t id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kFileColumns + " FROM files WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadFile(q);
}

}  // namespace boussole::storage::sqlite
