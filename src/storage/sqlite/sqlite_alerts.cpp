// The alert tables of SqliteStore (issue 5, item 6).
#include "storage/shared_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

using alerts::Alert;

Alert ReadAlert(const Statement& q) {
  Alert alert;
  alert.id = q.Int(0);
  alert.email = q.Text(1);
  alert.user_id = q.OptionalInt(2);
  alert.query = q.Text(3);
  alert.frequency = q.Text(4);
  alert.created_at = q.Text(5);
  alert.confirmed_at = q.Text(6);
  alert.unsubscribed_at = q.Text(7);
  alert.last_digest_at = q.Text(8);
  alert.target = q.Text(9);
  return alert;
}

// Runs an UPDATE … RETURNING the alert columns; the alert, or nullopt when no row matched.
std::optional<Alert> UpdateReturning(Statement& q) {
  if (!q.Step()) return std::nullopt;
  Alert alert = ReadAlert(q);
  while (q.Step()) {
  }
  return alert;
}

}  // namespace

Alert SqliteStore::CreateAlert(const alerts::NewAlert& alert, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare(std::string("INSERT INTO alerts (email, user_id, query, frequency, confirm_token_hash,"
                                   " unsubscribe_token_hash, created_at, last_digest_at, target)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8) RETURNING ") +
                       kAlertColumns);
  q.Bind(1, alert.email).Bind(2, alert.user_id).Bind(3, alert.query).Bind(4, alert.frequency);
  q.Bind(5, alert.confirm_token_hash).Bind(6, alert.unsubscribe_token_hash).Bind(7, now).Bind(8, alert.target);
  auto created = UpdateReturning(q);
  if (!created) throw DbError("INSERT INTO alerts returned no row");
  tx.Commit();
  return *created;
}

std::optional<Alert> SqliteStore::FindAlert(std::int64_t id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadAlert(q);
}

std::optional<Alert> SqliteStore::ConfirmAlert(std::string_view confirm_token_hash, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare(std::string("UPDATE alerts SET confirmed_at = ?1, last_digest_at = ?1,"
                                   " confirm_token_hash = NULL WHERE confirm_token_hash = ?2"
                                   " AND unsubscribed_at IS NULL RETURNING ") +
                       kAlertColumns);
  q.Bind(1, now).Bind(2, confirm_token_hash);
  auto alert = UpdateReturning(q);
  tx.Commit();
  return alert;
}

std::optional<Alert> SqliteStore::UnsubscribeAlert(std::string_view unsubscribe_token_hash, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare(std::string("UPDATE alerts SET unsubscribed_at = ?1 WHERE unsubscribed_at IS NULL"
                                   " AND (unsubscribe_token_hash = ?2 OR id = (SELECT alert_id"
                                   " FROM alert_deliveries WHERE unsubscribe_token_hash = ?2)) RETURNING ") +
                       kAlertColumns);
  q.Bind(1, now).Bind(2, unsubscribe_token_hash);
  auto alert = UpdateReturning(q);
  tx.Commit();
  return alert;
}

std::vector<Alert> SqliteStore::AlertsWithoutDelivery(std::string_view frequency, std::string_view period) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kAlertColumns +
                       " FROM alerts a WHERE frequency = ?1 AND confirmed_at IS NOT NULL"
                       " AND unsubscribed_at IS NULL AND NOT EXISTS (SELECT 1 FROM alert_deliveries d"
                       " WHERE d.alert_id = a.id AND d.period = ?2) ORDER BY id");
  q.Bind(1, frequency).Bind(2, period);
  std::vector<Alert> found;
  while (q.Step()) found.push_back(ReadAlert(q));
  return found;
}

std::optional<alerts::DeliveryClaim> SqliteStore::ClaimDelivery(std::int64_t alert_id, std::string_view period,
                                                               std::string_view unsubscribe_token_hash,
                                                               std::string_view now) {
  auto db = pool_.Acquire();
  // BEGIN IMMEDIATE: servers sharing the file claim in turn; the mark read below is the
  // one no other claim can move before we finish.
  Transaction tx(*db);
  auto insert = db->Prepare(
      "INSERT INTO alert_deliveries (alert_id, period, claimed_at, unsubscribe_token_hash)"
      " SELECT id, ?2, ?3, ?4 FROM alerts WHERE id = ?1 AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL"
      " ON CONFLICT (alert_id, period) DO NOTHING");
  insert.Bind(1, alert_id).Bind(2, period).Bind(3, now).Bind(4, unsubscribe_token_hash).Run();
  if (sqlite3_changes(db->handle()) == 0) return std::nullopt;
  auto q = db->Prepare(std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE id = ?");
  q.Bind(1, alert_id);
  if (!q.Step()) return std::nullopt;
  alerts::DeliveryClaim claim{ReadAlert(q), std::string(period)};
  q.Reset();
  tx.Commit();
  return claim;
}

void SqliteStore::FinishDelivery(const alerts::DeliveryClaim& claim, alerts::DeliveryOutcome outcome,
                                 std::string_view mark, const std::vector<std::string>& offer_slugs,
                                 std::string_view detail, std::string_view now) {
  std::string slugs;
  for (const auto& slug : offer_slugs) slugs += (slugs.empty() ? "" : " ") + slug;
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare("UPDATE alert_deliveries SET finished_at = ?1, status = ?2, offer_slugs = ?3, detail = ?4"
              " WHERE alert_id = ?5 AND period = ?6")
      .Bind(1, now)
      .Bind(2, DeliveryStatus(outcome))
      .Bind(3, slugs)
      .Bind(4, detail)
      .Bind(5, claim.alert.id)
      .Bind(6, claim.period)
      .Run();
  if (outcome != alerts::DeliveryOutcome::kFailed) {
    // Never backwards: a slow server finishing an older period keeps a newer mark.
    db->Prepare("UPDATE alerts SET last_digest_at = ?1 WHERE id = ?2 AND last_digest_at < ?1")
        .Bind(1, mark)
        .Bind(2, claim.alert.id)
        .Run();
  }
  tx.Commit();
}

std::optional<Alert> SqliteStore::EndAlert(std::int64_t id, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare(std::string("UPDATE alerts SET unsubscribed_at = ?1 WHERE id = ?2 AND unsubscribed_at IS NULL"
                                   " RETURNING ") +
                       kAlertColumns);
  q.Bind(1, now).Bind(2, id);
  auto alert = UpdateReturning(q);
  tx.Commit();
  return alert;
}

std::vector<Alert> SqliteStore::AlertsOf(std::int64_t user_id, std::string_view email) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kAlertColumns +
                       " FROM alerts WHERE user_id = ?1 OR email = ?2 ORDER BY created_at DESC, id DESC");
  q.Bind(1, user_id).Bind(2, email);
  std::vector<Alert> found;
  while (q.Step()) found.push_back(ReadAlert(q));
  return found;
}

std::size_t SqliteStore::UnconfirmedAlertsSince(std::string_view email, std::string_view since) {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT COUNT(*) FROM alerts WHERE email = ?1 AND confirmed_at IS NULL AND created_at >= ?2");
  q.Bind(1, email).Bind(2, since);
  q.Step();
  return static_cast<std::size_t>(q.Int(0));
}

std::size_t SqliteStore::PurgeUnconfirmedAlerts(std::string_view before) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare("DELETE FROM alerts WHERE confirmed_at IS NULL AND created_at < ?1").Bind(1, before).Run();
  const auto deleted = static_cast<std::size_t>(sqlite3_changes(db->handle()));
  tx.Commit();
  return deleted;
}

std::vector<alerts::ChangedItem> SqliteStore::CaseSheetsChangedSince(std::string_view since) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "SELECT CAST(id AS TEXT), name FROM projects WHERE published_at IS NOT NULL AND is_public = 1"
      " AND (published_at >= ?1 OR updated_at >= ?1) ORDER BY name, id");
  q.Bind(1, since);
  std::vector<alerts::ChangedItem> found;
  while (q.Step()) found.push_back({q.Text(0), q.Text(1)});
  return found;
}

std::vector<alerts::ChangedItem> SqliteStore::OffersChangedSince(std::string_view since) {
  auto db = pool_.Acquire();
  // >=: timestamps have whole seconds; an offer changed in the second of the last digest
  // may be listed twice rather than never.
  auto q = db->Prepare(
      "SELECT slug, name FROM offers WHERE status = 'published' AND closed_at IS NULL"
      " AND (published_at >= ?1 OR updated_at >= ?1) ORDER BY name, slug");
  q.Bind(1, since);
  std::vector<alerts::ChangedItem> found;
  while (q.Step()) found.push_back({q.Text(0), q.Text(1)});
  return found;
}

}  // namespace boussole::storage::sqlite
