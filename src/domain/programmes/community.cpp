#include "domain/programmes/community.h"

namespace boussole::programmes {

std::set<std::int64_t> CommunityOrganisations(const Programme& programme, const std::vector<CohortTerritory>& cohort,
                                              const std::vector<Participant>& participants,
                                              const std::vector<organisations::Organisation>& organisations) {
  std::set<std::int64_t> out;
  if (programme.organisation_id) out.insert(*programme.organisation_id);
  for (const Participant& p : participants) out.insert(p.organisation_id);
  std::set<std::string> territories;
  for (const CohortTerritory& t : cohort) {
    if (t.status == "selected") territories.insert(t.territory_id);
  }
  for (const auto& o : organisations) {
    if (o.kind == organisations::Kind::kCollectivite && o.territory && territories.count(o.territory->ToString())) {
      out.insert(o.id);
    }
  }
  return out;
}

std::vector<notifications::NewNotification> CommunityNotifications(ProgrammeRepository& programmes,
                                                                   organisations::OrganisationRepository& organisations,
                                                                   const Programme& programme, const Post& post,
                                                                   const std::string& author) {
  const auto members = CommunityOrganisations(programme, programmes.CohortOf(programme.id),
                                              programmes.ParticipantsOf(programme.id), organisations.ListOrganisations());
  std::set<std::int64_t> users;
  for (std::int64_t organisation : members) {
    for (const auto& member : organisations.ListMembers(organisation)) {
      if (member.user_id != post.user_id) users.insert(member.user_id);
    }
  }
  const std::string subject = "Communauté « " + programme.title + " » : " +
                              (post.parent_id ? "nouveau commentaire de " : "nouveau message de ") + author;
  const std::string link = "/programmes/" + std::to_string(programme.id) + "/communaute#message-" +
                           std::to_string(post.id);
  std::vector<notifications::NewNotification> out;
  for (std::int64_t user : users) out.push_back({user, "programme", subject, link});
  return out;
}

}  // namespace boussole::programmes
