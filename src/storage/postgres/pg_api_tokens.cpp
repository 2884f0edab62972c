// The API tokens of PgStore.
#include "storage/postgres/pg_fields.h"
#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {
namespace {

using accounts::ApiToken;

constexpr const char* kTokenColumns =
    "id, user_id, name, token_hash, created_at, expires_at, last_used_at, revoked_at";

ApiToken ReadToken(const pqxx::row& row) {
  return ApiToken{row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].as<std::string>(),
                  row[3].as<std::string>(),  row[4].as<std::string>(),  row[5].as<std::string>(),
                  TextOrEmpty(row[6]),       TextOrEmpty(row[7])};
}

}  // namespace

ApiToken PgStore::CreateApiToken(const ApiToken& token) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto rows = tx.exec_params(std::string("INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at)"
                                         " VALUES ($1, $2, $3, $4, $5) RETURNING ") +
                                 kTokenColumns,
                             token.user_id, token.name, token.token_hash, token.created_at, token.expires_at);
  ApiToken created = ReadToken(rows[0]);
  tx.commit();
  return created;
}

std::vector<ApiToken> PgStore::ListApiTokens(std::int64_t user_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<ApiToken> tokens;
  for (const auto& row :
       tx.exec_params(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE user_id = $1 ORDER BY id DESC", user_id)) {
    tokens.push_back(ReadToken(row));
  }
  return tokens;
}

std::optional<ApiToken> PgStore::UseApiToken(std::string_view token_hash, std::string_view now,
                                             std::string_view used_before) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL"
                 " AND expires_at > $1 AND (last_used_at IS NULL OR last_used_at < $3)",
                 std::string(now), std::string(token_hash), std::string(used_before));
  auto rows = tx.exec_params(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE token_hash = $1",
                             std::string(token_hash));
  std::optional<ApiToken> found;
  if (!rows.empty()) found = ReadToken(rows[0]);
  tx.commit();
  return found;
}

bool PgStore::RevokeApiToken(std::int64_t user_id, std::int64_t id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto result = tx.exec_params("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
                               std::string(now), id, user_id);
  tx.commit();
  return result.affected_rows() > 0;
}

}  // namespace boussole::storage::postgres
