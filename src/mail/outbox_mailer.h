#pragma once
// The mailer of an instance without SMTP (`make run` on a workstation): each mail becomes one
// `.eml` file in a folder of the data dir, so that the person running it can open the
// confirmation or reset link that signing up needs. The log names only the file: recipients
// and links never go to the log (issue 9, item 6).
#include <filesystem>

#include "mail/address.h"
#include "mail/mailer.h"

namespace boussole::mail {

class OutboxMailer final : public Mailer {
 public:
  OutboxMailer(Mailbox from, std::filesystem::path folder);
  //! Checks and builds the message as SmtpMailer would (same errors), then writes it whole
  //! (a temporary file renamed) as `<UTC time>-<random>.eml`, readable by its owner only.
  Status Send(const MailMessage& message) override;

 private:
  Mailbox from_;
  std::filesystem::path folder_;
};

}  // namespace boussole::mail
