// The calendar of a programme (issue 7, item 5): seminars generated from the type, each
// editable (date, place or online link, agenda, capacity, minutes), registrations under a
// lock, attendance, and iCalendar exports per seminar and per programme.
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "domain/programmes/calendar.h"
#include "domain/programmes/programme_rules.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/seminar_actions.h"
#include "web/viewer.h"
#include "web/views/programme_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using namespace programmes;

constexpr const char* kUidHost = "boussole";

Response GenerateSeminars(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  auto generated = GenerateProgrammeSeminars(context, *found);
  if (!generated) return RenderError(context, request, ActionStatusOf(generated.error()), generated.error().message);
  return Response::Redirect(303, "/programmes/" + std::to_string(found->programme.id) + "?message=seminaires#calendrier");
}

Response SeminarPage(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
  json view = SeminarJson(context, found->programme.programme, found->seminar);
  const Viewer& viewer = CurrentViewer();
  const bool manages = ManagesProgramme(context, found->programme.programme);
  view["manages"] = manages;
  view["signed_in"] = viewer.signed_in();
  if (viewer.signed_in()) {
    view["csrf"] = CurrentCsrfToken();
    json registrations = json::array();
    bool self = false;
    for (const Registration& r : context.store.RegistrationsOf(found->seminar.id)) {
      if (r.user_id == viewer.account->user.id) self = true;
      if (manages) {
        registrations.push_back({{"user_id", r.user_id}, {"display_name", r.display_name}, {"attended", r.attended}});
      }
    }
    view["registered_self"] = self;
    view["registrations"] = registrations;
  }
  if (request.Query("message").value_or("") == "inscrit") view["notice"] = "Vous êtes inscrit à ce séminaire.";
  return RenderPage(context, 200, "seminar", view,
                    {found->seminar.title,
                     {{"Programmes collectifs", "/programmes"},
                      {found->programme.programme.title, "/programmes/" + std::to_string(found->programme.programme.id)}},
                     "programmes"});
}

Response UpdateSeminar(const WebContext& context, const Request& request) {
  auto found = FindSeminarInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const Form& f = form.value();
  const SeminarEdit edit{f.Get("date"),  f.Get("time"),        f.Get("minutes"), f.Get("capacity"),
                         f.Get("place"), f.Get("online_link"), f.Get("agenda"),  f.Get("minutes_text")};
  auto saved = ApplySeminarEdit(context, found->seminar, edit);
  if (!saved) return RenderError(context, request, ActionStatusOf(saved.error()), saved.error().message);
  return Response::Redirect(303, "/programmes/" + std::to_string(saved.value().programme_id) + "/seminaires/" +
                                     std::to_string(saved.value().id));
}

Response RegisterForSeminar(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
  auto registered = RegisterViewerForSeminar(context, found->seminar);
  if (!registered) return RenderError(context, request, ActionStatusOf(registered.error()), registered.error().message);
  return Response::Redirect(303, "/programmes/" + std::to_string(found->programme.programme.id) + "/seminaires/" +
                                     std::to_string(found->seminar.id) + "?message=inscrit");
}

Response SetAttendance(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string user = form.value().Get("user"), attended = form.value().Get("attended");
  if (user.empty() || user.size() > 18 || user.find_first_not_of("0123456789") != std::string::npos ||
      (attended != "oui" && attended != "non")) {
    return RenderError(context, request, 400, "Indiquez la personne et sa présence (oui ou non).");
  }
  auto done = context.store.SetAttendance(found->seminar.id, std::stoll(user), attended == "oui");
  if (!done) return RenderError(context, request, 404, done.error().message);
  return Response::Redirect(303, "/programmes/" + std::to_string(found->programme.programme.id) + "/seminaires/" +
                                     std::to_string(found->seminar.id) + "#inscrits");
}

Response Calendar(std::string body, const std::string& file_name) {
  Response response;
  response.status = 200;
  response.body = std::move(body);
  response.SetHeader("Content-Type", "text/calendar; charset=utf-8");
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return response;
}

Response SeminarCalendar(const WebContext& context, const Request& request) {
  const auto found = FindSeminarInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce séminaire n'existe pas.");
  const Programme& p = found->programme.programme;
  CalendarEvent event{found->seminar, p.title, CohortTerritoryName(context, p, found->seminar.territory_id), ""};
  return Calendar(RenderCalendar(p.title, {event}, NowUtc(), kUidHost),
                  "seminaire-" + std::to_string(found->seminar.id) + ".ics");
}

Response ProgrammeCalendar(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const Programme& p = found->programme;
  std::vector<CalendarEvent> events;
  const auto cohort = context.store.CohortOf(p.id);
  for (const Seminar& s : context.store.SeminarsOf(p.id)) {
    std::string name;
    for (const auto& t : cohort) {
      if (t.territory_id == s.territory_id) name = t.name;
    }
    events.push_back({s, p.title, name, ""});
  }
  return Calendar(RenderCalendar(p.title, events, NowUtc(), kUidHost), "programme-" + std::to_string(p.id) + ".ics");
}

}  // namespace

void RegisterSeminarPages(Router& router, const WebContext& context) {
  auto add = [&](const char* method, const char* pattern, const char* name, PageHandler page) {
    AddPage(router, context, method, pattern, name, page);
  };
  add("POST", "/programmes/{programme}/seminaires/generation", "seminar_generate", GenerateSeminars);
  add("GET", "/programmes/{programme}/calendrier.ics", "programme_calendar", ProgrammeCalendar);
  add("GET", "/programmes/{programme}/seminaires/{seminar}", "seminar_page", SeminarPage);
  add("POST", "/programmes/{programme}/seminaires/{seminar}", "seminar_update", UpdateSeminar);
  add("POST", "/programmes/{programme}/seminaires/{seminar}/inscription", "seminar_register", RegisterForSeminar);
  add("POST", "/programmes/{programme}/seminaires/{seminar}/presence", "seminar_attendance", SetAttendance);
  add("GET", "/programmes/{programme}/seminaires/{seminar}/calendrier.ics", "seminar_calendar", SeminarCalendar);
}

}  // namespace boussole::web
