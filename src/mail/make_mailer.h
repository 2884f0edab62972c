#pragma once
// The one entry point for the application's configuration (BOUSSOLE_SMTP_URL, BOUSSOLE_MAIL_FROM).
#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"
#include "mail/mailer.h"

namespace boussole::mail {

//! Sender of a development instance that has no BOUSSOLE_MAIL_FROM.
inline constexpr const char* kDefaultFrom = "Boussole <ne-pas-repondre@boussole.invalid>";

//! An SmtpMailer (timeouts 10 s / 30 s) when `smtp_url` is set; without it, an OutboxMailer
//! writing to `outbox` when that is set, else a LogMailer. `from` is "address" or
//! "Name <address>"; it may be empty only without SMTP. Errors (French) name the setting at
//! fault.
Result<std::unique_ptr<Mailer>> MakeMailer(const std::string& smtp_url, const std::string& from,
                                           const std::filesystem::path& outbox = {});

}  // namespace boussole::mail
