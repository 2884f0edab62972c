#pragma once
// The one entry point for the application's configuration (BOUSSOLE_SMTP_URL, BOUSSOLE_MAIL_FROM).
#include <memory>
#include <string>

#include "core/result.h"
#include "mail/mailer.h"

namespace boussole::mail {

//! Sender of a development instance that has no BOUSSOLE_MAIL_FROM.
inline constexpr const char* kDefaultFrom = "Boussole <ne-pas-repondre@boussole.invalid>";

//! A LogMailer when `smtp_url` is empty, else an SmtpMailer (timeouts 10 s / 30 s).
//! `from` is "address" or "Name <address>"; it may be empty only without SMTP. Errors
//! (French) name the setting at fault.
Result<std::unique_ptr<Mailer>> MakeMailer(const std::string& smtp_url, const std::string& from);

}  // namespace boussole::mail
