#pragma once
// What notifications need from storage. Implemented by every Store backend. A feature may
// also write its notifications in the SQL of its own transaction (projects do: their
// history event fans out to the organisation's members), so that an event and its
// notifications are stored together or not at all.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/notifications/notification.h"

namespace boussole::notifications {

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;

  //! Stores them, waiting for their delivery, in one transaction.
  virtual void AddNotifications(const std::vector<NewNotification>& notifications, std::string_view now) = 0;

  virtual Frequency NotificationFrequency(std::int64_t user_id) = 0;
  virtual void SetNotificationFrequency(std::int64_t user_id, Frequency frequency) = 0;

  //! The person's latest notifications, newest first.
  virtual std::vector<Notification> RecentNotifications(std::int64_t user_id, std::size_t limit) = 0;

  //! The people whose frequency is `frequency` with notifications waiting and no delivery
  //! for `period` yet.
  virtual std::vector<std::int64_t> UsersToNotify(Frequency frequency, std::string_view period) = 0;

  //! Claims `period` for this person and takes every notification waiting for them, in one
  //! transaction. nullopt when the period is already claimed (another server, an earlier
  //! run) or nothing waits any more.
  virtual std::optional<Delivery> ClaimNotifications(std::int64_t user_id, std::string_view period,
                                                     std::string_view now) = 0;
  //! Records the end of a claimed delivery. Failed: its notifications wait again, for the
  //! next period.
  virtual void FinishNotifications(const Delivery& delivery, bool sent, std::string_view detail,
                                   std::string_view now) = 0;
};

}  // namespace boussole::notifications
