#pragma once
// What the request pages and the request API both show (issue 6): a request with its
// labels, its cost split and its trail, and which requests a viewer takes part in.
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <vector>

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
