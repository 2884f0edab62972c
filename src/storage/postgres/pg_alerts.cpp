// The alert tables of PgStore (issue 5, item 6).
#include "storage/postgres/pg_fields.h"
#include "storage/postgres/pg_store.h"
#include "storage/shared_sql.h"

namespace boussole::storage::postgres {
namespace {

using alerts::Alert;

Alert ReadAlert(const pqxx::row& row) {
  Alert alert;
  alert.id = row[0].as<std::int64_t>();
  alert.email = row[1].as<std::string>();
  if (!row[2].is_null()) alert.user_id = row[2].as<std::int64_t>();
  alert.query = row[3].as<std::string>();
  alert.frequency = row[4].as<std::string>();
  alert.created_at = row[5].as<std::string>();
  alert.confirmed_at = TextOrEmpty(row[6]);
  alert.unsubscribed_at = TextOrEmpty(row[7]);
  alert.last_digest_at = row[8].as<std::string>();
  alert.target = row[9].as<std::string>();
  return alert;
}

std::optional<Alert> FirstAlert(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return ReadAlert(rows[0]);
}

}  // namespace

Alert PgStore::CreateAlert(const alerts::NewAlert& alert, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto rows = tx.exec_params(std::string("INSERT INTO alerts (email, user_id, query, frequency, confirm_token_hash,"
                                         " unsubscribe_token_hash, created_at, last_digest_at, target)"
                                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING ") +
                                 kAlertColumns,
                             alert.email, alert.user_id, alert.query, alert.frequency, alert.confirm_token_hash,
                             alert.unsubscribe_token_hash, std::string(now), alert.target);
  Alert created = ReadAlert(rows[0]);
  tx.commit();
  return created;
}

std::optional<Alert> PgStore::FindAlert(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  return FirstAlert(tx.exec_params(std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE id = $1", id));
}

std::optional<Alert> PgStore::ConfirmAlert(std::string_view confirm_token_hash, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto alert = FirstAlert(tx.exec_params(std::string("UPDATE alerts SET confirmed_at = $1, last_digest_at = $1,"
                                                     " confirm_token_hash = NULL WHERE confirm_token_hash = $2"
                                                     " AND unsubscribed_at IS NULL RETURNING ") +
                                             kAlertColumns,
                                         std::string(now), std::string(confirm_token_hash)));
  tx.commit();
  return alert;
}

std::optional<Alert> PgStore::UnsubscribeAlert(std::string_view unsubscribe_token_hash, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto alert = FirstAlert(tx.exec_params(std::string("UPDATE alerts SET unsubscribed_at = $1 WHERE unsubscribed_at IS NULL"
                                                     " AND (unsubscribe_token_hash = $2 OR id = (SELECT alert_id"
                                                     " FROM alert_deliveries WHERE unsubscribe_token_hash = $2))"
                                                     " RETURNING ") +
                                             kAlertColumns,
                                         std::string(now), std::string(unsubscribe_token_hash)));
  tx.commit();
  return alert;
}

std::vector<Alert> PgStore::AlertsWithoutDelivery(std::string_view frequency, std::string_view period) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kAlertColumns +
                                 " FROM alerts a WHERE frequency = $1 AND confirmed_at IS NOT NULL"
                                 " AND unsubscribed_at IS NULL AND NOT EXISTS (SELECT 1 FROM alert_deliveries d"
                                 " WHERE d.alert_id = a.id AND d.period = $2) ORDER BY id",
                             std::string(frequency), std::string(period));
  std::vector<Alert> found;
  for (const auto& row : rows) found.push_back(ReadAlert(row));
  return found;
}

std::optional<alerts::DeliveryClaim> PgStore::ClaimDelivery(std::int64_t alert_id, std::string_view period,
                                                           std::string_view unsubscribe_token_hash,
                                                           std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // Lock the alert first: its mark cannot move (FinishDelivery of another period) between
  // our read and our claim. The primary key of alert_deliveries makes a second claim of
  // the period insert nothing.
  auto alert = FirstAlert(tx.exec_params(std::string("SELECT ") + kAlertColumns +
                                             " FROM alerts WHERE id = $1 AND confirmed_at IS NOT NULL"
                                             " AND unsubscribed_at IS NULL FOR UPDATE",
                                         alert_id));
  if (!alert) return std::nullopt;
  auto inserted = tx.exec_params(
      "INSERT INTO alert_deliveries (alert_id, period, claimed_at, unsubscribe_token_hash) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT (alert_id, period) DO NOTHING RETURNING alert_id",
      alert_id, std::string(period), std::string(now), std::string(unsubscribe_token_hash));
  if (inserted.empty()) return std::nullopt;
  tx.commit();
  return alerts::DeliveryClaim{*alert, std::string(period)};
}

void PgStore::FinishDelivery(const alerts::DeliveryClaim& claim, alerts::DeliveryOutcome outcome,
                             std::string_view mark, const std::vector<std::string>& offer_slugs,
                             std::string_view detail, std::string_view now) {
  std::string slugs;
  for (const auto& slug : offer_slugs) slugs += (slugs.empty() ? "" : " ") + slug;
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params(
      "UPDATE alert_deliveries SET finished_at = $1, status = $2, offer_slugs = $3, detail = $4"
      " WHERE alert_id = $5 AND period = $6",
      std::string(now), DeliveryStatus(outcome), slugs, std::string(detail), claim.alert.id, claim.period);
  if (outcome != alerts::DeliveryOutcome::kFailed) {
    // Never backwards: a slow server finishing an older period keeps a newer mark.
    tx.exec_params("UPDATE alerts SET last_digest_at = $1 WHERE id = $2 AND last_digest_at COLLATE \"C\" < $1",
                   std::string(mark), claim.alert.id);
  }
  tx.commit();
}

std::optional<Alert> PgStore::EndAlert(std::int64_t id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto alert = FirstAlert(tx.exec_params(std::string("UPDATE alerts SET unsubscribed_at = $1 WHERE id = $2"
                                                     " AND unsubscribed_at IS NULL RETURNING ") +
                                             kAlertColumns,
                                         std::string(now), id));
  tx.commit();
  return alert;
}

std::vector<Alert> PgStore::AlertsOf(std::int64_t user_id, std::string_view email) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Alert> found;
  for (const auto& row : tx.exec_params(std::string("SELECT ") + kAlertColumns +
                                            " FROM alerts WHERE user_id = $1 OR email = $2"
                                            " ORDER BY created_at DESC, id DESC",
                                        user_id, std::string(email))) {
    found.push_back(ReadAlert(row));
  }
  return found;
}

std::size_t PgStore::UnconfirmedAlertsSince(std::string_view email, std::string_view since) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  return tx
      .exec_params1("SELECT COUNT(*) FROM alerts WHERE email = $1 AND confirmed_at IS NULL AND created_at >= $2",
                    std::string(email), std::string(since))[0]
      .as<std::size_t>();
}

std::size_t PgStore::PurgeUnconfirmedAlerts(std::string_view before) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const auto deleted =
      tx.exec_params("DELETE FROM alerts WHERE confirmed_at IS NULL AND created_at < $1", std::string(before))
          .affected_rows();
  tx.commit();
  return static_cast<std::size_t>(deleted);
}

std::vector<alerts::ChangedItem> PgStore::CaseSheetsChangedSince(std::string_view since) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(
      "SELECT id::text, name FROM projects WHERE published_at IS NOT NULL AND is_public = 1"
      " AND (published_at >= $1 OR updated_at >= $1) ORDER BY name COLLATE \"C\", id",
      std::string(since));
  std::vector<alerts::ChangedItem> found;
  for (const auto& row : rows) found.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  return found;
}

std::vector<alerts::ChangedItem> PgStore::OffersChangedSince(std::string_view since) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  // >=: timestamps have whole seconds; an offer changed in the second of the last digest
  // may be listed twice rather than never.
  auto rows = tx.exec_params(
      "SELECT slug, name FROM offers WHERE status = 'published' AND closed_at IS NULL"
      " AND (published_at >= $1 OR updated_at >= $1) ORDER BY name COLLATE \"C\", slug COLLATE \"C\"",
      std::string(since));
  std::vector<alerts::ChangedItem> found;
  for (const auto& row : rows) found.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  return found;
}

}  // namespace boussole::storage::postgres
