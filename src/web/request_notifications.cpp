#include "web/request_notifications.h"

#include <set>
#include <vector>

#include "domain/notifications/notification.h"
#include "domain/requests/engine.h"

namespace boussole::web {

void NotifyRequestParties(const WebContext& context, const requests::Request& r, std::int64_t actor,
                          const std::string& now, const std::string& what) {
  const requests::Workflow* workflow = requests::FindWorkflow(r.workflow);
  if (workflow == nullptr) return;
  // The parties of everyone who acted on the request so far (the trail's actors).
  std::set<std::int64_t> actors;
  for (const auto& event : context.store.TrailOf(r.id)) {
    if (event.user_id != 0) actors.insert(event.user_id);
  }
  std::set<requests::Party> acted;
  for (std::int64_t user : actors) {
    const auto parties = requests::PartiesOf(r, context.store.ListMemberships(user));
    acted.insert(parties.begin(), parties.end());
  }
  const std::set<requests::Party> tell = requests::PartiesToTell(*workflow, r, acted);
  std::set<std::int64_t> organisations{r.organisation_id};
  for (const auto& o : context.store.ListOrganisations()) {
    const bool prefecture = tell.count(requests::Party::kPrefecture) && o.kind == organisations::Kind::kDelegationTerritoriale &&
                            o.territory && !r.departement.empty() && o.territory->ToString() == r.departement;
    const bool anct = tell.count(requests::Party::kAnct) && o.kind == organisations::Kind::kAnct;
    const bool assignee = tell.count(requests::Party::kAssignee) && r.assignee_id == o.id;
    if (prefecture || anct || assignee) organisations.insert(o.id);
  }
  std::set<std::int64_t> users;
  for (std::int64_t id : organisations) {
    for (const auto& member : context.store.ListMembers(id)) {
      if (member.user_id != actor) users.insert(member.user_id);
    }
  }
  std::vector<notifications::NewNotification> out;
  const std::string subject = "Demande « " + r.title + " » : " + what;
  for (std::int64_t user : users) out.push_back({user, "request", subject, "/demandes/" + std::to_string(r.id)});
  if (!out.empty()) context.store.AddNotifications(out, now);
}

}  // namespace boussole::web
