#pragma once
// Settings: defaults, overridden by BOUSSOLE_* environment variables, overridden by flags.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "domain/accounts/rate_limits.h"

namespace boussole::app {

struct Config {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  std::filesystem::path data_dir = "./var";
  std::string database;  //!< "" means sqlite://<data_dir>/boussole.db
  std::filesystem::path assets_dir;  //!< templates, static files, catalogue, node_modules
  std::string public_url = "http://127.0.0.1:8080";
  //! Where mails go (BOUSSOLE_SMTP_URL, e.g. smtp://127.0.0.1:2525); "" writes them to the outbox.
  std::string smtp_url;
  //! Without SMTP, where mails are written as .eml files (BOUSSOLE_MAIL_OUTBOX); "" means
  //! MailOutbox()'s default.
  std::filesystem::path mail_outbox;
  //! The sender of mails (BOUSSOLE_MAIL_FROM), "address" or "Nom <address>".
  std::string mail_from;
  //! How often each server looks for due jobs (BOUSSOLE_SCHEDULER_TICK_MS).
  std::chrono::milliseconds scheduler_tick{1000};

  //! Where uploaded files are kept (BOUSSOLE_FILES_DIR), shared by every server of an
  //! instance; "" means FilesDir()'s default.
  std::filesystem::path files_dir;
  //! Days of expertise the Cerema finances itself before its 50 % (BOUSSOLE_CEREMA_FREEMIUM_DAYS;
  //! the seed says only "quelques jours").
  std::int64_t cerema_free_days = 3;
  //! Annual engineering envelopes beyond or instead of 2020 and 2021
  //! (BOUSSOLE_ENGINEERING_BUDGETS, "2022=25000000,2023=30000000").
  std::string engineering_budgets;
  //! BOUSSOLE_RATE_LIMITS: per-address limits on sign-in, sign-up, password reset, search.
  accounts::RateLimits rate_limits;

  std::string DatabaseUrl() const;
  //! files_dir, or by default the folder "files" beside the SQLite database, or under
  //! data_dir for PostgreSQL (set BOUSSOLE_FILES_DIR to a shared folder when several
  //! servers run on several machines).
  std::filesystem::path FilesDir() const;
  //! Where @etalab/decoupage-administratif's data files are.
  std::filesystem::path CogDataDir() const;
  std::filesystem::path OffersDir() const;
  //! mail_outbox, or by default the folder "outbox" beside the SQLite database, or under
  //! data_dir for PostgreSQL.
  std::filesystem::path MailOutbox() const;
};

//! Defaults overridden by the environment. Fails (std::invalid_argument, French message) on
//! an invalid value such as a port that is not a number.
Config ConfigFromEnvironment();

}  // namespace boussole::app
