#pragma once
// The money of a response (issue 6, item 4), by rules kept as data: the ANCT's engineering
// free for communes under 3 500 inhabitants (board of 10 March 2021, seed 003); the
// Cerema's "freemium": a number of days of expertise self-financed by the Cerema (a
// setting: the seed says only "quelques jours"), then 50 % of the study (seed 003); other
// co-financing entered by hand.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/requests/request.h"

namespace boussole::requests {

struct MoneyRules {
  std::int64_t anct_free_below_inhabitants = 3500;
  //! Days of expertise the Cerema finances itself (BOUSSOLE_CEREMA_FREEMIUM_DAYS).
  std::int64_t cerema_free_days = 3;
  //! The Cerema's share of the study beyond those days, in percent.
  std::int64_t cerema_share_percent = 50;
};

//! Who pays what, in whole euros.
struct CostSplit {
  std::int64_t total = 0;
  std::int64_t collectivite = 0;  //!< what the commune pays
  std::int64_t anct = 0;          //!< counted against the ANCT's annual engineering budget
  std::int64_t cerema = 0;
  std::string rule;               //!< the rule applied, in French
};

//! The split of a request's response, from the fields its transitions gave (cout_euros,
//! jours, part_collectivite_euros) and the commune's population; nullopt while no cost is
//! known or for a workflow without a cost (Atelier des territoires).
std::optional<CostSplit> SplitCost(const Request& request, std::optional<std::int64_t> population,
                                   const MoneyRules& rules);

}  // namespace boussole::requests
