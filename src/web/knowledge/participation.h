#pragma once
// Where requests for engineering and collective programmes stand on the map (issue 8):
// which territories they concern, for portraits, maps and figures. Counts only: the
// requests themselves are shown to their parties alone.
#include <map>
#include <string>
#include <vector>

#include "domain/territories/territory.h"
#include "web/context.h"

namespace boussole::web {

struct Participation {
  //! Request state label → count, of requests made by territories inside (or equal to)
  //! the asked territory.
  std::map<std::string, std::int64_t> requests_by_state;
  std::int64_t requests = 0;
  //! Programmes whose cohort holds the territory, a territory containing it or one inside it.
  struct ProgrammeLink {
    std::int64_t id = 0;
    std::string title;
    int year = 0;
    bool historic = false;
  };
  std::vector<ProgrammeLink> programmes;
};

Participation ParticipationOf(const WebContext& context, const territories::Territory& territory);

//! Typed id of every territory of a cohort or a request, with itself and its ancestors:
//! "commune:52250" → {commune:52250, epci:…, departement:52, region:44, pays:FR}.
std::vector<std::string> SelfAndAncestors(storage::Store& store, const std::string& typed_id);

}  // namespace boussole::web
