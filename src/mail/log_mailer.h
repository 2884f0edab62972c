#pragma once
// The mailer of a development instance without SMTP: each mail goes to the log, so that
// confirmation and reset links can be followed from the terminal.
#include "mail/address.h"
#include "mail/mailer.h"

namespace boussole::mail {

class LogMailer final : public Mailer {
 public:
  explicit LogMailer(Mailbox from);
  //! Checks the message as SmtpMailer would (same errors), then logs it at info level.
  Status Send(const MailMessage& message) override;

 private:
  Mailbox from_;
};

}  // namespace boussole::mail
