#pragma once
// Sends the notifications due, one mail per person and period, at most once across servers
// and restarts (the period is claimed in the store before the mail goes).
#include <string>
#include <string_view>

#include "domain/notifications/notification_repository.h"
#include "mail/mailer.h"

namespace boussole::notifications {

//! The period of a delivery at `now` (ISO 8601 UTC): the UTC day for daily, the ISO week
//! for weekly, the second itself for immediate (a mail at each run with something new).
//! "" for kNone or a malformed `now`.
std::string DeliveryPeriod(Frequency frequency, std::string_view now);

struct SendReport {
  std::size_t sent = 0;
  std::size_t failed = 0;
};

class NotificationService {
 public:
  //! `public_url` prefixes the links of the mails ("https://boussole.example").
  NotificationService(NotificationRepository& repository, mail::Mailer& mailer, std::string public_url);

  SendReport SendDue(std::string_view now);

 private:
  NotificationRepository& repository_;
  mail::Mailer& mailer_;
  std::string public_url_;
};

}  // namespace boussole::notifications
