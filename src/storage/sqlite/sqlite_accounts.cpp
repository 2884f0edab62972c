// The account tables of SqliteStore (issue 5).
#include "storage/shared_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

using accounts::Session;
using accounts::TokenPurpose;
using accounts::User;

User ReadUser(const Statement& q) {
  User user;
  user.id = q.Int(0);
  user.email = q.Text(1);
  user.display_name = q.Text(2);
  user.password_hash = q.Text(3);
  user.confirmed_at = q.Text(4);
  user.created_at = q.Text(5);
  user.platform_admin = q.Int(6) != 0;
  return user;
}

const char* PurposeKey(TokenPurpose purpose) {
  return purpose == TokenPurpose::kConfirmEmail ? "confirm_email" : "reset_password";
}

// Marks an unused, unexpired token of `purpose` used; its user id, or nullopt.
std::optional<std::int64_t> UseToken(Connection& db, std::string_view token_hash, TokenPurpose purpose,
                                     std::string_view now) {
  auto q = db.Prepare(
      "UPDATE account_tokens SET used_at = ?1 WHERE token_hash = ?2 AND purpose = ?3 AND used_at IS NULL"
      " AND expires_at >= ?1 RETURNING user_id");
  q.Bind(1, now).Bind(2, token_hash).Bind(3, PurposeKey(purpose));
  if (!q.Step()) return std::nullopt;
  const std::int64_t user_id = q.Int(0);
  while (q.Step()) {
  }
  return user_id;
}

}  // namespace

Result<User> SqliteStore::CreateUser(const accounts::NewUser& user, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare(std::string("INSERT INTO users (email, display_name, password_hash, created_at)"
                                   " VALUES (?, ?, ?, ?) ON CONFLICT(email) DO NOTHING RETURNING ") +
                       kUserColumns);
  q.Bind(1, user.email).Bind(2, user.display_name).Bind(3, user.password_hash).Bind(4, now);
  if (!q.Step()) return Error{"conflict", "Un compte existe déjà pour cette adresse électronique.", "email"};
  User created = ReadUser(q);
  while (q.Step()) {
  }
  tx.Commit();
  return created;
}

std::optional<User> SqliteStore::FindUserByEmail(std::string_view email) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE email = ?");
  q.Bind(1, email);
  if (!q.Step()) return std::nullopt;
  return ReadUser(q);
}

std::optional<User> SqliteStore::FindUserById(std::int64_t id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadUser(q);
}

void SqliteStore::CreateSession(const Session& session) {
  auto db = pool_.Acquire();
  db->Prepare("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
      .Bind(1, session.id_hash)
      .Bind(2, session.user_id)
      .Bind(3, session.csrf_token)
      .Bind(4, session.created_at)
      .Bind(5, session.expires_at)
      .Run();
}

std::optional<Session> SqliteStore::FindSession(std::string_view id_hash, std::string_view now) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = ? AND expires_at > ?");
  q.Bind(1, id_hash).Bind(2, now);
  if (!q.Step()) return std::nullopt;
  return Session{q.Text(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4)};
}

void SqliteStore::DeleteSession(std::string_view id_hash) {
  auto db = pool_.Acquire();
  db->Prepare("DELETE FROM sessions WHERE id_hash = ?").Bind(1, id_hash).Run();
}

void SqliteStore::StoreToken(std::string_view token_hash, std::int64_t user_id, TokenPurpose purpose,
                             std::string_view now, std::string_view expires_at) {
  auto db = pool_.Acquire();
  db->Prepare("INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
      .Bind(1, token_hash)
      .Bind(2, user_id)
      .Bind(3, PurposeKey(purpose))
      .Bind(4, now)
      .Bind(5, expires_at)
      .Run();
}

std::optional<std::int64_t> SqliteStore::ConfirmEmailWithToken(std::string_view token_hash, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  const auto user_id = UseToken(*db, token_hash, TokenPurpose::kConfirmEmail, now);
  if (!user_id) return std::nullopt;
  db->Prepare("UPDATE users SET confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?").Bind(1, now).Bind(2, *user_id).Run();
  tx.Commit();
  return user_id;
}

void SqliteStore::SetPlatformAdmin(std::int64_t user_id, bool admin, std::string_view now) {
  auto db = pool_.Acquire();
  if (admin) {
    db->Prepare("UPDATE users SET platform_admin = 1, confirmed_at = COALESCE(confirmed_at, ?1) WHERE id = ?2")
        .Bind(1, now)
        .Bind(2, user_id)
        .Run();
  } else {
    db->Prepare("UPDATE users SET platform_admin = 0 WHERE id = ?1").Bind(1, user_id).Run();
  }
}

std::optional<std::int64_t> SqliteStore::ResetPasswordWithToken(std::string_view token_hash,
                                                                std::string_view password_hash, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  const auto user_id = UseToken(*db, token_hash, TokenPurpose::kResetPassword, now);
  if (!user_id) return std::nullopt;
  // The link came by e-mail: following it proves the address too.
  db->Prepare("UPDATE users SET password_hash = ?, confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?")
      .Bind(1, password_hash)
      .Bind(2, now)
      .Bind(3, *user_id)
      .Run();
  db->Prepare("DELETE FROM sessions WHERE user_id = ?").Bind(1, *user_id).Run();
  db->Prepare("UPDATE account_tokens SET used_at = ? WHERE user_id = ? AND purpose = 'reset_password' AND used_at IS NULL")
      .Bind(1, now)
      .Bind(2, *user_id)
      .Run();
  tx.Commit();
  return user_id;
}

void SqliteStore::RecordFailedLogin(std::string_view key, std::string_view now) {
  auto db = pool_.Acquire();
  db->Prepare("INSERT INTO failed_logins (key, attempted_at) VALUES (?, ?)").Bind(1, key).Bind(2, now).Run();
}

std::size_t SqliteStore::CountFailedLogins(std::string_view key, std::string_view since) {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT COUNT(*) FROM failed_logins WHERE key = ? AND attempted_at >= ?");
  q.Bind(1, key).Bind(2, since);
  return q.Step() ? static_cast<std::size_t>(q.Int(0)) : 0;
}

void SqliteStore::ClearFailedLogins(std::string_view key) {
  auto db = pool_.Acquire();
  db->Prepare("DELETE FROM failed_logins WHERE key = ?").Bind(1, key).Run();
}

std::size_t SqliteStore::PurgeExpiredAccountData(std::string_view now, std::string_view failures_before) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  std::size_t purged = 0;
  for (const char* sql : {"DELETE FROM sessions WHERE expires_at <= ?", "DELETE FROM account_tokens WHERE expires_at < ?"}) {
    db->Prepare(sql).Bind(1, now).Run();
    purged += static_cast<std::size_t>(sqlite3_changes(db->handle()));
  }
  db->Prepare("DELETE FROM failed_logins WHERE attempted_at < ?").Bind(1, failures_before).Run();
  purged += static_cast<std::size_t>(sqlite3_changes(db->handle()));
  tx.Commit();
  return purged;
}

std::string SqliteStore::SwapMySpaceVisit(std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare("SELECT my_space_seen_at FROM users WHERE id = ?");
  q.Bind(1, user_id);
  const std::string previous = q.Step() ? q.Text(0) : "";
  q.Reset();
  db->Prepare("UPDATE users SET my_space_seen_at = ? WHERE id = ?").Bind(1, now).Bind(2, user_id).Run();
  tx.Commit();
  return previous;
}

}  // namespace boussole::storage::sqlite
