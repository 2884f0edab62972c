// The notification tables of SqliteStore (issue 5, item 6).
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

using notifications::Frequency;
using notifications::Notification;

constexpr const char* kNotificationColumns = "id, user_id, topic, subject, link, created_at, delivery_id";

Notification ReadNotification(const Statement& q) {
  return {q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.OptionalInt(6).has_value()};
}

}  // namespace

void SqliteStore::AddNotifications(const std::vector<notifications::NewNotification>& notifications,
                                   std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  for (const auto& n : notifications) {
    db->Prepare("INSERT INTO notifications (user_id, topic, subject, link, created_at) VALUES (?, ?, ?, ?, ?)")
        .Bind(1, n.user_id)
        .Bind(2, n.topic)
        .Bind(3, n.subject)
        .Bind(4, n.link)
        .Bind(5, now)
        .Run();
  }
  tx.Commit();
}

Frequency SqliteStore::NotificationFrequency(std::int64_t user_id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare("SELECT notification_frequency FROM users WHERE id = ?");
  q.Bind(1, user_id);
  if (!q.Step()) return Frequency::kNone;
  return notifications::ParseFrequency(q.Text(0)).value_or(Frequency::kDaily);
}

void SqliteStore::SetNotificationFrequency(std::int64_t user_id, Frequency frequency) {
  auto db = pool_.Acquire();
  db->Prepare("UPDATE users SET notification_frequency = ? WHERE id = ?")
      .Bind(1, notifications::FrequencyName(frequency))
      .Bind(2, user_id)
      .Run();
}

std::vector<Notification> SqliteStore::RecentNotifications(std::int64_t user_id, std::size_t limit) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(std::string("SELECT ") + kNotificationColumns +
                       " FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?");
  q.Bind(1, user_id).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<Notification> found;
  while (q.Step()) found.push_back(ReadNotification(q));
  return found;
}

std::vector<std::int64_t> SqliteStore::UsersToNotify(Frequency frequency, std::string_view period) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "SELECT u.id FROM users u WHERE u.notification_frequency = ?1 AND u.confirmed_at IS NOT NULL"
      " AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.delivery_id IS NULL)"
      " AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.user_id = u.id AND d.period = ?2)"
      " ORDER BY u.id");
  q.Bind(1, notifications::FrequencyName(frequency)).Bind(2, period);
  std::vector<std::int64_t> found;
  while (q.Step()) found.push_back(q.Int(0));
  return found;
}

std::optional<notifications::Delivery> SqliteStore::ClaimNotifications(std::int64_t user_id, std::string_view period,
                                                                       std::string_view now) {
  auto db = pool_.Acquire();
  // BEGIN IMMEDIATE: servers sharing the file claim in turn.
  Transaction tx(*db);
  auto insert = db->Prepare(
      "INSERT INTO notification_deliveries (user_id, period, claimed_at) SELECT id, ?2, ?3 FROM users"
      " WHERE id = ?1 AND EXISTS (SELECT 1 FROM notifications WHERE user_id = ?1 AND delivery_id IS NULL)"
      " ON CONFLICT (user_id, period) DO NOTHING RETURNING id");
  insert.Bind(1, user_id).Bind(2, period).Bind(3, now);
  if (!insert.Step()) return std::nullopt;
  notifications::Delivery delivery{insert.Int(0), user_id, "", std::string(period), {}};
  insert.Reset();
  db->Prepare("UPDATE notifications SET delivery_id = ? WHERE user_id = ? AND delivery_id IS NULL")
      .Bind(1, delivery.id)
      .Bind(2, user_id)
      .Run();
  auto items = db->Prepare(std::string("SELECT ") + kNotificationColumns +
                           " FROM notifications WHERE delivery_id = ? ORDER BY id");
  items.Bind(1, delivery.id);
  while (items.Step()) delivery.items.push_back(ReadNotification(items));
  items.Reset();
  auto email = db->Prepare("SELECT email FROM users WHERE id = ?");
  email.Bind(1, user_id);
  if (email.Step()) delivery.email = email.Text(0);
  email.Reset();
  tx.Commit();
  return delivery;
}

void SqliteStore::FinishNotifications(const notifications::Delivery& delivery, bool sent, std::string_view detail,
                                      std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare("UPDATE notification_deliveries SET finished_at = ?, status = ?, detail = ? WHERE id = ?")
      .Bind(1, now)
      .Bind(2, sent ? "sent" : "failed")
      .Bind(3, detail)
      .Bind(4, delivery.id)
      .Run();
  if (!sent) {
    db->Prepare("UPDATE notifications SET delivery_id = NULL WHERE delivery_id = ?").Bind(1, delivery.id).Run();
  }
  tx.Commit();
}

}  // namespace boussole::storage::sqlite
