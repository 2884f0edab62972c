#pragma once
// Who belongs to a programme's learning community (issue 7, item 8), and the notifications
// a new post or comment gives them: its participants and observers hear of it at their own
// pace (notifications, issue 5), never its author.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "domain/notifications/notification.h"
#include "domain/organisations/organisation_repository.h"
#include "domain/programmes/programme_repository.h"

namespace boussole::programmes {

//! The organisations of the community: the pilot (the ANCT that runs it), the collectivités
//! of its selected territories, and the organisations registered (stakeholders, waitlist,
//! observers).
std::set<std::int64_t> CommunityOrganisations(const Programme& programme, const std::vector<CohortTerritory>& cohort,
                                              const std::vector<Participant>& participants,
                                              const std::vector<organisations::Organisation>& organisations);

//! One notification per member of the community's organisations, the author excepted, for a
//! new post (or a comment, when `post.parent_id` is set) named by `author`.
std::vector<notifications::NewNotification> CommunityNotifications(ProgrammeRepository& programmes,
                                                                   organisations::OrganisationRepository& organisations,
                                                                   const Programme& programme, const Post& post,
                                                                   const std::string& author);

}  // namespace boussole::programmes
