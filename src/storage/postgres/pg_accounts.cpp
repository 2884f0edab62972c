// The account tables of PgStore (issue 5).
#include "storage/shared_sql.h"
#include "storage/postgres/pg_fields.h"
#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {
namespace {

using accounts::Session;
using accounts::TokenPurpose;
using accounts::User;

User ReadUser(const pqxx::row& row) {
  User user;
  user.id = row[0].as<std::int64_t>();
  user.email = row[1].as<std::string>();
  user.display_name = row[2].as<std::string>();
  user.password_hash = row[3].as<std::string>();
  user.confirmed_at = TextOrEmpty(row[4]);
  user.created_at = row[5].as<std::string>();
  user.platform_admin = row[6].as<int>() != 0;
  return user;
}

const char* PurposeKey(TokenPurpose purpose) {
  return purpose == TokenPurpose::kConfirmEmail ? "confirm_email" : "reset_password";
}

// Marks an unused, unexpired token of `purpose` used; its user id, or nullopt. The UPDATE
// locks the row: two concurrent uses of one link cannot both succeed.
std::optional<std::int64_t> UseToken(pqxx::work& tx, std::string_view token_hash, TokenPurpose purpose,
                                     std::string_view now) {
  auto rows = tx.exec_params(
      "UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL"
      " AND expires_at >= $1 RETURNING user_id",
      std::string(now), std::string(token_hash), PurposeKey(purpose));
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::int64_t>();
}

}  // namespace

Result<User> PgStore::CreateUser(const accounts::NewUser& user, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto rows = tx.exec_params(std::string("INSERT INTO users (email, display_name, password_hash, created_at)"
                                         " VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING ") +
                                 kUserColumns,
                             user.email, user.display_name, user.password_hash, std::string(now));
  if (rows.empty()) return Error{"conflict", "Un compte existe déjà pour cette adresse électronique.", "email"};
  User created = ReadUser(rows[0]);
  tx.commit();
  return created;
}

std::optional<User> PgStore::FindUserByEmail(std::string_view email) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kUserColumns + " FROM users WHERE email = $1", std::string(email));
  if (rows.empty()) return std::nullopt;
  return ReadUser(rows[0]);
}

std::optional<User> PgStore::FindUserById(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return ReadUser(rows[0]);
}

void PgStore::CreateSession(const Session& session) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                 session.id_hash, session.user_id, session.csrf_token, session.created_at, session.expires_at);
  tx.commit();
}

std::optional<Session> PgStore::FindSession(std::string_view id_hash, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(
      "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2",
      std::string(id_hash), std::string(now));
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return Session{r[0].as<std::string>(), r[1].as<std::int64_t>(), r[2].as<std::string>(), r[3].as<std::string>(),
                 r[4].as<std::string>()};
}

void PgStore::DeleteSession(std::string_view id_hash) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("DELETE FROM sessions WHERE id_hash = $1", std::string(id_hash));
  tx.commit();
}

void PgStore::StoreToken(std::string_view token_hash, std::int64_t user_id, TokenPurpose purpose, std::string_view now,
                         std::string_view expires_at) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                 std::string(token_hash), user_id, PurposeKey(purpose), std::string(now), std::string(expires_at));
  tx.commit();
}

std::optional<std::int64_t> PgStore::ConfirmEmailWithToken(std::string_view token_hash, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const auto user_id = UseToken(tx, token_hash, TokenPurpose::kConfirmEmail, now);
  if (!user_id) return std::nullopt;
  tx.exec_params("UPDATE users SET confirmed_at = COALESCE(confirmed_at, $1) WHERE id = $2", std::string(now), *user_id);
  tx.commit();
  return user_id;
}

void PgStore::SetPlatformAdmin(std::int64_t user_id, bool admin, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (admin) {
    tx.exec_params("UPDATE users SET platform_admin = 1, confirmed_at = COALESCE(confirmed_at, $1) WHERE id = $2",
                   std::string(now), user_id);
  } else {
    tx.exec_params("UPDATE users SET platform_admin = 0 WHERE id = $1", user_id);
  }
  tx.commit();
}

std::optional<std::int64_t> PgStore::ResetPasswordWithToken(std::string_view token_hash, std::string_view password_hash,
                                                            std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const auto user_id = UseToken(tx, token_hash, TokenPurpose::kResetPassword, now);
  if (!user_id) return std::nullopt;
  // The link came by e-mail: following it proves the address too.
  tx.exec_params("UPDATE users SET password_hash = $1, confirmed_at = COALESCE(confirmed_at, $2) WHERE id = $3",
                 std::string(password_hash), std::string(now), *user_id);
  tx.exec_params("DELETE FROM sessions WHERE user_id = $1", *user_id);
  tx.exec_params(
      "UPDATE account_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = 'reset_password' AND used_at IS NULL",
      std::string(now), *user_id);
  tx.commit();
  return user_id;
}

void PgStore::RecordFailedLogin(std::string_view key, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("INSERT INTO failed_logins (key, attempted_at) VALUES ($1, $2)", std::string(key), std::string(now));
  tx.commit();
}

std::size_t PgStore::CountFailedLogins(std::string_view key, std::string_view since) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  return tx.exec_params("SELECT COUNT(*) FROM failed_logins WHERE key = $1 AND attempted_at >= $2", std::string(key), std::string(since))[0][0]
      .as<std::size_t>();
}

void PgStore::ClearFailedLogins(std::string_view key) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("DELETE FROM failed_logins WHERE key = $1", std::string(key));
  tx.commit();
}

std::size_t PgStore::PurgeExpiredAccountData(std::string_view now, std::string_view failures_before) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  std::size_t purged = 0;
  purged += tx.exec_params("DELETE FROM sessions WHERE expires_at <= $1", std::string(now)).affected_rows();
  purged += tx.exec_params("DELETE FROM account_tokens WHERE expires_at < $1", std::string(now)).affected_rows();
  purged += tx.exec_params("DELETE FROM failed_logins WHERE attempted_at < $1", std::string(failures_before)).affected_rows();
  tx.commit();
  return purged;
}

std::string PgStore::SwapMySpaceVisit(std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // The old value, read in the UPDATE itself: two tabs opened at once each get a visit.
  auto rows = tx.exec_params(
      "UPDATE users u SET my_space_seen_at = $1 FROM (SELECT id, my_space_seen_at FROM users WHERE id = $2 FOR UPDATE) old"
      " WHERE u.id = old.id RETURNING old.my_space_seen_at",
      std::string(now), user_id);
  tx.commit();
  return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].as<std::string>();
}

}  // namespace boussole::storage::postgres
