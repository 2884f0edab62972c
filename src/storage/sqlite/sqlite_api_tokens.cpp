// The API tokens of SqliteStore.
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

using accounts::ApiToken;

constexpr const char* kTokenColumns =
    "id, user_id, name, token_hash, created_at, expires_at, last_used_at, revoked_at";

ApiToken ReadToken(const Statement& q) {
  return ApiToken{q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7)};
}

}  // namespace

ApiToken SqliteStore::CreateApiToken(const ApiToken& token) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at)"
                                   " VALUES (?, ?, ?, ?, ?) RETURNING ") +
                       kTokenColumns);
  q.Bind(1, token.user_id).Bind(2, token.name).Bind(3, token.token_hash).Bind(4, token.created_at).Bind(5, token.expires_at);
  q.Step();
  ApiToken created = ReadToken(q);
  while (q.Step()) {
  }
  return created;
}

std::vector<ApiToken> SqliteStore::ListApiTokens(std::int64_t user_id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE user_id = ? ORDER BY id DESC");
  q.Bind(1, user_id);
  std::vector<ApiToken> tokens;
  while (q.Step()) tokens.push_back(ReadToken(q));
  return tokens;
}

std::optional<ApiToken> SqliteStore::UseApiToken(std::string_view token_hash, std::string_view now,
                                                 std::string_view used_before) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare("UPDATE api_tokens SET last_used_at = ?1 WHERE token_hash = ?2 AND revoked_at IS NULL"
              " AND expires_at > ?1 AND (last_used_at IS NULL OR last_used_at < ?3)")
      .Bind(1, now)
      .Bind(2, token_hash)
      .Bind(3, used_before)
      .Run();
  auto q = db->Prepare(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE token_hash = ?");
  q.Bind(1, token_hash);
  std::optional<ApiToken> found;
  if (q.Step()) found = ReadToken(q);
  q.Reset();
  tx.Commit();
  return found;
}

bool SqliteStore::RevokeApiToken(std::int64_t user_id, std::int64_t id, std::string_view now) {
  auto db = pool_.Acquire();
  db->Prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
      .Bind(1, now)
      .Bind(2, id)
      .Bind(3, user_id)
      .Run();
  return sqlite3_changes(db->handle()) > 0;
}

}  // namespace boussole::storage::sqlite
