#pragma once
#include <filesystem>

#include "domain/catalogue/eligibility.h"
#include "storage/store.h"
#include "web/http/metrics.h"
#include "web/response_cache.h"
#include "web/pages/templates.h"

namespace boussole::web {

//! What handlers share: the store and the templates. Both are thread-safe.
class OfferSearch;
class CaseSheetSearch;
}  // namespace boussole::web
namespace boussole::accounts {
class AccountService;
class RateLimiter;
}  // namespace boussole::accounts
namespace boussole::alerts {
class AlertService;
}  // namespace boussole::alerts
namespace boussole::organisations {
class OrganisationService;
}  // namespace boussole::organisations
namespace boussole::files {
class FileStore;
}  // namespace boussole::files
namespace boussole::requests {
struct MoneyRules;
}  // namespace boussole::requests
namespace boussole::web {

struct WebContext {
  storage::Store& store;
  const Templates& templates;
  std::filesystem::path assets_dir;  //!< project root: templates/, static/, src/web/api/
  Metrics* metrics = nullptr;        //!< request counters and gauges, for /metrics
  ResponseCache* cache = nullptr;    //!< whole-response cache that follows the change feed
  //! the eligibility tests of data/eligibility, read and validated at start (issue 4)
  const catalogue::QuestionnaireBatch* eligibility = nullptr;
  //! the offer index shared by the search page and the search API (issue 4)
  OfferSearch* search = nullptr;
  //! the projetothèque's index (issue 5, item 5); null: built afresh for each request
  CaseSheetSearch* case_sheets = nullptr;
  //! sign-up, login and sessions (issue 5); null: nobody can sign in
  accounts::AccountService* accounts = nullptr;
  //! organisations, members and invitations (issue 5, item 2); null: no organisation pages
  organisations::OrganisationService* organisations = nullptr;
  //! alerts on new offers (issue 5, item 6); null: no alert pages
  alerts::AlertService* alerts = nullptr;
  //! uploaded files (BOUSSOLE_FILES_DIR, issue 6); null: uploads are refused
  const files::FileStore* files = nullptr;
  //! the money rules of requests (issue 6, item 4); null: their defaults
  const requests::MoneyRules* money = nullptr;
  //! rate limits per client address (issue 9, web/rate_limit.h); null: none
  accounts::RateLimiter* rate_limiter = nullptr;
  //! cookies only over https (BOUSSOLE_PUBLIC_URL starts with https://)
  bool secure_cookies = false;
};

//! `handler` behind the context's response cache, when there is one. For handlers whose
//! answer depends only on the request target and the stored data.
Handler Cacheable(const WebContext& context, Handler handler);

}  // namespace boussole::web
