#pragma once
// What the programme pages (forms) and the programme API (JSON) both do to a programme and
// its cohort (issue 7, items 4, 6 and 9): create a programme, propose, select and remove
// territories, register an organisation (stakeholder, waitlist, observer), arbitrate the
// waitlist, name the people of a territory, date and open phases, record the named steps of
// a projet partagé. Each action checks who acts and what is given, then writes, or refuses
// with a French message and an error code (web/action_status.h gives its HTTP status);
// nothing is stored when it refuses.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/organisations/organisation.h"
#include "domain/programmes/programme.h"
#include "domain/programmes/programme_types.h"
#include "web/action_status.h"
#include "web/context.h"
#include "web/http/request.h"
#include "web/programme_request.h"

namespace boussole::web {

//! The programme of the path, still running: not_found, or conflict when it is historic.
Result<ProgrammeInPath> RunningProgrammeInPath(const WebContext& context, const Request& request);

// ---- creation ----

//! 400's message when `pilot` does not create programmes (only the ANCT does); nullopt otherwise.
std::optional<Error> CheckPilot(const organisations::Organisation& pilot);

struct NewProgrammeInput {
  std::string type;
  std::string title;
  std::string year;  //!< four digits
  std::string starts_on;
  std::string description;
  std::vector<std::string> partners;  //!< names, as written
};

struct NewProgrammeCheck {
  programmes::Programme programme;  //!< ready for CreateCheckedProgramme when no error
  const programmes::ProgrammeType* type = nullptr;
  std::vector<Error> errors;  //!< French, by field ("type", "title", "year", "starts_on", "description")
  bool ok() const { return errors.empty(); }
};

NewProgrammeCheck CheckNewProgramme(const organisations::Organisation& pilot, const NewProgrammeInput& input);
//! Stores a checked programme (a free slug, its end from the type's length, its first phases).
programmes::Programme CreateCheckedProgramme(const WebContext& context, const NewProgrammeCheck& check);
//! The partners of a textarea, one a line, blank lines dropped.
std::vector<std::string> PartnerLines(const std::string& text);

// ---- cohort ----

//! A territory proposed for the cohort: by the pilot ("anct"), or for the organisation named
//! by `organisation` (a collectivité for its own territory, a délégation, an operator).
Result<programmes::CohortTerritory> ProposeCohortTerritory(const WebContext& context, const ProgrammeInPath& found,
                                                           const std::string& territory, const std::string& organisation);
//! The pilot selects a proposed territory (the type's maximum: "full", with CohortFullMessage).
Status SelectCohortTerritory(const WebContext& context, const ProgrammeInPath& found, const std::string& territory);
//! The pilot removes a territory from the cohort.
Status RemoveCohortTerritory(const WebContext& context, const ProgrammeInPath& found, const std::string& territory);

struct RegistrationOutcome {
  organisations::Organisation organisation;
  std::string role;  //!< given: "stakeholder", "waitlist" or "observer"
};
//! A collectivité the viewer belongs to registers as "stakeholder" or "observer" (a
//! stakeholder beyond the type's maximum waits: role "waitlist").
Result<RegistrationOutcome> RegisterCohortOrganisation(const WebContext& context, const ProgrammeInPath& found,
                                                       const std::string& organisation, const std::string& role);
//! What the registered organisation is told ("Les 5 places de partie prenante sont prises…").
std::string RegistrationNotice(const programmes::ProgrammeType& type, const std::string& role);
//! The pilot's decision on a waiting organisation: "stakeholder" or "observer".
Status ArbitrateCohortWaitlist(const WebContext& context, const ProgrammeInPath& found, const std::string& organisation,
                               const std::string& role);

//! An élu, an agent or a member of a group of a selected territory, named by the pilot or the
//! territory's collectivité (`person.programme_id` is set here).
Status AddCohortPerson(const WebContext& context, const ProgrammeInPath& found, programmes::Person person);

// ---- phases ----

//! The position of a phase as written ("3"); 400 "Phase inconnue." otherwise.
Result<int> ParsePhasePosition(const std::string& text);
//! Checks dates of a phase (each "" or YYYY-MM-DD, the end not before the start).
std::optional<Error> CheckPhaseDates(const std::string& starts_on, const std::string& ends_on);
Status DatePhase(const WebContext& context, const ProgrammeInPath& found, int position, const std::string& starts_on,
                 const std::string& ends_on);
Status OpenPhase(const WebContext& context, const ProgrammeInPath& found, int position);

// ---- named steps of a projet partagé ----

//! The action plan's adoption (date, deliberation) or the feedback to inhabitants of a
//! stakeholder territory, recorded by the pilot or the territory's collectivité, from the
//! action plan's phase on (`record.programme_id` is set here).
Status RecordCohortStep(const WebContext& context, const ProgrammeInPath& found, programmes::StepRecord record);

}  // namespace boussole::web
