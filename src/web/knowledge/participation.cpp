#include "web/knowledge/participation.h"

#include <algorithm>
#include <set>

#include "domain/requests/workflow.h"

namespace boussole::web {

std::vector<std::string> SelfAndAncestors(storage::Store& store, const std::string& typed_id) {
  std::vector<std::string> ids = {typed_id};
  const auto id = territories::TerritoryId::Parse(typed_id);
  if (!id) return ids;
  for (const auto& ancestor : store.Ancestors(id.value())) ids.push_back(ancestor.ToString());
  return ids;
}

Participation ParticipationOf(const WebContext& context, const territories::Territory& t) {
  storage::Store& store = context.store;
  const std::string self = t.id.ToString();
  // A territory and those containing it: a programme of its EPCI concerns a commune.
  const auto above = SelfAndAncestors(store, self);
  const std::set<std::string> containing(above.begin(), above.end());
  auto inside = [&](const std::string& other) {
    const auto chain = SelfAndAncestors(store, other);
    return std::find(chain.begin(), chain.end(), self) != chain.end();
  };
  Participation p;
  for (const auto& r : store.ListRequests()) {
    if (!inside(r.territory)) continue;
    const auto* workflow = requests::FindWorkflow(r.workflow);
    const auto* state = workflow ? requests::FindState(*workflow, r.state) : nullptr;
    ++p.requests_by_state[state ? std::string(state->label) : r.state];
    ++p.requests;
  }
  for (const auto& programme : store.ListProgrammes()) {
    for (const auto& member : store.CohortOf(programme.id)) {
      if (containing.count(member.territory_id) || inside(member.territory_id)) {
        p.programmes.push_back({programme.id, programme.title, programme.year, programme.historic});
        break;
      }
    }
  }
  return p;
}

}  // namespace boussole::web
