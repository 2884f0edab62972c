#pragma once
// Reminders of programme seminars (issue 7, item 5), sent by the job scheduler: a mail to
// every person registered, two days before each seminar; for the follow-up meeting six
// months after a Fabrique, to everyone registered to any of its seminars. Each reminder
// goes out once, whichever server runs the job (the store's claim).
#include <cstddef>
#include <string>
#include <string_view>

#include "domain/programmes/programme_repository.h"
#include "mail/mailer.h"

namespace boussole::programmes {

struct ReminderReport {
  std::size_t seminars = 0;  //!< reminders claimed
  std::size_t sent = 0;      //!< mails sent
  std::size_t failed = 0;
};

class ReminderService {
 public:
  //! `public_url` starts the links of the mails. Borrowed references outlive the service.
  ReminderService(ProgrammeRepository& repository, mail::Mailer& mailer, std::string public_url)
      : repository_(repository), mailer_(mailer), public_url_(std::move(public_url)) {}

  //! Reminds the seminars starting within two days of `now` (UTC timestamp).
  ReminderReport SendDue(std::string_view now);

 private:
  ProgrammeRepository& repository_;
  mail::Mailer& mailer_;
  std::string public_url_;
};

}  // namespace boussole::programmes
