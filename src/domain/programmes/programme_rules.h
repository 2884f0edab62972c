#pragma once
// The rules of collective programmes that do not need storage: the seminars a type
// generates, what the active phase allows, the bounds of working groups. Messages are
// French, for people.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/programmes/programme.h"
#include "domain/programmes/programme_types.h"

namespace boussole::programmes {

//! The seminars of a programme of `type` whose cohort is `territories` (selected ones):
//! per territory `local_seminars` local seminars, then `intersite_seminars` intersite ones,
//! then the follow-up meeting `follow_up_months` after the end. Dated from
//! `programme.starts_on` (one every three months, at 08:00 UTC), editable afterwards.
//! Fails when the programme has no start date or its cohort is outside the type's bounds.
Result<std::vector<Seminar>> GenerateSeminars(const ProgrammeType& type, const Programme& programme,
                                              const std::vector<std::string>& territories);

//! The phases a new programme of `type` starts with (the first active).
std::vector<Phase> InitialPhases(const ProgrammeType& type);

//! The spec of the active phase, nullptr when none is active or it is unknown.
const PhaseSpec* ActivePhase(const ProgrammeType& type, const std::vector<Phase>& phases);

//! Ok when the active phase lets organisations support themes; the French refusal otherwise.
Status CheckThemeSupportAllowed(const ProgrammeType& type, const std::vector<Phase>& phases);
//! Ok when the active phase lets territories deposit deliverables.
Status CheckDeliverablesAllowed(const ProgrammeType& type, const std::vector<Phase>& phases);

//! The refusal when a cohort is full ("Une Fabrique prospective réunit 4 à 8 territoires…").
std::string CohortFullMessage(const ProgrammeType& type);
//! What a candidate stakeholder beyond the maximum is told.
std::string WaitlistMessage(const ProgrammeType& type);

//! A warning when a territory's local working group has fewer or more members than the
//! type asks for (15 to 20 for a Fabrique); nullopt when within bounds or the type has none.
std::optional<std::string> WorkingGroupWarning(const ProgrammeType& type, std::size_t members);

//! "association", "habitant"… : the kinds of actors of a working group (seeds 000, 003).
const std::vector<std::pair<std::string, std::string>>& ActorKinds();
//! "elu", "agent", "groupe_local", "groupe_enquete": the groups of people of a territory.
const std::vector<std::pair<std::string, std::string>>& PersonGroups();

//! YYYY-MM-DD plus `months` (the day clamped to the month's last); "" when `date` is not a date.
std::string AddMonths(const std::string& date, int months);
//! Whether `text` is a valid YYYY-MM-DD date.
bool IsDate(const std::string& text);

}  // namespace boussole::programmes
