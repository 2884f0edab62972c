#pragma once
// What the request pages and the request API both show (issue 6): a request with its
// labels, its cost split and its trail, and which requests a viewer takes part in.
#include <nlohmann/json.hpp>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/requests/budget.h"
#include "domain/requests/dashboard.h"
#include "domain/requests/engine.h"
#include "domain/requests/money.h"
#include "web/context.h"

namespace boussole::web {

//! The viewer's parties towards `request` (none for a visitor).
std::set<requests::Party> ViewerParties(const WebContext& context, const requests::Request& request);
//! Whether the viewer may see `request`: a party, or a platform admin.
bool ViewerMaySee(const WebContext& context, const requests::Request& request);
//! The requests the viewer may see, newest first.
std::vector<requests::Request> VisibleRequests(const WebContext& context);

//! What the viewer oversees: the whole country for the ANCT (a member of an ANCT
//! organisation) and platform admins, their départements for members of a préfecture
//! (délégation territoriale).
struct RequestScope {
  bool national = false;
  std::set<std::string> departements;  //!< typed ids ("departement:52")
};
//! nullopt when the viewer is neither the ANCT nor a préfecture (nor a platform admin).
std::optional<RequestScope> ViewerRequestScope(const WebContext& context);

//! The dashboard figures of the requests in `scope` (domain/requests/dashboard.h).
requests::Dashboard DashboardOf(const WebContext& context, const RequestScope& scope);

//! The ANCT's engineering envelope of each year: the one it set in the application
//! (stored), or else the default (MoneyRules::envelopes: seed 003 and
//! BOUSSOLE_ENGINEERING_BUDGETS).
std::map<int, requests::Envelope> EnvelopesOf(const WebContext& context);

//! The population of the request's commune (or territory), when known.
std::optional<std::int64_t> PopulationOf(const WebContext& context, const requests::Request& request);
const requests::MoneyRules& Rules(const WebContext& context);

//! A short summary: id, url, title, workflow and state with labels, collectivité, dates.
nlohmann::json RequestSummary(const WebContext& context, const requests::Request& request);
//! The summary, the fields given with their labels, the cost split and the trail.
nlohmann::json RequestDetail(const WebContext& context, const requests::Request& request);
//! The workflow tables as JSON (API and documentation page).
nlohmann::json WorkflowsJson();

}  // namespace boussole::web
