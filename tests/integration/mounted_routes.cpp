#include "mounted_routes.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "domain/accounts/account_service.h"
#include "domain/alerts/alert_service.h"
#include "domain/organisations/organisation_service.h"
#include "mail/make_mailer.h"
#include "storage/store.h"
#include "web/access.h"
#include "web/all_routes.h"
#include "web/http/metrics.h"
#include "web/offer_search.h"
#include "web/search_request.h"

namespace boussole::testing {

std::vector<web::Route> MountedRoutes(const std::string& database_url) {
  auto store = std::move(storage::OpenStore(database_url)).value();
  web::Templates templates(std::filesystem::path(BOUSSOLE_SOURCE_DIR) / "templates");
  auto mailer = std::move(mail::MakeMailer("", mail::kDefaultFrom)).value();
  accounts::AccountService accounts(*store, *mailer, "http://127.0.0.1");
  web::Metrics metrics;
  web::WebContext context{*store, templates, BOUSSOLE_SOURCE_DIR, &metrics, nullptr, nullptr};
  context.accounts = &accounts;
  organisations::OrganisationService organisations(*store, *store, *mailer, "http://127.0.0.1");
  context.organisations = &organisations;
  auto search = web::MakeOfferSearch(context);
  context.search = search.get();
  alerts::AlertService alerts(*store, *mailer, "http://127.0.0.1");
  context.alerts = &alerts;
  web::Router router([](const web::Request&, int status, std::string_view) { return web::Response::Text(status, ""); });
  web::RegisterAllRoutes(router, context);
  EXPECT_EQ(web::RoutesWithoutRule(router), std::vector<std::string>{}) << "routes missing from the policy table";
  return router.routes();
}

}  // namespace boussole::testing
