#pragma once
// What the seminar pages (forms) and the seminar API (JSON) both do (issue 7, items 5 and 9):
// find the seminar of the path, generate a programme's seminars from its type, edit one,
// register the viewer, record attendance, and the seminar as JSON. Refusals are French
// errors whose code gives the status (ActionStatusOf); nothing is stored when refused.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "domain/programmes/programme.h"
#include "web/action_status.h"
#include "web/context.h"
#include "web/http/request.h"
#include "web/programme_request.h"

namespace boussole::web {

struct SeminarInPath {
  ProgrammeInPath programme;
  programmes::Seminar seminar;
};
//! The `{seminar}` of the path if it belongs to the `{programme}` of the path.
std::optional<SeminarInPath> FindSeminarInPath(const WebContext& context, const Request& request);

//! The name of a cohort territory of `p` (its id when unknown, "" for none).
std::string CohortTerritoryName(const WebContext& context, const programmes::Programme& p, const std::string& id);

//! The seminar as the page and the API show it (Paris wall-clock date and time, length,
//! places left, the .ics link).
nlohmann::json SeminarJson(const WebContext& context, const programmes::Programme& p, const programmes::Seminar& s);

//! Generates the seminars of a running programme from its type, once.
Result<std::vector<programmes::Seminar>> GenerateProgrammeSeminars(const WebContext& context,
                                                                   const ProgrammeInPath& found);

//! A seminar's editable fields as a form gives them (texts; "" date and time: not dated).
struct SeminarEdit {
  std::string date;  //!< YYYY-MM-DD, Paris
  std::string time;  //!< HH:MM, Paris
  std::string minutes;
  std::string capacity;
  std::string place;
  std::string online_link;
  std::string agenda;
  std::string minutes_text;
};
//! The seminar's current values (what a partial update starts from).
SeminarEdit EditOf(const programmes::Seminar& s);
//! Checks `edit` and stores it on `current`; the errors name their field.
Result<programmes::Seminar> ApplySeminarEdit(const WebContext& context, const programmes::Seminar& current,
                                             const SeminarEdit& edit);

//! Takes a seat for the viewer (under the store's lock): full and conflict refused.
Status RegisterViewerForSeminar(const WebContext& context, const programmes::Seminar& s);

}  // namespace boussole::web
