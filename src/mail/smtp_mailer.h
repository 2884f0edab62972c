#pragma once
// Sends through an SMTP server with libcurl: one connection per message, so nothing is
// shared between threads and a server restart costs nothing.
#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"
#include "mail/address.h"
#include "mail/mailer.h"

namespace boussole::mail {

struct SmtpSettings {
  //! smtp://host[:port] (plain) or smtps://host[:port] (TLS from the first byte); a
  //! "user:password@" part turns on SMTP authentication.
  std::string url;
  Mailbox from;
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
  //! The whole exchange, connection included: a stuck server cannot hold a worker longer.
  std::chrono::milliseconds total_timeout = std::chrono::seconds(30);
};

//! Checks an SMTP URL and returns the server as "host:port" (never the credentials), to
//! name it in messages. Errors are in French.
Result<std::string> CheckSmtpUrl(std::string_view url);

class SmtpMailer final : public Mailer {
 public:
  //! `settings.url` must have passed CheckSmtpUrl.
  explicit SmtpMailer(SmtpSettings settings);
  Status Send(const MailMessage& message) override;

 private:
  SmtpSettings settings_;
  std::string server_;
};

}  // namespace boussole::mail
