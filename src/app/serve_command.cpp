#include <spdlog/spdlog.h>

#include <chrono>
#include <set>
#include <iostream>
#include <thread>

#include <unistd.h>

#include "app/commands.h"
#include "app/scheduler.h"
#include "domain/accounts/account_service.h"
#include "domain/accounts/rate_limits.h"
#include "domain/organisations/organisation_service.h"
#include "files/file_store.h"
#include "domain/requests/dashboard.h"
#include "domain/requests/money.h"
#include "mail/make_mailer.h"
#include "web/access.h"
#include "web/all_routes.h"
#include "domain/catalogue/eligibility.h"
#include "domain/notifications/notification_service.h"
#include "storage/store.h"
#include "web/http/server.h"
#include "web/http/static_files.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/case_sheet_search.h"
#include "web/alert_search.h"
#include "web/search_request.h"

namespace boussole::app {
namespace {

// Servers and their database often start together: while the database is unreachable,
// try again for a minute before giving up. Other failures (bad URL, newer schema) are final.
Result<std::unique_ptr<storage::Store>> OpenStoreWhenReachable(const std::string& url) {
  constexpr int kAttempts = 30;
  for (int attempt = 1;; ++attempt) {
    auto opened = storage::OpenStore(url);
    if (opened || opened.error().code != "unavailable" || url.rfind("sqlite://", 0) == 0 || attempt == kAttempts) {
      return opened;
    }
    spdlog::warn("base de données injoignable (essai {}/{}), nouvel essai dans 2 s : {}", attempt, kAttempts,
                 opened.error().message);
    std::this_thread::sleep_for(std::chrono::seconds(2));
  }
}

}  // namespace

int RunServe(const Config& config) {
  auto opened = OpenStoreWhenReachable(config.DatabaseUrl());
  if (!opened) {
    std::cerr << "Erreur : " << opened.error().message << "\n";
    return 1;
  }
  std::unique_ptr<storage::Store> store = std::move(opened).value();
  web::Templates templates(config.assets_dir / "templates");
  web::Metrics metrics;
  web::ResponseCache cache(*store, 20000);
  const catalogue::QuestionnaireBatch eligibility = catalogue::ReadEligibilityFolder(config.assets_dir / "data/eligibility");
  if (!eligibility.errors.empty()) {
    std::cerr << "Erreur : les tests d'éligibilité de " << (config.assets_dir / "data/eligibility").string()
              << " sont invalides ; le serveur ne démarre pas.\n";
    for (const auto& e : eligibility.errors) {
      std::cerr << "  " << e.file << (e.field.empty() ? "" : " (" + e.field + ")") << " : " << e.message << "\n";
    }
    return 1;
  }
  auto mailer = mail::MakeMailer(config.smtp_url, config.mail_from.empty() ? mail::kDefaultFrom : config.mail_from,
                                 config.MailOutbox());
  if (!mailer) {
    std::cerr << "Erreur : " << mailer.error().message << "\n";
    return 1;
  }
  accounts::AccountService accounts(*store, *mailer.value(), config.public_url);
  web::WebContext context{*store, templates, config.assets_dir, &metrics, &cache, &eligibility};
  context.accounts = &accounts;
  organisations::OrganisationService organisations(*store, *store, *mailer.value(), config.public_url);
  context.organisations = &organisations;
  alerts::AlertService alert_service(*store, *mailer.value(), config.public_url);
  context.alerts = &alert_service;
  notifications::NotificationService notification_service(*store, *mailer.value(), config.public_url);
  context.secure_cookies = config.public_url.rfind("https://", 0) == 0;
  accounts::RateLimiter rate_limiter(*store, config.rate_limits);
  context.rate_limiter = &rate_limiter;
  const files::FileStore file_store(config.FilesDir());
  context.files = &file_store;
  requests::MoneyRules money;
  money.cerema_free_days = config.cerema_free_days;
  money.envelopes = requests::Envelopes(config.engineering_budgets);
  context.money = &money;
  metrics.AddGauge("boussole_response_cache", "Response cache: entries, hits and misses since start.", [&cache] {
    return std::vector<std::pair<std::string, double>>{{"kind=\"entries\"", static_cast<double>(cache.size())},
                                                       {"kind=\"hits\"", static_cast<double>(cache.hits())},
                                                       {"kind=\"misses\"", static_cast<double>(cache.misses())}};
  });
  metrics.AddGauge("boussole_db_pool_connections", "Database connections of this server, by state.", [&store] {
    const storage::PoolStats usage = store->PoolUsage();
    return std::vector<std::pair<std::string, double>>{{"state=\"limit\"", static_cast<double>(usage.size)},
                                                       {"state=\"open\"", static_cast<double>(usage.open)},
                                                       {"state=\"in_use\"", static_cast<double>(usage.in_use)}};
  });
  metrics.AddGauge("boussole_catalogue_offers", "Published offers in the catalogue (index size).", [&store] {
    return std::vector<std::pair<std::string, double>>{{"", static_cast<double>(store->CountOffers())}};
  });

  web::Router router([&context](const web::Request& request, int status, std::string_view detail) {
    return web::RenderError(context, request, status, detail);
  });
  router.SetUnavailablePredicate([](const std::exception& e) { return storage::IsUnavailable(e); });
  // One index for the search page and the search API, built now so that the first search
  // does not pay for it; later writes rebuild it on the next search (OfferSearch).
  const std::shared_ptr<web::OfferSearch> offer_search = web::MakeOfferSearch(context);
  context.search = offer_search.get();
  web::CaseSheetSearch case_sheet_search(*store);
  context.case_sheets = &case_sheet_search;
  try {
    const auto started = std::chrono::steady_clock::now();
    const std::size_t offers = offer_search->Current()->offers().size();
    spdlog::info("boussole: search index of {} offers built in {} ms", offers,
                 std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
  } catch (const std::exception& e) {
    spdlog::warn("boussole: search index not built at start ({}); the first search will build it", e.what());
  }
  metrics.AddGauge("boussole_search_index_builds", "Times this server built the offer search index.", [offer_search] {
    return std::vector<std::pair<std::string, double>>{{"", static_cast<double>(offer_search->builds())}};
  });
  web::RegisterAllRoutes(router, context);
  router.SetInterceptor(web::MakeAccessInterceptor(context));
  if (const auto missing = web::RoutesWithoutRule(router); !missing.empty()) {
    std::string names;
    for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
    std::cerr << "Erreur : ces routes n'ont pas de règle dans la table des droits (domain/accounts/policy.cpp) : "
              << names << "\n";
    return 1;
  }

  web::ServerOptions options;
  options.address = config.address;
  options.port = config.port;
  options.https = context.secure_cookies;
  options.on_request = [&metrics](const web::AccessEntry& entry) {
    metrics.Record(entry.route, entry.status, entry.duration_ms);
  };
  spdlog::info("boussole: {} store, schema {}", store->Backend(), store->SchemaVersion());
  {
    char host[256] = "localhost";
    ::gethostname(host, sizeof host - 1);
    JobServices services{&alert_service,
                         [&context](std::string_view target, const std::string& query) {
                           auto matched = web::MatchAlertSearch(context, target, query);
                           if (matched) return matched.value();
                           // Valid when saved, refused now (a territory gone): nothing to send.
                           spdlog::warn("send_alerts: recherche refusée « {} » : {}", query, matched.error().message);
                           return std::set<std::string>{};
                         },
                         &notification_service};
    programmes::ReminderService reminders(*store, *mailer.value(), config.public_url);
    services.reminders = &reminders;
    Scheduler scheduler(*store, DefaultJobs(services), std::string(host) + ":" + std::to_string(::getpid()),
                        config.scheduler_tick);
    web::RunServer(options, router);
  }
  spdlog::info("boussole: stopped");
  return 0;
}

int RunMigrate(const Config& config) {
  auto store = storage::OpenStore(config.DatabaseUrl());
  if (!store) {
    std::cerr << "Erreur : " << store.error().message << "\n";
    return 1;
  }
  std::cout << "Schéma à jour : version " << store.value()->SchemaVersion() << "\n";
  return 0;
}

}  // namespace boussole::app
