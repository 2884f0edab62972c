#include "mail/log_mailer.h"

#include <spdlog/spdlog.h>

#include <ctime>

#include "mail/mime.h"

namespace boussole::mail {

LogMailer::LogMailer(Mailbox from) : from_(std::move(from)) {}

Status LogMailer::Send(const MailMessage& message) {
  // Built and dropped: a message SMTP would refuse must fail here too, not first in production.
  if (auto built = BuildMessage(from_, message, std::time(nullptr)); !built) return built.error();
  // Neither the recipient nor the text (it holds single-use links): personal data and
  // secrets never go to the log (issue 9, item 6).
  spdlog::info("mail not sent (no SMTP server configured): {} bytes of text", message.text.size());
  return Ok();
}

}  // namespace boussole::mail
