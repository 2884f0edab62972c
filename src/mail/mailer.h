#pragma once
// What the domain sees of e-mail: no curl, no SMTP, so workflows are tested with a fake.
#include "core/result.h"
#include "mail/mail_message.h"

namespace boussole::mail {

class Mailer {
 public:
  virtual ~Mailer();
  //! Sends one message; expected failures (bad address, server down) are errors, never
  //! exceptions. May be called from several threads at once.
  virtual Status Send(const MailMessage& message) = 0;
};

}  // namespace boussole::mail
