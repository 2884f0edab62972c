#pragma once
// The figures of the request dashboards (issue 6, item 6): for a préfecture its
// département, for the ANCT the whole country. Computed from the requests and their trails,
// so that a figure always equals a count of the stored rows.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/requests/money.h"
#include "domain/requests/request.h"

namespace boussole::requests {

//! A request with what the dashboard needs besides it.
struct DashboardInput {
  Request request;
  std::vector<RequestEvent> trail;  //!< oldest first
  std::optional<std::int64_t> population;
};

struct Dashboard {
  std::map<std::string, std::int64_t> by_state;        //!< "workflow/state" → count
  std::map<std::string, std::int64_t> by_theme;        //!< theme key ("" none) → count
  std::map<std::string, std::int64_t> by_departement;  //!< typed id → count
  //! "workflow/state" → median hours spent there, over the stays that ended
  std::map<std::string, double> median_hours;
  //! answered locally (orientée vers une ressource locale), by the ANCT (its teams, data,
  //! subsidy), by external providers or operators (marché d'ingénierie, opérateur partenaire,
  //! the Cerema, the Atelier's teams): counts of requests with an answer
  std::int64_t answered_locally = 0;
  std::int64_t answered_by_anct = 0;
  std::int64_t answered_externally = 0;
  //! year → the ANCT's share of the requests engaged that year
  std::map<int, std::int64_t> committed;
};

//! Hours between two ISO 8601 UTC times ("2026-11-25T09:00:00Z").
double HoursBetween(const std::string& from, const std::string& to);

Dashboard ComputeDashboard(const std::vector<DashboardInput>& inputs, const MoneyRules& rules);

//! The annual engineering envelopes: 10 M€ in 2020 and 20 M€ in 2021 (seed 003), overridden
//! or extended by `setting` ("2022=25000000,2023=30000000", BOUSSOLE_ENGINEERING_BUDGETS).
std::map<int, std::int64_t> Envelopes(const std::string& setting);

}  // namespace boussole::requests
