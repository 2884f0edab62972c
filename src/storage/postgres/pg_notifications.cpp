// The notification tables of PgStore (issue 5, item 6).
#include <algorithm>

#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {
namespace {

using notifications::Frequency;
using notifications::Notification;

constexpr const char* kNotificationColumns = "id, user_id, topic, subject, link, created_at, delivery_id";

Notification ReadNotification(const pqxx::row& r) {
  return {r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::string>(), r[3].as<std::string>(),
          r[4].as<std::string>(),  r[5].as<std::string>(),  !r[6].is_null()};
}

}  // namespace

void PgStore::AddNotifications(const std::vector<notifications::NewNotification>& notifications,
                               std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  for (const auto& n : notifications) {
    tx.exec_params("INSERT INTO notifications (user_id, topic, subject, link, created_at) VALUES ($1, $2, $3, $4, $5)",
                   n.user_id, n.topic, n.subject, n.link, std::string(now));
  }
  tx.commit();
}

Frequency PgStore::NotificationFrequency(std::int64_t user_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params("SELECT notification_frequency FROM users WHERE id = $1", user_id);
  if (rows.empty()) return Frequency::kNone;
  return notifications::ParseFrequency(rows[0][0].as<std::string>()).value_or(Frequency::kDaily);
}

void PgStore::SetNotificationFrequency(std::int64_t user_id, Frequency frequency) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("UPDATE users SET notification_frequency = $1 WHERE id = $2",
                 std::string(notifications::FrequencyName(frequency)), user_id);
  tx.commit();
}

std::vector<Notification> PgStore::RecentNotifications(std::int64_t user_id, std::size_t limit) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Notification> found;
  for (const auto& row : tx.exec_params(std::string("SELECT ") + kNotificationColumns +
                                            " FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
                                        user_id, static_cast<std::int64_t>(limit))) {
    found.push_back(ReadNotification(row));
  }
  return found;
}

std::vector<std::int64_t> PgStore::UsersToNotify(Frequency frequency, std::string_view period) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<std::int64_t> found;
  for (const auto& row : tx.exec_params(
           "SELECT u.id FROM users u WHERE u.notification_frequency = $1 AND u.confirmed_at IS NOT NULL"
           " AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.delivery_id IS NULL)"
           " AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.user_id = u.id AND d.period = $2)"
           " ORDER BY u.id",
           std::string(notifications::FrequencyName(frequency)), std::string(period))) {
    found.push_back(row[0].as<std::int64_t>());
  }
  return found;
}

std::optional<notifications::Delivery> PgStore::ClaimNotifications(std::int64_t user_id, std::string_view period,
                                                                   std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // Lock the person's row: two servers claiming different periods (two "immediate"
  // seconds) for the same person take turns, and the second finds nothing waiting.
  auto user = tx.exec_params("SELECT email FROM users WHERE id = $1 FOR UPDATE", user_id);
  if (user.empty()) return std::nullopt;
  auto inserted = tx.exec_params(
      "INSERT INTO notification_deliveries (user_id, period, claimed_at) SELECT $1, $2, $3"
      " WHERE EXISTS (SELECT 1 FROM notifications WHERE user_id = $1 AND delivery_id IS NULL)"
      " ON CONFLICT (user_id, period) DO NOTHING RETURNING id",
      user_id, std::string(period), std::string(now));
  if (inserted.empty()) return std::nullopt;
  notifications::Delivery delivery{inserted[0][0].as<std::int64_t>(), user_id, user[0][0].as<std::string>(),
                                   std::string(period), {}};
  for (const auto& row : tx.exec_params(std::string("UPDATE notifications SET delivery_id = $1 WHERE user_id = $2"
                                                    " AND delivery_id IS NULL RETURNING ") +
                                            kNotificationColumns,
                                        delivery.id, user_id)) {
    delivery.items.push_back(ReadNotification(row));
  }
  std::sort(delivery.items.begin(), delivery.items.end(),
            [](const Notification& a, const Notification& b) { return a.id < b.id; });
  tx.commit();
  return delivery;
}

void PgStore::FinishNotifications(const notifications::Delivery& delivery, bool sent, std::string_view detail,
                                  std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("UPDATE notification_deliveries SET finished_at = $1, status = $2, detail = $3 WHERE id = $4",
                 std::string(now), std::string(sent ? "sent" : "failed"), std::string(detail), delivery.id);
  if (!sent) tx.exec_params("UPDATE notifications SET delivery_id = NULL WHERE delivery_id = $1", delivery.id);
  tx.commit();
}

}  // namespace boussole::storage::postgres
