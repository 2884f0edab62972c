#include "mail/make_mailer.h"

#include "mail/address.h"
#include "mail/log_mailer.h"
#include "mail/outbox_mailer.h"
#include "mail/smtp_mailer.h"

namespace boussole::mail {

Result<std::unique_ptr<Mailer>> MakeMailer(const std::string& smtp_url, const std::string& from,
                                           const std::filesystem::path& outbox) {
  if (smtp_url.empty()) {
    auto mailbox = ParseMailbox(from.empty() ? kDefaultFrom : from, AddressRole::kFrom);
    if (!mailbox) {
      return InvalidInput("BOUSSOLE_MAIL_FROM : " + mailbox.error().message, "BOUSSOLE_MAIL_FROM");
    }
    if (!outbox.empty()) {
      return std::unique_ptr<Mailer>(std::make_unique<OutboxMailer>(std::move(mailbox).value(), outbox));
    }
    return std::unique_ptr<Mailer>(std::make_unique<LogMailer>(std::move(mailbox).value()));
  }
  if (auto server = CheckSmtpUrl(smtp_url); !server) {
    return InvalidInput("BOUSSOLE_SMTP_URL : " + server.error().message, "BOUSSOLE_SMTP_URL");
  }
  if (from.empty()) {
    return InvalidInput("BOUSSOLE_MAIL_FROM : l'adresse d'expédition est obligatoire quand un serveur SMTP est "
                        "configuré (BOUSSOLE_SMTP_URL).",
                        "BOUSSOLE_MAIL_FROM");
  }
  auto mailbox = ParseMailbox(from, AddressRole::kFrom);
  if (!mailbox) return InvalidInput("BOUSSOLE_MAIL_FROM : " + mailbox.error().message, "BOUSSOLE_MAIL_FROM");
  SmtpSettings settings;
  settings.url = smtp_url;
  settings.from = std::move(mailbox).value();
  return std::unique_ptr<Mailer>(std::make_unique<SmtpMailer>(std::move(settings)));
}

}  // namespace boussole::mail
