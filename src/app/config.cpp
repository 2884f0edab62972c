#include "app/config.h"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace boussole::app {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

std::string Config::DatabaseUrl() const {
  if (!database.empty()) return database;
  return "sqlite://" + (data_dir / "boussole.db").string();
}

namespace {

// The folder of the SQLite database, or data_dir for PostgreSQL.
std::filesystem::path LocalStateDir(const Config& config) {
  const std::string url = config.DatabaseUrl();
  if (url.rfind("sqlite://", 0) == 0) {
    const std::filesystem::path db = url.substr(9);
    return db.has_parent_path() ? db.parent_path() : std::filesystem::path(".");
  }
  return config.data_dir;
}

}  // namespace

std::filesystem::path Config::FilesDir() const { return files_dir.empty() ? LocalStateDir(*this) / "files" : files_dir; }

std::filesystem::path Config::MailOutbox() const {
  return mail_outbox.empty() ? LocalStateDir(*this) / "outbox" : mail_outbox;
}

std::filesystem::path Config::CogDataDir() const {
  return assets_dir / "node_modules/@etalab/decoupage-administratif/data";
}

std::filesystem::path Config::OffersDir() const { return assets_dir / "data/offers"; }

Config ConfigFromEnvironment() {
  Config config;
  config.assets_dir = BOUSSOLE_DEFAULT_ASSETS_DIR;
  if (auto v = Env("BOUSSOLE_ASSETS_DIR"); !v.empty()) config.assets_dir = v;
  if (auto v = Env("BOUSSOLE_ADDRESS"); !v.empty()) config.address = v;
  if (auto v = Env("BOUSSOLE_PORT"); !v.empty()) {
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), port);
    if (ec != std::errc() || ptr != v.data() + v.size() || port > 65535) {
      throw std::invalid_argument("BOUSSOLE_PORT invalide : « " + v + " » (un nombre de 0 à 65535).");
    }
    config.port = static_cast<std::uint16_t>(port);
  }
  if (auto v = Env("BOUSSOLE_DATA_DIR"); !v.empty()) config.data_dir = v;
  if (auto v = Env("BOUSSOLE_DATABASE"); !v.empty()) config.database = v;
  if (auto v = Env("BOUSSOLE_FILES_DIR"); !v.empty()) config.files_dir = v;
  if (auto v = Env("BOUSSOLE_PUBLIC_URL"); !v.empty()) {
    if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) {
      throw std::invalid_argument("BOUSSOLE_PUBLIC_URL invalide : « " + v + " » (une adresse http:// ou https://).");
    }
    config.public_url = v;
  }
  if (auto v = Env("BOUSSOLE_CEREMA_FREEMIUM_DAYS"); !v.empty()) {
    unsigned days = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), days);
    if (ec != std::errc() || ptr != v.data() + v.size() || days > 365) {
      throw std::invalid_argument("BOUSSOLE_CEREMA_FREEMIUM_DAYS invalide : « " + v + " » (de 0 à 365 jours).");
    }
    config.cerema_free_days = days;
  }
  config.engineering_budgets = Env("BOUSSOLE_ENGINEERING_BUDGETS");
  if (auto v = Env("BOUSSOLE_RATE_LIMITS"); !v.empty()) {
    auto limits = accounts::ParseRateLimits(v);
    if (!limits) throw std::invalid_argument(limits.error().message);
    config.rate_limits = limits.value();
  }
  config.smtp_url = Env("BOUSSOLE_SMTP_URL");
  config.mail_from = Env("BOUSSOLE_MAIL_FROM");
  if (auto v = Env("BOUSSOLE_MAIL_OUTBOX"); !v.empty()) config.mail_outbox = v;
  if (auto v = Env("BOUSSOLE_SCHEDULER_TICK_MS"); !v.empty()) {
    unsigned ms = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), ms);
    if (ec != std::errc() || ptr != v.data() + v.size() || ms < 10 || ms > 3600000) {
      throw std::invalid_argument("BOUSSOLE_SCHEDULER_TICK_MS invalide : « " + v + " » (de 10 à 3600000).");
    }
    config.scheduler_tick = std::chrono::milliseconds(ms);
  }
  return config;
}

}  // namespace boussole::app
